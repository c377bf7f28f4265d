using System.Globalization;
using System.Text.Json.Nodes;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Theorems;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Harness.Replay;

/// <summary>One replayed item: what the certificate recorded and what re-evaluation gives now.</summary>
public sealed record ReplayItem(string What, string RecordedOutcome, string ReplayedOutcome, double? RecordedMargin, double? ReplayedMargin)
{
    /// <summary>Same outcome, and the same margin to the last bit (evaluation is deterministic).</summary>
    public bool Matches => RecordedOutcome == ReplayedOutcome
        && (RecordedMargin is null || ReplayedMargin is null || RecordedMargin.Value.Equals(ReplayedMargin.Value));
}

/// <summary>The replay of a certificate.</summary>
public sealed record ReplayReport(string Statement, bool SealIntact, string? StoredHash, string RecomputedHash, IReadOnlyList<ReplayItem> Items, bool? FullRunIdentical)
{
    /// <summary>With --full: the members whose recorded value differs from the re-run's (JSON paths), empty when identical.</summary>
    public IReadOnlyList<string> Differences { get; init; } = [];

    /// <summary>
    /// With --full: the certificate was made by another build (its <c>tools</c> — vd's version and source id — differ from
    /// this one's) while everything it records about the statement is identical; null when the builds agree. Not a failure:
    /// the results are what the certificate says, and the note says which builds made them.
    /// </summary>
    public string? OtherBuild { get; init; }

    public bool Success => SealIntact && Items.All(i => i.Matches) && FullRunIdentical != false;
}

/// <summary>
/// <c>vd replay CERT</c>: checks the seal (SHA-256 of the canonical content), re-evaluates the worst
/// instance and every listed counterexample (of the statement and of its variants) with the recorded
/// constants, and optionally re-runs the whole statement from the recorded seed and compares the bytes.
/// </summary>
public static class CertificateReplay
{
    public static ReplayReport Replay(string certificateText, bool fullRun) => Replay(Certificate.Read(certificateText, "the certificate"), fullRun);

    public static ReplayReport Replay(Certificate c, bool fullRun)
    {
        string id = c.Statement;
        var statement = Catalog.Find(id) ?? throw new FormatException($"the certificate names statement '{id}', which this version of the catalog does not have");
        var overrides = new SortedDictionary<string, Rational>(StringComparer.Ordinal);
        // Only values that differ from the paper's are overrides (as --set was): re-imposing the paper's value would also
        // undo the constant that a ConstantChanged mutant changes.
        foreach (var node in c.Constants)
        {
            string name = node["name"] is JsonValue nv && nv.TryGetValue(out string? n) ? n : throw new FormatException("a constant of the certificate has no name");
            var value = Rational.Parse(node["value"] is JsonValue vv && vv.TryGetValue(out string? v) ? v : throw new FormatException($"constant '{name}' of the certificate has no value"));
            if (node["paperValue"] is JsonValue paper && paper.TryGetValue(out string? p) && Rational.Parse(p) == value)
            {
                continue;
            }
            overrides[name] = value;
        }
        var items = new List<ReplayItem>();
        var constants = StatementRunner.ResolveConstants(statement, overrides);
        var trials = c.Trials;
        if (trials["worst"] is JsonObject worst)
        {
            items.Add(ReplayOne("worst trial", statement, constants, worst));
        }
        foreach (var (cx, i) in (trials["counterexamples"] as JsonArray ?? []).Select((n, i) => (n as JsonObject, i)))
        {
            if (cx is null)
            {
                throw new FormatException($"trials.counterexamples[{i}] is not an object");
            }
            items.Add(ReplayOne($"counterexample {i + 1}", statement, constants, cx));
        }
        foreach (var v in c.Variants)
        {
            string name = v["name"] is JsonValue nv && nv.TryGetValue(out string? n) ? n : throw new FormatException("a variant of the certificate has no name");
            var variant = statement.Variants.FirstOrDefault(x => x.Name == name);
            if (variant is null || v["counterexample"] is not JsonObject cx)
            {
                continue;
            }
            var mutated = variant.Apply(statement);
            items.Add(ReplayOne($"variant {name}", mutated, StatementRunner.ResolveConstants(mutated, overrides), cx));
        }
        bool? identical = null;
        IReadOnlyList<string> differences = [];
        string? otherBuild = null;
        if (fullRun)
        {
            if (c.TrialCount < 1 || c.TrialCount > Core.InputLimits.MaxTrials)
            {
                // A resealed certificate can claim any count: bounded before the re-run, not after hours of it.
                throw new Core.InputLimitException($"the certificate records {c.TrialCount} trials; a full re-run is limited to 1..{Core.InputLimits.MaxTrials} (README \"Input limits\")");
            }
            var seed = Seed.Parse(c.RootSeed);
            var result = StatementRunner.Run(statement, new RunOptions(seed, c.TrialCount, overrides, Environment.ProcessorCount));
            var again = CertificateBuilder.Build(result);
            string againText = CanonicalJson.Seal(again);
            identical = CanonicalJson.CheckSeal(againText).Recomputed == c.RecomputedHash;
            if (identical == false)
            {
                var recorded = c.Json.DeepClone().AsObject();
                var rerun = JsonNode.Parse(againText)!.AsObject();
                // Made by another build of vd (its source id differs): the results are compared without the 'tools' member.
                if (Certificate.Differences(WithoutTools(recorded.DeepClone().AsObject()), WithoutTools(rerun.DeepClone().AsObject())).Count == 0)
                {
                    var tools = Certificate.Differences(recorded["tools"], rerun["tools"]);
                    otherBuild = $"made by another build of vd ({(tools.Count > 0 ? "tools." + tools[0] : "tools")}); every result is identical";
                    identical = true;
                }
                else
                {
                    differences = Certificate.Differences(c.Json, rerun);
                }
            }
        }
        return new ReplayReport(id, c.SealIntact, c.StoredHash, c.RecomputedHash, items, identical) { Differences = differences, OtherBuild = otherBuild };
    }

    private static JsonObject WithoutTools(JsonObject o)
    {
        o.Remove("tools");
        o.Remove(CanonicalJson.HashField);
        return o;
    }

    private static ReplayItem ReplayOne(string what, Statement statement, ConstantValues constants, JsonObject recorded)
    {
        string outcome = recorded["outcome"] is JsonValue ov && ov.TryGetValue(out string? o) ? o : "?";
        double? margin = ReadDouble(recorded["margin"]?["value"]);
        if (recorded["instance"] is not JsonObject instanceJson)
        {
            return new ReplayItem(what + " (no instance recorded)", outcome, outcome, margin, margin);
        }
        string instanceText = instanceJson.ToJsonString();
        InputFiles.CheckInstance(instanceText);
        var instance = InstanceJson.Parse(instanceText);
        int trial = recorded["trial"] is JsonValue tv && tv.TryGetValue(out int t) ? t : 0;
        var replayed = TrialRunner.Evaluate(statement, constants, instance, trial, new Seed(0));
        return new ReplayItem(what, outcome, replayed.Outcome.ToString().ToLowerInvariant(), margin, replayed.Worst?.Value);
    }

    private static double? ReadDouble(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue(out double d) => d,
        JsonValue v when v.TryGetValue(out string? s) => double.Parse(s, CultureInfo.InvariantCulture),
        _ => null,
    };
}
