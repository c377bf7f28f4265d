using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VerifyDynamics.Harness.Reports;

/// <summary>
/// The page of one statement, <c>reports/statements/&lt;PAPER&gt;/&lt;Name&gt;.md</c> and <c>.html</c>, written from its
/// certificate alone: the statement in words and where it is in the paper, what was checked and how, the trials, the
/// worst margin with its instance, observations, obligations and provers, variants (mutants, controls, errata), what
/// could not be checked, errata, and the evidence grade. Fields missing from older certificates are reported as
/// "not recorded", never guessed.
/// </summary>
public static class StatementPage
{
    /// <summary>The page's path relative to the reports directory, without extension: <c>statements/EC21/Lemma41</c>.</summary>
    public static string RelativeStem(string id, string paper) =>
        $"statements/{paper}/{(id.StartsWith(paper + ".", StringComparison.Ordinal) ? id[(paper.Length + 1)..] : id)}";

    public static ReportDocument Build(JsonObject c)
    {
        var inv = CultureInfo.InvariantCulture;
        string id = Str(c["statement"]) ?? "?";
        var doc = new ReportDocument($"{id} — {Str(c["title"])}");
        doc.A("← back to the report index", "../../index.md", "../../index.html#" + HtmlReport.Anchor(id));

        var evidence = c["evidence"] as JsonObject;
        doc.H(2, "Verdict and evidence grade", "verdict");
        doc.P($"{Str(c["verdict"])} — {Str(c["verdictReason"])}", "Verdict:");
        doc.P(evidence is null
            ? "unknown (this certificate predates evidence grades; regenerate it with vd verify)"
            : $"{Str(evidence["text"])} — {Str(evidence["basis"])}", "Evidence grade:");
        if (c["correctedForm"] is JsonObject corrected)
        {
            doc.P($"{Str(corrected["verdict"])} — {Str(corrected["reason"])}" +
                (corrected["evidence"] is JsonObject ce ? $" (grade: {Str(ce["text"])} — {Str(ce["basis"])})" : ""), "Corrected form:");
        }

        if (c["fidelity"] is JsonObject fidelity)
        {
            doc.P($"{Str(fidelity["kind"])} — {Str(fidelity["note"])}", "Fidelity:");
        }
        if (c["utilization"] is JsonObject utilization)
        {
            doc.P(Str(utilization["text"]) ?? "not recorded", "Utilization:");
            var families = Objects(utilization["margins"]);
            if (families.Count > 0)
            {
                doc.T(["margin (family)", "shape", "max utilization", "at trial", "evaluations"], families.Select(f => (IReadOnlyList<string>)
                    [Str(f["family"]) ?? "", Str(f["shape"]) ?? "", G(f["max"]), G(f["trial"]), G(f["evaluations"])]));
            }
            if (utilization["boundarySearch"] is JsonObject b)
            {
                doc.P($"{G(b["evaluations"])} evaluations from {G(b["starts"])} starts (trials nearest the bound); least-exercised utilization {G(b["before"])} → {G(b["after"])}.", "Boundary search:");
            }
        }

        doc.H(2, "Statement", "statement");
        doc.P($"{Str(c["source"]?["location"])} ({Str(c["source"]?["lines"])}); {Str(c["kind"])}.", "Paper location:");
        doc.P(Str(c["text"]) ?? "");
        if (Str(c["aliasOf"]) is { } alias)
        {
            doc.P($"a restatement of {alias}; the check is shared with it.", "Alias:");
        }
        if (c["assumedLemmas"] is JsonArray assumed)
        {
            doc.P(string.Join(", ", assumed.Select(Str)), "Assumed lemmas:");
        }

        doc.H(2, "What was checked and how", "how");
        doc.P(Str(c["checkability"]) ?? "not recorded", "Checked as:");
        if (Str(c["formalisationNote"]) is { Length: > 0 } note)
        {
            doc.P(note, "Formalisation:");
        }
        doc.P(Str(c["generator"]) ?? "not recorded", "Generator:");
        var constants = Objects(c["constants"]);
        if (constants.Count > 0)
        {
            doc.T(["constant", "value used", "paper's value", "meaning"],
                constants.Select(k => (IReadOnlyList<string>)[Str(k["name"]) ?? "", Str(k["value"]) ?? "", Str(k["paperValue"]) ?? "", Str(k["description"]) ?? ""]));
        }
        doc.P($"statement seed {Str(c["rootSeed"])}; replay the recorded instances with `vd replay` on this certificate.", "Reproduce:");

        var trials = c["trials"] as JsonObject;
        doc.H(2, "Trials", "trials");
        if (trials is not null)
        {
            doc.T(["run", "hold", "rejected", "inconclusive", "counterexamples", "errors"],
                [[N(trials["count"]), N(trials["holds"]), N(trials["rejected"]), N(trials["inconclusive"]), N(trials["confirmed"]), N(trials["errors"])]]);
            if (trials["rejectedBecause"] is JsonObject because)
            {
                doc.P("", "Rejected by the validator because:").List(because.Select(kv => $"{kv.Key}: {N(kv.Value)}"));
            }
            if (trials["marginQuantiles"] is JsonObject q)
            {
                doc.P(string.Join(", ", new[] { "min", "q10", "median", "q90", "max" }.Select(k => $"{k} {G(q[k])}")), "Worst normalized margin per trial:");
                double[] qs = [.. new[] { "min", "q10", "median", "q90", "max" }.Select(k => D(q[k]))];
                doc.Plot(HtmlReport.MarginSvg(qs), "distribution of the per-trial worst normalized margin (symmetric-log axis; red dashed line = 0, the bound itself)");
            }
            if (trials["weakestTolerance"] is JsonObject wt)
            {
                doc.P($"{Str(wt["kind"])} ({Str(wt["source"])})", "Weakest tolerance among holding trials:");
            }
        }
        else
        {
            doc.P("not recorded");
        }

        doc.H(2, "Worst margin and its instance", "worst");
        if (trials?["worst"] is JsonObject worst)
        {
            RecordBlocks(doc, worst);
        }
        else
        {
            doc.P("no computable margin was recorded.");
        }

        if (trials?["observationSeries"] is JsonObject series)
        {
            doc.H(2, "Observations across trials", "observations");
            foreach (var (svg, caption) in ObservationPlots(trials))
            {
                doc.Plot(svg, caption);
            }
            doc.T(["observation", "trials", "min", "median", "max"], series.Select(kv =>
            {
                double[] v = [.. (kv.Value?["values"] as JsonArray ?? []).Select(D).Where(double.IsFinite).Order()];
                return (IReadOnlyList<string>)[kv.Key, v.Length.ToString(inv), v.Length == 0 ? "—" : F(v[0]), v.Length == 0 ? "—" : F(v[v.Length / 2]), v.Length == 0 ? "—" : F(v[^1])];
            }));
        }

        var counterexamples = Objects(trials?["counterexamples"]);
        if (counterexamples.Count > 0)
        {
            doc.H(2, "Counterexamples", "counterexamples");
            foreach (var cx in counterexamples)
            {
                RecordBlocks(doc, cx);
            }
        }

        doc.H(2, "Obligations and provers", "obligations");
        var obligations = Objects(c["obligations"]);
        if (obligations.Count == 0)
        {
            doc.P("the statement has no scalar obligation.");
        }
        else
        {
            doc.T(["id", "location", "claim", "expected", "status", "prover", "effort", "detail"], obligations.Select(o => (IReadOnlyList<string>)
            [
                Str(o["id"]) ?? "", Str(o["location"]) ?? "", Str(o["claim"]) ?? "", Str(o["expect"]) ?? "", Str(o["status"]) ?? "",
                Str(o["method"]) ?? "", Effort(o), Str(o["detail"]) ?? "",
            ]));
            doc.P("Certificates record no wall-clock time (the same seed must give the same bytes); the deterministic effort is the Z3 resource limit or the number of interval boxes.", "Time:");
        }

        doc.H(2, "Mutants, controls and errata", "variants");
        var variants = Objects(c["variants"]);
        if (variants.Count == 0)
        {
            doc.P("no variant was run (or the statement has none).");
        }
        else
        {
            int mutants = variants.Count(v => Str(v["role"]) == "mutant");
            int refuted = variants.Count(v => Str(v["role"]) == "mutant" && Str(v["outcome"]) == "refuted");
            doc.P($"{refuted} of {mutants} mutants refuted; {variants.Count(v => v["asExpected"]?.GetValue<bool>() == true)} of {variants.Count} variants as expected.", "Mutation score:");
            doc.T(["variant", "role", "description", "expected", "outcome", "as expected", "accepted/run", "counterexample margin"], variants.Select(v => (IReadOnlyList<string>)
            [
                Str(v["name"]) ?? "", Str(v["role"]) ?? "", Str(v["description"]) ?? "", Str(v["expected"]) ?? "", Str(v["outcome"]) ?? "",
                v["asExpected"]?.GetValue<bool>() == true ? "yes" : "NO", $"{N(v["accepted"])}/{N(v["trials"])}",
                v["counterexample"]?["margin"] is JsonObject m ? $"{Str(m["name"])} = {G(m["value"])}" : "—",
            ]));
        }

        doc.H(2, "What could not be checked, and why", "unchecked");
        var gaps = new List<string>();
        if (Str(c["notCheckable"]) is { } nc)
        {
            gaps.Add(nc);
        }
        foreach (var ie in Objects(trials?["inconclusiveExamples"]))
        {
            gaps.Add($"trial {N(ie["trial"])} ({Str(ie["outcome"])}): {Str(ie["detail"])}");
        }
        foreach (var o in obligations.Where(o => o["asExpected"]?.GetValue<bool>() == false))
        {
            gaps.Add($"obligation {Str(o["id"])} is {Str(o["status"])} (expected {Str(o["expect"])}): {Str(o["detail"])}");
        }
        if (Str(c["verdict"]) is "inconclusive" or "not-checkable")
        {
            gaps.Add(Str(c["verdictReason"]) ?? "");
        }
        if (gaps.Count == 0)
        {
            doc.P("nothing recorded: every part of the check ran.");
        }
        doc.List(gaps.Distinct());

        doc.H(2, "Errata", "errata");
        var errata = (c["errata"] as JsonArray ?? []).Select(Str).OfType<string>().ToList();
        if (errata.Count == 0)
        {
            doc.P("none found.");
        }
        doc.List(errata);
        return doc;
    }

