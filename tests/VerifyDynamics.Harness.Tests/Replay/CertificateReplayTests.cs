using System.Text.Json.Nodes;
using VerifyDynamics.Core;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Harness.Replay;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Theorems;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Replay;

/// <summary>
/// <c>vd replay</c>'s core (<see cref="CertificateReplay"/>) on a fresh ACGH19.Claim1 certificate (6 trials; four variants
/// with counterexamples): a faithful certificate replays, and each kind of edit is caught and named. Until now only the
/// CLI's tests ran it, outside the Harness's Stryker scope.
/// </summary>
public sealed class CertificateReplayTests
{
    private static readonly Lazy<string> Claim1 = new(() =>
        CanonicalJson.Seal(CertificateBuilder.Build(StatementRunner.Run(Catalog.Get("ACGH19.Claim1"), new RunOptions(new Seed(7), Trials: 6, Parallelism: 1)))));

    private static JsonObject Edit(Action<JsonObject> edit)
    {
        var o = JsonNode.Parse(Claim1.Value)!.AsObject();
        edit(o);
        return o;
    }

    private static string Resealed(Action<JsonObject> edit) => CanonicalJson.Seal(Edit(edit));

    /// <summary>Indices of the certificate's variants that record a counterexample (each is one replayed item).</summary>
    private static int[] Refuting(JsonObject o) =>
        [.. o["variants"]!.AsArray().Select((v, i) => (v, i)).Where(x => x.v!["counterexample"] is JsonObject).Select(x => x.i)];

    [Fact]
    public void AFaithfulCertificate_Replays_ItemByItem()
    {
        var c = Certificate.Read(Claim1.Value, "Claim1.json");
        var report = CertificateReplay.Replay(Claim1.Value, fullRun: false);
        Assert.Equal("ACGH19.Claim1", report.Statement);
        Assert.True(report.SealIntact);
        Assert.Equal(c.StoredHash, report.StoredHash);
        Assert.Equal(c.RecomputedHash, report.RecomputedHash);
        Assert.Null(report.FullRunIdentical);
        Assert.Empty(report.Differences);
        Assert.Null(report.OtherBuild);
        var withCounterexample = c.Variants.Where(v => v["counterexample"] is JsonObject).Select(v => "variant " + v["name"]!.GetValue<string>());
        Assert.Equal(["worst trial", .. withCounterexample], report.Items.Select(i => i.What));
        Assert.True(report.Items.Count >= 3, "the fresh certificate should have at least two refuted variants");
        Assert.All(report.Items, i => Assert.True(i.Matches, $"{i.What}: {i.RecordedOutcome} {i.RecordedMargin} vs {i.ReplayedOutcome} {i.ReplayedMargin}"));
        Assert.Equal("holds", report.Items[0].RecordedOutcome);
        Assert.Equal(c.Trials["worst"]!["margin"]!["value"]!.GetValue<double>(), report.Items[0].RecordedMargin);
        Assert.Equal(report.Items[0].RecordedMargin, report.Items[0].ReplayedMargin);
        Assert.All(report.Items.Skip(1), i => Assert.Equal("confirmed", i.ReplayedOutcome));
        Assert.True(report.Success);
    }

    [Fact]
    public void AnEditedMarginOrOutcome_IsAMismatch_EvenWhenResealed()
    {
        var margin = CertificateReplay.Replay(Resealed(o => o["trials"]!["worst"]!["margin"]!["value"] = 0.125), fullRun: false);
        Assert.True(margin.SealIntact);
        Assert.False(margin.Items[0].Matches);
        Assert.Equal(0.125, margin.Items[0].RecordedMargin);
        Assert.All(margin.Items.Skip(1), i => Assert.True(i.Matches));
        Assert.False(margin.Success);

        int first = Refuting(Edit(_ => { }))[0];
        var outcome = CertificateReplay.Replay(Resealed(o => o["variants"]![first]!["counterexample"]!["outcome"] = "holds"), fullRun: false);
        Assert.Equal("holds", outcome.Items[1].RecordedOutcome);
        Assert.Equal("confirmed", outcome.Items[1].ReplayedOutcome);
        Assert.False(outcome.Items[1].Matches);
        Assert.False(outcome.Success);
    }

