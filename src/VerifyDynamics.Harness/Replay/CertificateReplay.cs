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
    public bool Success => SealIntact && Items.All(i => i.Matches) && FullRunIdentical != false;
}

/// <summary>
/// <c>vd replay CERT</c>: checks the seal (SHA-256 of the canonical content), re-evaluates the worst
/// instance and every listed counterexample (of the statement and of its variants) with the recorded
/// constants, and optionally re-runs the whole statement from the recorded seed and compares the bytes.
/// </summary>
public static class CertificateReplay
{
    public static ReplayReport Replay(string certificateText, bool fullRun)
    {
        var (stored, recomputed) = CanonicalJson.CheckSeal(certificateText);
        var c = CertificateStore.Parse(certificateText);
        string id = c["statement"]?.GetValue<string>() ?? throw new FormatException("the certificate has no 'statement' field");
        var statement = Catalog.Find(id) ?? throw new FormatException($"the certificate names statement '{id}', which this version of the catalog does not have");
        var overrides = new SortedDictionary<string, Rational>(StringComparer.Ordinal);
        // Only values that differ from the paper's are overrides (as --set was): re-imposing the paper's value would also
        // undo the constant that a ConstantChanged mutant changes.
        foreach (var node in c["constants"]?.AsArray() ?? [])
        {
            var value = Rational.Parse(node!["value"]!.GetValue<string>());
            if (node["paperValue"] is { } paper && Rational.Parse(paper.GetValue<string>()) == value)
            {
                continue;
            }
            overrides[node["name"]!.GetValue<string>()] = value;
        }
        var items = new List<ReplayItem>();
        var constants = StatementRunner.ResolveConstants(statement, overrides);
        var trials = c["trials"]!.AsObject();
        if (trials["worst"] is JsonObject worst)
        {
            items.Add(ReplayOne("worst trial", statement, constants, worst));
        }
        foreach (var (cx, i) in (trials["counterexamples"]?.AsArray() ?? []).Select((n, i) => (n!.AsObject(), i)))
        {
            items.Add(ReplayOne($"counterexample {i + 1}", statement, constants, cx));
        }
        foreach (var v in c["variants"]?.AsArray() ?? [])
        {
            string name = v!["name"]!.GetValue<string>();
            var variant = statement.Variants.FirstOrDefault(x => x.Name == name);
            if (variant is null || v["counterexample"] is not JsonObject cx)
            {
                continue;
            }
            var mutated = variant.Apply(statement);
            items.Add(ReplayOne($"variant {name}", mutated, StatementRunner.ResolveConstants(mutated, overrides), cx));
        }
        bool? identical = null;
        if (fullRun)
        {
            var seed = Seed.Parse(c["rootSeed"]!.GetValue<string>());
            int count = trials["count"]!.GetValue<int>();
            var result = StatementRunner.Run(statement, new RunOptions(seed, count, overrides, Environment.ProcessorCount));
            string again = CanonicalJson.Seal(CertificateBuilder.Build(result));
            identical = CanonicalJson.CheckSeal(again).Recomputed == recomputed;
        }
        return new ReplayReport(id, stored == recomputed, stored, recomputed, items, identical);
    }

    private static ReplayItem ReplayOne(string what, Statement statement, ConstantValues constants, JsonObject recorded)
    {
        string outcome = recorded["outcome"]?.GetValue<string>() ?? "?";
        double? margin = ReadDouble(recorded["margin"]?["value"]);
        if (recorded["instance"] is not JsonObject instanceJson)
        {
            return new ReplayItem(what + " (no instance recorded)", outcome, outcome, margin, margin);
        }
        var instance = InstanceJson.Parse(instanceJson.ToJsonString());
        var replayed = TrialRunner.Evaluate(statement, constants, instance, recorded["trial"]?.GetValue<int>() ?? 0, new Seed(0));
        return new ReplayItem(what, outcome, replayed.Outcome.ToString().ToLowerInvariant(), margin, replayed.Worst?.Value);
    }

    private static double? ReadDouble(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue(out double d) => d,
        JsonValue v when v.TryGetValue(out string? s) => double.Parse(s, CultureInfo.InvariantCulture),
        _ => null,
    };
}