    /// <summary>
    /// Plots of the observation series (one value per accepted trial) of a certificate's trials: an observation
    /// <c>X</c> is drawn together with <c>X_bound</c> or <c>X.bound</c> when recorded, and <c>lambda_min</c> (or the only
    /// other observation) together with <c>bound</c>, so a measured quantity is seen against the bound it must respect.
    /// </summary>
    public static IReadOnlyList<(string Svg, string Caption)> ObservationPlots(JsonObject? trials)
    {
        if (trials?["observationSeries"] is not JsonObject series || series.Count == 0)
        {
            return [];
        }
        PlotSeries Get(string name) => new(name,
            [.. (series[name]?["trials"] as JsonArray ?? []).Select(D)],
            [.. (series[name]?["values"] as JsonArray ?? []).Select(D)]);
        var names = series.Select(kv => kv.Key).ToList();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var charts = new List<(string, string)>();
        string? partnerOfBound = names.Contains("bound")
            ? names.Contains("lambda_min") ? "lambda_min" : names.Count(n => n != "bound") == 1 ? names.First(n => n != "bound") : null
            : null;
        foreach (var n in names)
        {
            if (used.Contains(n))
            {
                continue;
            }
            var group = new List<string> { n };
            foreach (var b in new[] { n + "_bound", n + ".bound" }.Where(names.Contains))
            {
                group.Add(b);
            }
            if (n == partnerOfBound)
            {
                group.Add("bound");
            }
            if (n == "bound" && partnerOfBound is not null)
            {
                continue;
            }
            used.UnionWith(group);
            string title = group.Count > 1 ? $"{n} against {string.Join(", ", group.Skip(1))} per trial" : $"{n} per trial";
            charts.Add((SvgPlot.Lines(title, "trial", [.. group.Select(Get)], points: true), title));
        }
        return charts;
    }

