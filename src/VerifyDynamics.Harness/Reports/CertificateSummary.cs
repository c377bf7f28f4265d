using System.Text.Json.Nodes;
using VerifyDynamics.Harness.Verdicts;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Harness.Reports;

/// <summary>The facts a report shows about one certificate, read back from its JSON.</summary>
public sealed record CertificateSummary(
    string Id,
    string Paper,
    string Kind,
    string Title,
    string Location,
    string Verdict,
    string Reason,
    string? CorrectedVerdict,
    int Trials,
    int Accepted,
    double? WorstNormalized,
    string? WorstMarginName,
    int ObligationsProven,
    int ObligationsNeeded,
    int VariantsAsExpected,
    int Variants,
    int Mutants,
    int MutantsRefuted,
    IReadOnlyList<string> Errata,
    string? NotCheckable,
    double[]? MarginQuantiles,
    string Text,
    string FormalisationNote,
    string Generator)
{
    /// <summary>The evidence grade (kebab-case) as recorded by the certificate; "unknown" when it predates grades.</summary>
    public string Grade { get; init; } = "unknown";

    /// <summary>The grade in words ("proven assuming EC21.Lemma41").</summary>
    public string GradeText { get; init; } = "unknown";

    /// <summary>Why the grade is what it is.</summary>
    public string GradeBasis { get; init; } = "not recorded";

    /// <summary>The whole certificate, for the statement pages and plots.</summary>
    public JsonObject? Certificate { get; init; }

    /// <summary>"full", "restricted", "substitute" (from the certificate; "—" when it predates fidelity).</summary>
    public string Fidelity => Certificate?["fidelity"]?["kind"] is JsonValue v && v.TryGetValue(out string? s) ? s : "—";

    /// <summary>The statement-level utilization as a short cell: "0.73", "equality", "unknown", or "—".</summary>
    public string UtilizationCell => (Certificate?["utilization"] as JsonObject) is not { } u ? "—"
        : (u["state"] as JsonValue)?.GetValue<string>() switch
        {
            "measured" => u["value"] is JsonValue v && v.TryGetValue(out double d)
                ? d.ToString("G2", System.Globalization.CultureInfo.InvariantCulture) + ((u["approached"] as JsonValue)?.GetValue<bool>() == true ? "" : " (never near)")
                : "—",
            "equality" => "equality",
            "unknown" => "unknown",
            _ => "—",
        };

    /// <summary>An erratum of the paper is recorded (in words, or as a refuted printed form): listed in the index's errata section.</summary>
    public bool HasErratum => Errata.Count > 0 || CorrectedVerdict is not null;

    /// <summary>Not checked, or not decided: listed in the index's "could not be checked" section.</summary>
    public bool IsOpen => Verdict is "inconclusive" or "not-checkable" || NotCheckable is not null;

    /// <summary>The worst trial's worst margin as recorded (null when none was computable).</summary>
    public JsonObject? WorstMargin => Certificate?["trials"]?["worst"]?["margin"] as JsonObject;

    /// <summary>
    /// The worst margin as a short cell. An identity lhs = rhs (shape equality) prints as its deviation |lhs − rhs| with
    /// its tolerance, "= (|Δ| 2e−16 ≤ tol 4e−15)", never as a normalized value (sides near 0 normalize 1e−16 to −1);
    /// an inequality prints its normalized margin rhs − lhs, marked "within tolerance" when it is negative but inside it.
    /// </summary>
    public string WorstCell
    {
        get
        {
            if (WorstMargin is not { } m || WorstNormalized is not { } w)
            {
                return "—";
            }
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            double value = m["value"] is JsonValue v && v.TryGetValue(out double dv) ? dv : double.NaN;
            double tol = m["tolerance"] is JsonValue t && t.TryGetValue(out double dt) ? dt : double.NaN;
            if ((m["shape"] as JsonValue)?.GetValue<string>() == "equality")
            {
                return $"equality: |lhs − rhs| = {Math.Abs(value).ToString("0.#e+0", inv)} {(Math.Abs(value) <= tol ? "≤" : ">")} tolerance {tol.ToString("0.#e+0", inv)}";
            }
            string within = w < 0 && value >= -tol ? " (within tolerance)" : "";
            string number = Math.Abs(w) is >= 1e-3 and < 1e4 ? w.ToString("G3", inv) : w.ToString("0.##e+0", inv);
            return $"{number}{within}";
        }
    }

    /// <summary>
    /// The worst margin's tolerance in the normalized units of the margin quantiles (tolerance / scale, scale = value /
    /// normalized), or null when the scale cannot be recovered (a zero margin) — the half-width of the sparkline's band.
    /// </summary>
    public double? NormalizedTolerance
    {
        get
        {
            if (WorstMargin is not { } m || m["value"] is not JsonValue v || !v.TryGetValue(out double value)
                || m["normalized"] is not JsonValue n || !n.TryGetValue(out double normalized)
                || m["tolerance"] is not JsonValue t || !t.TryGetValue(out double tol) || value == 0 || normalized == 0)
            {
                return null;
            }
            double r = Math.Abs(tol * normalized / value);
            return double.IsFinite(r) ? r : null;
        }
    }

    /// <summary>The worst margin is an identity lhs = rhs checked to a tolerance.</summary>
    public bool WorstIsEquality => (WorstMargin?["shape"] as JsonValue)?.GetValue<string>() == "equality";

    /// <summary>The statement page's path relative to the reports directory, without extension.</summary>
    public string PageStem => StatementPage.RelativeStem(Id, Paper);

    public static CertificateSummary From(JsonObject c)
    {
        // The reports cite only what is in the repository (see References); the certificate keeps its text as recorded.
        c = References.Localize(c);
        var trials = c["trials"]!.AsObject();
        int count = trials["count"]!.GetValue<int>();
        int rejected = trials["rejected"]!.GetValue<int>();
        var worst = trials["worst"] as JsonObject;
        var obligations = c["obligations"]!.AsArray().Select(n => n!.AsObject()).ToList();
        var variants = c["variants"]!.AsArray().Select(n => n!.AsObject()).ToList();
        var mutants = variants.Where(v => v["role"]!.GetValue<string>() == "mutant").ToList();
        double? worstValue = worst?["margin"]?["normalized"] is JsonValue wv && wv.TryGetValue(out double d) ? d : null;
        return new CertificateSummary(
            c["statement"]!.GetValue<string>(),
            c["paper"]!.GetValue<string>(),
            c["kind"]!.GetValue<string>(),
            c["title"]!.GetValue<string>(),
            c["source"]!["location"]!.GetValue<string>(),
            c["verdict"]!.GetValue<string>(),
            c["verdictReason"]!.GetValue<string>(),
            c["correctedForm"]?["verdict"]?.GetValue<string>(),
            count,
            count - rejected,
            worstValue,
            worst?["margin"]?["name"]?.GetValue<string>(),
            obligations.Count(o => o["expect"]!.GetValue<string>() == "proven" && o["status"]!.GetValue<string>() == "proven"),
            obligations.Count(o => o["expect"]!.GetValue<string>() == "proven"),
            variants.Count(v => v["asExpected"]!.GetValue<bool>()),
            variants.Count,
            mutants.Count,
            mutants.Count(v => v["outcome"]!.GetValue<string>() == "refuted"),
            [.. c["errata"]!.AsArray().Select(e => e!.GetValue<string>())],
            c["notCheckable"]?.GetValue<string>(),
            trials["marginQuantiles"] is JsonObject q
                ? [.. new[] { "min", "q10", "median", "q90", "max" }.Select(k => q[k] is JsonValue v && v.TryGetValue(out double x) ? x : double.NaN)]
                : null,
            c["text"]?.GetValue<string>() ?? "",
            c["formalisationNote"]?.GetValue<string>() ?? "",
            c["generator"]?.GetValue<string>() ?? "")
        {
            // Copied as recorded; an unrecognised or missing grade reads as unknown, never as something higher.
            Grade = EvidenceGradeExtensions.ParseKebab(c["evidence"]?["grade"]?.GetValue<string>()).ToKebab(),
            GradeText = c["evidence"]?["grade"] is null ? "unknown" : c["evidence"]?["text"]?.GetValue<string>() ?? "unknown",
            GradeBasis = c["evidence"]?["basis"]?.GetValue<string>() ?? "not recorded (certificate predates evidence grades)",
            Certificate = c,
        };
    }

    public static IReadOnlyList<CertificateSummary> Order(IEnumerable<CertificateSummary> items) =>
        [.. items.OrderBy(s => StatementId.Parse(s.Id))];
}