    [Fact]
    public void ABrokenSeal_FailsTheReplay_WhileTheItemsStillMatch()
    {
        var r = CertificateReplay.Replay(Edit(o => o["title"] = "edited").ToJsonString(), fullRun: false);
        Assert.False(r.SealIntact);
        Assert.NotEqual(r.StoredHash, r.RecomputedHash);
        Assert.All(r.Items, i => Assert.True(i.Matches));
        Assert.False(r.Success);
    }

    [Fact]
    public void ListedCounterexamples_AndRecordsWithoutAnInstance_AreItems()
    {
        var worst = JsonNode.Parse(Claim1.Value)!["trials"]!["worst"]!.DeepClone();
        string text = Resealed(o =>
        {
            o["trials"]!["counterexamples"] = new JsonArray(worst);
            o["trials"]!["worst"]!.AsObject().Remove("instance");
        });
        var r = CertificateReplay.Replay(text, fullRun: false);
        Assert.Equal("worst trial (no instance recorded)", r.Items[0].What);
        Assert.True(r.Items[0].Matches);
        Assert.Equal(r.Items[0].RecordedMargin, r.Items[0].ReplayedMargin);
        Assert.Equal("counterexample 1", r.Items[1].What);
        Assert.Equal("holds", r.Items[1].ReplayedOutcome);
        Assert.True(r.Items[1].Matches);
        Assert.Equal(2 + Refuting(Edit(_ => { })).Length, r.Items.Count);

        // A margin recorded as the text of a non-finite number is read as that number.
        var nan = CertificateReplay.Replay(Resealed(o => o["trials"]!["worst"]!["margin"]!["value"] = "NaN"), fullRun: false);
        Assert.True(double.IsNaN(nan.Items[0].RecordedMargin!.Value));
        Assert.False(nan.Items[0].Matches);
        var none = CertificateReplay.Replay(Resealed(o => o["trials"]!["worst"]!.AsObject().Remove("margin")), fullRun: false);
        Assert.Null(none.Items[0].RecordedMargin);
        Assert.True(none.Items[0].Matches);
    }

    [Fact]
    public void VariantsThatTheCatalogLacks_OrWithoutACounterexample_AreSkipped()
    {
        int[] refuting = Refuting(Edit(_ => { }));
        var r = CertificateReplay.Replay(Resealed(o =>
        {
            o["variants"]![refuting[0]]!["name"] = "NoSuchVariant";
            o["variants"]![refuting[1]]!["counterexample"] = null;
        }), fullRun: false);
        Assert.Equal(1 + refuting.Length - 2, r.Items.Count);
        Assert.True(r.Success);
    }

    [Fact]
    public void AnUnchangedConstant_IsNotAnOverride()
    {
        // ACGH19.Claim1 has no constant: an override of an unknown name could not be resolved, so only the paper's value passes.
        var r = CertificateReplay.Replay(Resealed(o => o["constants"] = new JsonArray(new JsonObject { ["name"] = "zeta", ["value"] = "1/2", ["paperValue"] = "2/4" })), fullRun: false);
        Assert.True(r.Success);
    }