    private static void RecordBlocks(ReportDocument doc, JsonObject r)
    {
        string where = $"trial {N(r["trial"])}, seed {Str(r["seed"])}, outcome {Str(r["outcome"])}";
        if (r["margin"] is JsonObject m)
        {
            doc.P($"{Str(m["name"])} = {G(m["value"])} (normalized {G(m["normalized"])}; tolerance {G(m["tolerance"])} from {Str(m["toleranceSource"])}, kind {Str(m["toleranceKind"]) ?? "not recorded"}); {where}.", "Margin:");
        }
        else
        {
            doc.P(where);
        }
        if (Str(r["detail"]) is { } detail)
        {
            doc.P(detail, "Detail:");
        }
        var margins = Objects(r["margins"]);
        if (margins.Count > 0)
        {
            doc.T(["margin", "value (rhs − lhs)", "tolerance", "tolerance source", "kind"], margins.Select(x => (IReadOnlyList<string>)
                [Str(x["name"]) ?? "", G(x["value"]), G(x["tolerance"]), Str(x["toleranceSource"]) ?? "", Str(x["toleranceKind"]) ?? "not recorded"]));
        }
        if (r["observations"] is JsonObject obs)
        {
            doc.P(string.Join(", ", obs.Select(kv => $"{kv.Key} = {G(kv.Value)}")), "Observations:");
        }
        if (r["instance"] is JsonNode instance)
        {
            doc.P("", "Instance (JSON, replayable with vd check ID --instance FILE):");
            doc.C(instance.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        }
    }

    private static string Effort(JsonObject o)
    {
        var parts = new List<string>();
        if (o["rlimit"] is JsonValue r)
        {
            parts.Add($"rlimit {r.ToJsonString()}");
        }
        if (o["intervalBoxes"] is JsonValue b)
        {
            parts.Add($"{b.ToJsonString()} boxes");
        }
        return parts.Count == 0 ? "—" : string.Join(", ", parts);
    }

    private static List<JsonObject> Objects(JsonNode? n) => n is JsonArray a ? [.. a.OfType<JsonObject>()] : [];

    private static string? Str(JsonNode? n) => n is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private static string N(JsonNode? n) => n?.ToJsonString() ?? "—";

    private static double D(JsonNode? n) => n is JsonValue v && v.TryGetValue(out double d) ? d : double.NaN;

    private static string G(JsonNode? n) => n is JsonValue v && v.TryGetValue(out double d) ? F(d) : Str(n) ?? "—";

    private static string F(double d) => d.ToString("G6", CultureInfo.InvariantCulture);
}
