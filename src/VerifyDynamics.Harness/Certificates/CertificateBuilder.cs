using System.Text.Json.Nodes;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Harness.Verdicts;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Harness.Certificates;

/// <summary>
/// Builds the certificate of a statement run (DESIGN.md "Certificates"): no timestamps, no
/// durations, nothing that depends on the machine or the thread count, so the same seed and
/// inputs give the same bytes.
/// </summary>
public static class CertificateBuilder
{
    public const string Schema = "verifydynamics.certificate/1";

    /// <summary>How many counterexamples and inconclusive trials a certificate lists (the counts are always complete).</summary>
    public const int ListedExamples = 3;

    public static JsonObject Build(StatementResult result)
    {
        var s = result.Statement;
        var o = new JsonObject
        {
            ["schema"] = Schema,
            ["statement"] = s.Id.ToString(),
            ["paper"] = s.Id.Paper,
            ["kind"] = s.Kind.ToString().ToLowerInvariant(),
            ["title"] = s.Title,
            ["source"] = new JsonObject { ["location"] = s.Source.Location, ["lines"] = s.Source.Lines },
            ["text"] = s.Text,
            ["formalisationNote"] = s.FormalisationNote,
            ["checkability"] = s.Checkability.ToString().ToLowerInvariant(),
            ["verdict"] = result.Verdict.ToKebab(),
            ["verdictReason"] = result.AsPrinted?.Reason ?? result.Decision.Reason,
            ["evidence"] = Evidence(result.AsPrinted ?? result.Decision),
            ["fidelity"] = s.Checkability is Checkability.NotCheckable or Checkability.Pending && s.Fidelity.Kind == FidelityKind.Undeclared
                ? new JsonObject { ["kind"] = "none", ["note"] = "not checked (see notCheckable)" }
                : new JsonObject { ["kind"] = s.Fidelity.Word, ["note"] = s.Fidelity.Note },
            ["utilization"] = Utilization(result.Trials),
        };
        if (result.AsPrinted is not null)
        {
            o["correctedForm"] = new JsonObject
            {
                ["verdict"] = result.Decision.Verdict.ToKebab(),
                ["reason"] = result.Decision.Reason,
                ["evidence"] = Evidence(result.Decision),
            };
        }
        if (s.NotCheckableReason is not null)
        {
            o["notCheckable"] = s.NotCheckableReason;
        }
        if (s.AliasOf is { } alias)
        {
            o["aliasOf"] = alias.ToString();
        }
        if (s.AssumedLemmas.Count > 0)
        {
            o["assumedLemmas"] = new JsonArray([.. s.AssumedLemmas.Select(l => (JsonNode)l)]);
        }
        o["constants"] = new JsonArray([.. s.Constants.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["value"] = result.Constants[c.Name].ToString(),
            ["paperValue"] = c.Default.ToString(),
            ["description"] = c.Description,
        })]);
        o["generator"] = s.Hypotheses.GeneratorDescription;
        o["rootSeed"] = result.Options.Seed.ToString();
        o["trials"] = Trials(result.Trials);
        o["variants"] = new JsonArray([.. result.Variants.Select(v => (JsonNode)Variant(v))]);
        o["obligations"] = new JsonArray([.. result.Obligations.Select(r => (JsonNode)new JsonObject
        {
            ["id"] = r.Spec.Id,
            ["location"] = r.Spec.Location,
            ["claim"] = r.Spec.Claim,
            ["expect"] = r.Spec.Expect == ObligationExpectation.Holds ? "proven" : "refuted",
            ["status"] = r.Result.Status.ToString().ToLowerInvariant(),
            ["asExpected"] = r.MetExpectation,
            ["method"] = r.Result.Method,
            ["detail"] = r.Result.Detail,
            ["smtlib"] = r.Result.SmtLib,
            ["witness"] = r.Result.Witness is null ? null : new JsonObject([.. r.Result.Witness.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => KeyValuePair.Create(k.Key, (JsonNode?)k.Value))]),
            ["unsatCore"] = r.Result.UnsatCore is null ? null : new JsonArray([.. r.Result.UnsatCore.Select(n => (JsonNode)n)]),
            ["z3Version"] = r.Result.Z3Version,
            ["rlimit"] = r.Result.Rlimit,
            ["intervalBoxes"] = r.Result.IntervalBoxes,
            ["note"] = r.Spec.Note,
        })]);
        o["errata"] = new JsonArray([.. s.Errata.Select(e => (JsonNode)e)]);
        o["tools"] = Tools();
        return o;
    }

    /// <summary>The evidence grade as decided by <see cref="VerdictRules"/> (copied, never recomputed here).</summary>
    public static JsonObject Evidence(VerdictDecision d)
    {
        var o = new JsonObject
        {
            ["grade"] = d.Grade.ToKebab(),
            ["text"] = d.GradeText,
            ["basis"] = d.GradeBasis,
        };
        if (d.Assumes.Count > 0)
        {
            o["assumes"] = new JsonArray([.. d.Assumes.Select(a => (JsonNode)a)]);
        }
        return o;
    }

    /// <summary>
    /// How near the trials came to each bound (README "Utilization"): the statement-level value is the least-exercised
    /// conclusion margin; per family, the largest utilization over the holding trials and the boundary search.
    /// </summary>
    public static JsonObject Utilization(TrialSummary t)
    {
        var u = t.Utilization;
        var o = new JsonObject
        {
            ["state"] = u.State.ToString().ToLowerInvariant(),
            ["value"] = u.Value is { } v ? CanonicalJson.Number(v) : null,
            ["approached"] = u.Approached,
            ["near"] = CanonicalJson.Number(UtilizationSummary.Near),
            ["leastExercised"] = u.Least?.Family,
            ["text"] = u.Describe(),
            ["margins"] = new JsonArray([.. u.Margins.Select(m => (JsonNode)new JsonObject
            {
                ["family"] = m.Family,
                ["name"] = m.Name,
                ["shape"] = m.Shape.ToString().ToLowerInvariant(),
                ["max"] = m.Max is { } x ? CanonicalJson.Number(x) : null,
                ["trial"] = m.Trial,
                ["evaluations"] = m.Evaluations,
            })]),
        };
        if (t.BoundarySearch is { } b)
        {
            o["boundarySearch"] = new JsonObject
            {
                ["evaluations"] = b.Evaluations,
                ["starts"] = b.Starts,
                ["before"] = b.UtilizationBefore is { } x ? CanonicalJson.Number(x) : null,
                ["after"] = b.UtilizationAfter is { } y ? CanonicalJson.Number(y) : null,
                ["improvements"] = b.Improved,
            };
        }
        return o;
    }

    public static JsonObject Trials(TrialSummary t)
    {
        var o = new JsonObject
        {
            ["count"] = t.Trials,
            ["holds"] = t.Count(InstanceOutcome.Holds),
            ["rejected"] = t.Count(InstanceOutcome.Rejected),
            ["inconclusive"] = t.Count(InstanceOutcome.Inconclusive),
            ["confirmed"] = t.Count(InstanceOutcome.Confirmed),
            ["errors"] = t.Count(InstanceOutcome.Error),
        };
        var rejections = t.Records.Where(r => r.Outcome == InstanceOutcome.Rejected)
            .GroupBy(r => r.Detail ?? "")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        if (rejections.Count > 0)
        {
            o["rejectedBecause"] = new JsonObject([.. rejections.Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Count()))]);
        }
        var normalized = t.Records
            .Where(r => r.Worst is { IsComputable: true } && r.Outcome != InstanceOutcome.Rejected)
            .Select(r => r.Worst!.Normalized)
            .Order()
            .ToArray();
        if (normalized.Length > 0)
        {
            // Order statistics of the per-trial worst normalized margin: the distribution the report plots.
            double Q(double q) => normalized[(int)Math.Round(q * (normalized.Length - 1))];
            o["marginQuantiles"] = new JsonObject
            {
                ["min"] = CanonicalJson.Number(Q(0)),
                ["q10"] = CanonicalJson.Number(Q(0.1)),
                ["median"] = CanonicalJson.Number(Q(0.5)),
                ["q90"] = CanonicalJson.Number(Q(0.9)),
                ["max"] = CanonicalJson.Number(Q(1)),
            };
        }
        if (t.WeakestHoldingTolerance is { } kind)
        {
            o["weakestTolerance"] = new JsonObject { ["kind"] = KindName(kind), ["source"] = t.WeakestHoldingToleranceSource };
        }
        if (t.ObservationSeries.Count > 0)
        {
            // Every observation across the accepted trials (first TrialRunner.ObservationSeriesLimit): what the report plots.
            o["observationSeries"] = new JsonObject([.. t.ObservationSeries.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)new JsonObject
            {
                ["trials"] = new JsonArray([.. kv.Value.Select(p => (JsonNode)p.Trial)]),
                ["values"] = new JsonArray([.. kv.Value.Select(p => CanonicalJson.Number(p.Value))]),
            }))]);
        }
        o["worst"] = t.Worst is { } w ? Record(w) : null;
        o["counterexamples"] = new JsonArray([.. t.Counterexamples.Take(ListedExamples).Select(r => (JsonNode)Record(r))]);
        o["inconclusiveExamples"] = new JsonArray([.. t.Records.Where(r => r.Outcome is InstanceOutcome.Inconclusive or InstanceOutcome.Error)
            .Take(ListedExamples).Select(r => (JsonNode)Record(r))]);
        return o;
    }

    public static JsonObject Record(TrialRecord r)
    {
        var o = new JsonObject
        {
            ["trial"] = r.Index,
            ["seed"] = r.Seed.ToString(),
            ["outcome"] = r.Outcome.ToString().ToLowerInvariant(),
        };
        if (r.Worst is { } m)
        {
            o["margin"] = Margin(m);
        }
        if (r.Detail is not null)
        {
            o["detail"] = r.Detail;
        }
        if (r.Margins is { } set)
        {
            o["margins"] = new JsonArray([.. set.Margins.Select(x => (JsonNode)Margin(x))]);
            if (set.Observations is { Count: > 0 } obs)
            {
                o["observations"] = new JsonObject([.. obs.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => KeyValuePair.Create(k.Key, (JsonNode?)CanonicalJson.Number(k.Value)))]);
            }
            if (set.Traces.Count > 0)
            {
                // Observed quantity against its bound along the trajectory, for the statement page's plot (not evidence).
                o["traces"] = new JsonArray([.. set.Traces.Select(t => (JsonNode)new JsonObject
                {
                    ["title"] = t.Title,
                    ["xLabel"] = t.XLabel,
                    ["yLabel"] = t.YLabel,
                    ["lhsName"] = t.LhsName,
                    ["rhsName"] = t.RhsName,
                    ["x"] = new JsonArray([.. t.X.Select(v => (JsonNode?)CanonicalJson.Number(v))]),
                    ["lhs"] = new JsonArray([.. t.Lhs.Select(v => (JsonNode?)CanonicalJson.Number(v))]),
                    ["rhs"] = new JsonArray([.. t.Rhs.Select(v => (JsonNode?)CanonicalJson.Number(v))]),
                })]);
            }
        }
        if (r.Instance is { } instance)
        {
            o["instance"] = InstanceJson.ToJson(instance);
        }
        return o;
    }

    private static JsonObject Margin(Margin m) => new()
    {
        ["name"] = m.Name,
        ["value"] = CanonicalJson.Number(m.Value),
        ["tolerance"] = CanonicalJson.Number(m.Tolerance.Absolute),
        ["toleranceSource"] = m.Tolerance.Source,
        ["toleranceKind"] = KindName(m.Tolerance.Kind),
        ["normalized"] = CanonicalJson.Number(m.Normalized),
        ["shape"] = m.Shape.ToString().ToLowerInvariant(),
        ["utilization"] = m.Utilization is { } u ? CanonicalJson.Number(u) : null,
    };

    private static string KindName(Core.Numbers.ToleranceKind kind) => kind.ToString().ToLowerInvariant();

    private static JsonObject Variant(VariantResult v)
    {
        var o = new JsonObject
        {
            ["name"] = v.Variant.Name,
            ["role"] = v.Variant.Role.Word(),
            ["description"] = v.Variant.Description,
            ["expected"] = v.Variant.Role == VariantRole.Control ? "not-refuted" : "refuted",
            ["outcome"] = v.Refuted ? "refuted" : "not-refuted",
            ["asExpected"] = v.AsExpected,
            ["trials"] = v.Trials.Trials,
            ["accepted"] = v.Trials.Accepted,
        };
        var first = v.Trials.Counterexamples.FirstOrDefault();
        o["counterexample"] = first is null ? null : Record(first);
        if (first is null && v.Trials.Worst is { } w)
        {
            o["worst"] = Record(w);
        }
        return o;
    }

    private static JsonObject Tools() => new()
    {
        ["verifydynamics"] = Version(typeof(CertificateBuilder)),
        // Provenance: the git tree of the source that made this certificate (BuildInfo), the same for every build of it.
        ["source"] = BuildInfo.Current.SourceId,
        ["mathnet"] = Version(typeof(MathNet.Numerics.LinearAlgebra.Matrix<double>)),
    };

    private static string Version(Type t) =>
        t.Assembly.GetName().Version?.ToString() ?? "unknown";
}