    [Theory]
    [InlineData("unknown statement", "the certificate names statement 'ACGH19.NoSuchClaim', which this version of the catalog does not have")]
    [InlineData("constant without a name", "a constant of the certificate has no name")]
    [InlineData("constant without a value", "constant 'zeta' of the certificate has no value")]
    [InlineData("counterexample not an object", "trials.counterexamples[0] is not an object")]
    [InlineData("variant without a name", "a variant of the certificate has no name")]
    public void AMalformedCertificate_IsRefused_WithWhatIsWrong(string edit, string message)
    {
        string text = Resealed(o =>
        {
            switch (edit)
            {
                case "unknown statement": o["statement"] = "ACGH19.NoSuchClaim"; break;
                case "constant without a name": o["constants"] = new JsonArray(new JsonObject { ["value"] = "1" }); break;
                case "constant without a value": o["constants"] = new JsonArray(new JsonObject { ["name"] = "zeta" }); break;
                case "counterexample not an object": o["trials"]!["counterexamples"] = new JsonArray(JsonValue.Create(1)); break;
                case "variant without a name": o["variants"]![2]!.AsObject().Remove("name"); break;
                default: throw new ArgumentOutOfRangeException(nameof(edit), edit, "unknown edit");
            }
        });
        Assert.Equal(message, Assert.Throws<FormatException>(() => CertificateReplay.Replay(text, fullRun: false)).Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(InputLimits.MaxTrials + 1)]
    public void AFullRun_OfAnImplausibleTrialCount_IsRefusedBeforeRunning(int count)
    {
        string text = Resealed(o => o["trials"]!["count"] = count);
        Assert.Equal($"the certificate records {count} trials; a full re-run is limited to 1..{InputLimits.MaxTrials} (README \"Input limits\")",
            Assert.Throws<InputLimitException>(() => CertificateReplay.Replay(text, fullRun: true)).Message);
        Assert.True(CertificateReplay.Replay(text, fullRun: false).Success);
    }

    [Fact]
    public void AFullRun_ReproducesTheBytes_NamesAnyDifference_AndToleratesAnotherBuild()
    {
        var same = CertificateReplay.Replay(Claim1.Value, fullRun: true);
        Assert.True(same.FullRunIdentical);
        Assert.Empty(same.Differences);
        Assert.Null(same.OtherBuild);
        Assert.True(same.Success);

        var edited = CertificateReplay.Replay(Resealed(o => o["verdictReason"] = "edited"), fullRun: true);
        Assert.False(edited.FullRunIdentical);
        Assert.Single(edited.Differences);
        Assert.StartsWith("verdictReason: \"edited\" in the certificate, ", edited.Differences[0], StringComparison.Ordinal);
        Assert.Null(edited.OtherBuild);
        Assert.False(edited.Success);

        var other = CertificateReplay.Replay(Resealed(o => o["tools"]!["verifydynamics"] = "0.0.0.1"), fullRun: true);
        Assert.True(other.FullRunIdentical);
        Assert.Empty(other.Differences);
        Assert.StartsWith("made by another build of vd (tools.verifydynamics: \"0.0.0.1\" in the certificate, ", other.OtherBuild, StringComparison.Ordinal);
        Assert.EndsWith("); every result is identical", other.OtherBuild, StringComparison.Ordinal);
        Assert.True(other.Success);
    }

    [Fact]
    public void ReplayItem_Matches_OnTheOutcome_AndTheMarginToTheBit()
    {
        Assert.True(new ReplayItem("w", "holds", "holds", 0.5, 0.5).Matches);
        Assert.True(new ReplayItem("w", "holds", "holds", null, 0.5).Matches);
        Assert.True(new ReplayItem("w", "holds", "holds", 0.5, null).Matches);
        Assert.False(new ReplayItem("w", "holds", "confirmed", 0.5, 0.5).Matches);
        Assert.False(new ReplayItem("w", "holds", "holds", 0.5, 0.5000000000000001).Matches);
        Assert.True(new ReplayItem("w", "holds", "holds", double.NaN, double.NaN).Matches);
        var ok = new ReplayReport("X.Y", true, "h", "h", [new ReplayItem("w", "holds", "holds", 1, 1)], null);
        Assert.True(ok.Success);
        Assert.True((ok with { FullRunIdentical = true }).Success);
        Assert.False((ok with { FullRunIdentical = false }).Success);
        Assert.False((ok with { SealIntact = false }).Success);
        Assert.False((ok with { Items = [new ReplayItem("w", "holds", "holds", 1, 2)] }).Success);
    }
}
