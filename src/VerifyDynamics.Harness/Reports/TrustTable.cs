using System.Globalization;
using System.Text.Json.Nodes;

namespace VerifyDynamics.Harness.Reports;

/// <summary>
/// The trust table (<c>reports/trust.md|.html</c>): one row per statement id with what a referee needs to judge its verdict —
/// verdict, grade, fidelity, utilization (how near the trials came to the bound), the weakest tolerance kind, trials accepted
/// of run, and what keeps it from being certified or was not checked — plus counts by verdict × grade and by fidelity, and
/// the printed forms' counterexamples as replayable instance files (<see cref="CounterexampleFiles"/>).
/// </summary>
public static class TrustTable
{
    public static ReportDocument Build(IReadOnlyList<CertificateSummary> summaries)
    {
        var doc = new ReportDocument("Trust table — every verdict and what it rests on");
        doc.A("← back to the report index", "index.md", "index.html");
        doc.P("certified = the statement as printed (fidelity full), every trial holds within a tolerance that is a bound " +
              "(exact, rigorous or validated), the trials (and the boundary search after them) came within a factor 2 of every bound " +
              $"(utilization ≥ {F(Trials.UtilizationSummary.Near)}), and every scalar obligation is proven for the constants in force. " +
              "Utilization is 1 − (rhs − lhs)/scale of the bound: lhs/rhs for 0 ≤ lhs ≤ rhs; 1 at the bound; the statement's value is its least-exercised conclusion margin. " +
              "'equality' marks conclusions that are identities checked to a tolerance.", "Reading it:");
        var rows = summaries.Where(s => s.Certificate is not null).Select(s => Row(s.Certificate!)).ToList();

        doc.H(2, "Counts", "counts");
        var grades = rows.Select(r => r.Grade).Distinct().Order(StringComparer.Ordinal).ToList();
        doc.T(["verdict", .. grades, "total"], rows.GroupBy(r => r.Verdict).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<string>)[g.Key, .. grades.Select(gr => g.Count(r => r.Grade == gr).ToString(CultureInfo.InvariantCulture)), g.Count().ToString(CultureInfo.InvariantCulture)]));
        doc.T(["fidelity", "statements", "certified"], rows.GroupBy(r => r.Fidelity).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<string>)[g.Key, g.Count().ToString(CultureInfo.InvariantCulture), g.Count(r => r.Verdict == "certified").ToString(CultureInfo.InvariantCulture)]));
        int measured = rows.Count(r => r.UtilizationValue is not null);
        int approached = rows.Count(r => r.Approached && r.UtilizationValue is not null);
        doc.P($"{measured} statements have a measured utilization; {approached} came within a factor 2 of every bound; " +
              $"{rows.Count(r => r.UtilizationText == "equality")} are identities; {rows.Count(r => r.UtilizationText == "unknown")} state no margin shape.", "Utilization:");

        doc.H(2, "Every statement", "table");
        doc.T(["id", "verdict", "grade", "fidelity", "utilization", "weakest tolerance", "trials accepted/run", "not certified because / not checked"],
            rows.Select(r => (IReadOnlyList<string>)[r.Id, r.Verdict, r.Grade, r.FidelityCell, r.UtilizationText, r.Tolerance, r.TrialsCell, r.Why]));

        var cx = CounterexampleFiles(summaries);
        if (cx.Count > 0)
        {
            doc.H(2, "Printed forms' counterexamples (replayable)", "counterexamples");
            doc.T(["statement", "variant", "file", "replay"], cx.Select(c => (IReadOnlyList<string>)[c.Id, c.Variant, c.RelativePath, c.ReplayCommand]));
        }
        return doc;
    }

    /// <summary>One counterexample of a refuted erratum (the statement as printed), as an instance file under the reports folder.</summary>
    public sealed record CounterexampleFile(string Id, string Variant, string RelativePath, string ReplayCommand, string InstanceJson);

    /// <summary>The refuted errata's counterexample instances (role erratum or proof-erratum), one file each.</summary>
    public static IReadOnlyList<CounterexampleFile> CounterexampleFiles(IReadOnlyList<CertificateSummary> summaries)
    {
        var list = new List<CounterexampleFile>();
        foreach (var s in summaries.Where(s => s.Certificate is not null))
        {
            foreach (var v in (s.Certificate!["variants"] as JsonArray ?? []).OfType<JsonObject>())
            {
                string role = Str(v["role"]) ?? "";
                if (role is not ("erratum" or "proof-erratum") || v["counterexample"]?["instance"] is not JsonNode instance)
                {
                    continue;
                }
                string name = Str(v["name"]) ?? "variant";
                string rel = $"counterexamples/{s.Paper}/{s.Id[(s.Paper.Length + 1)..]}.{name}.json";
                list.Add(new CounterexampleFile(s.Id, name, rel, $"vd check {s.Id} --variant {name} --instance reports/{rel}",
                    Certificates.CanonicalJson.Serialize(instance.DeepClone())));
            }
        }
        return list;
    }

    private sealed record TrustRow(string Id, string Verdict, string Grade, string Fidelity, string FidelityCell, double? UtilizationValue,
        bool Approached, string UtilizationText, string Tolerance, string TrialsCell, string Why);

    private static TrustRow Row(JsonObject c)
    {
        string id = Str(c["statement"]) ?? "?";
        string verdict = Str(c["verdict"]) ?? "?";
        string grade = Str(c["evidence"]?["grade"]) ?? "unknown";
        var fid = c["fidelity"] as JsonObject;
        string fidelity = Str(fid?["kind"]) ?? "missing";
        string fidelityCell = fidelity is "full" or "missing" ? fidelity : $"{fidelity}: {Str(fid?["note"])}";
        var u = c["utilization"] as JsonObject;
        string state = Str(u?["state"]) ?? "missing";
        double? value = u?["value"] is JsonValue jv && jv.TryGetValue(out double d) ? d : null;
        bool approached = u?["approached"] is JsonValue av && av.TryGetValue(out bool b) && b;
        string utilization = state switch
        {
            "measured" => $"{F(value ?? double.NaN)} ({Str(u?["leastExercised"])})",
            "equality" => "equality",
            "unknown" => "unknown",
            "none" => "—",
            _ => state,
        };
        var trials = c["trials"] as JsonObject;
        string tol = Str(trials?["weakestTolerance"]?["kind"]) ?? "—";
        int count = I(trials?["count"]), rejected = I(trials?["rejected"]);
        string why = verdict switch
        {
            "certified" => "",
            "not-checkable" => Str(c["notCheckable"]) ?? Str(c["verdictReason"]) ?? "",
            _ => Gaps(Str(c["verdictReason"]) ?? ""),
        };
        return new TrustRow(id, verdict, grade, fidelity, fidelityCell, value, approached, utilization, tol, $"{count - rejected}/{count}", why);
    }

    /// <summary>The part of a verdict reason after "not certified:" (or the whole reason when there is none).</summary>
    private static string Gaps(string reason)
    {
        const string Marker = "but not certified: ";
        int i = reason.IndexOf(Marker, StringComparison.Ordinal);
        return i >= 0 ? reason[(i + Marker.Length)..] : reason;
    }

    private static int I(JsonNode? n) => n is JsonValue v && v.TryGetValue(out int i) ? i : 0;

    private static string? Str(JsonNode? n) => n is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private static string F(double d) => d.ToString("G3", CultureInfo.InvariantCulture);
}
