using System.Globalization;
using System.Text.Json.Nodes;

namespace VerifyDynamics.Harness.Reports;

/// <summary>
/// The page of one statement, <c>reports/statements/&lt;PAPER&gt;/&lt;Name&gt;.md</c> and <c>.html</c>, written from its
/// certificate alone: the statement in words and where it is in the paper, what was checked and how, the trials, the
/// worst margin with its instance, observations, obligations and provers, variants (mutants, controls, errata), what
/// could not be checked, errata, and the evidence grade. Fields missing from older certificates are reported as
/// "not recorded", never guessed.
/// </summary>
public static partial class StatementPage
{
    /// <summary>The page's path relative to the reports directory, without extension: <c>statements/EC21/Lemma41</c>.</summary>
    public static string RelativeStem(string id, string paper) =>
        $"statements/{paper}/{(id.StartsWith(paper + ".", StringComparison.Ordinal) ? id[(paper.Length + 1)..] : id)}";

    /// <summary>The page of one certificate: an erratum's evidence first, then verdict, statement, method, trials, plots, worst instance, the rest.</summary>
    public static ReportDocument Build(JsonObject c)
    {
        c = References.Localize(c);
        string id = Str(c["statement"]) ?? "?";
        var doc = new ReportDocument($"{id} — {Str(c["title"])}");
        doc.A("← back to the report index", "../../index.md", "../../index.html#" + HtmlReport.Anchor(id));
        ErratumLead(doc, c);
        VerdictSection(doc, c);
        StatementSection(doc, c);
        MethodSection(doc, c);
        var trials = c["trials"] as JsonObject;
        TrialsSection(doc, trials);
        PlotsSection(doc, trials);
        WorstSection(doc, trials);
        ObligationsSection(doc, c);
        VariantsSection(doc, c);
        GapsSection(doc, c, trials);
        doc.H(2, "Errata", "errata");
        var errata = (c["errata"] as JsonArray ?? []).Select(Str).OfType<string>().ToList();
        if (errata.Count == 0)
        {
            doc.P("none found.");
        }
        foreach (var e in errata)
        {
            doc.M(e);
        }
        return doc;
    }

    /// <summary>An erratum page opens with the printed statement, the counterexample and the command that replays it.</summary>
    private static void ErratumLead(ReportDocument doc, JsonObject c)
    {
        var errata = (c["errata"] as JsonArray ?? []).Select(Str).OfType<string>().ToList();
        var printed = Objects(c["variants"]).Where(v => Str(v["role"]) is "erratum" or "proof-erratum").ToList();
        if (errata.Count == 0 && printed.Count == 0)
        {
            return;
        }
        string id = Str(c["statement"]) ?? "?", paper = Str(c["paper"]) ?? "";
        doc.BeginLead();
        doc.H(2, "Erratum: the statement as printed, and its counterexample", "erratum");
        foreach (var e in errata)
        {
            doc.M(e, "Erratum:");
        }
        foreach (var v in printed)
        {
            string name = Str(v["name"]) ?? "variant";
            doc.M(Str(v["description"]) ?? "", $"As printed ({name}):");
            doc.P($"{Str(v["outcome"])} (expected {Str(v["expected"])}); {N(v["accepted"])} of {N(v["trials"])} trials accepted.", "Verdict of the printed form:");
            if (v["counterexample"] is JsonObject cx && cx["instance"] is not null)
            {
                if (cx["margin"] is JsonObject m)
                {
                    doc.P(IndexText.MarginWords(m), "Counterexample:");
                }
                string rel = $"counterexamples/{paper}/{(id.StartsWith(paper + ".", StringComparison.Ordinal) ? id[(paper.Length + 1)..] : id)}.{name}.json";
                doc.Cmd("Replay:", $"vd check {id} --variant {name} --instance reports/{rel}");
                doc.A($"instance file {rel}", "../../" + rel, "../../" + rel);
                doc.Inst(cx["instance"]!);
            }
        }
        doc.M(Str(c["text"]) ?? "", "As corrected (the statement checked):");
        doc.P(c["correctedForm"] is JsonObject cf ? $"{Str(cf["verdict"])} — {Str(cf["reason"])}" : $"{Str(c["verdict"])} — {Str(c["verdictReason"])}", "Verdict of the corrected form:");
        doc.EndLead();
    }

    private static void VerdictSection(ReportDocument doc, JsonObject c)
    {
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
    }

    private static void StatementSection(ReportDocument doc, JsonObject c)
    {
        doc.H(2, "Statement", "statement");
        doc.P($"{Str(c["source"]?["location"])} ({Str(c["source"]?["lines"])}); {Str(c["kind"])}.", "Paper location:");
        doc.M(Str(c["text"]) ?? "");
        if (Str(c["aliasOf"]) is { } alias)
        {
            doc.P($"a restatement of {alias}; the check is shared with it.", "Alias:");
        }
        if (c["assumedLemmas"] is JsonArray assumed)
        {
            doc.P(string.Join(", ", assumed.Select(Str)), "Assumed lemmas:");
        }
    }

    private static void MethodSection(ReportDocument doc, JsonObject c)
    {
        doc.H(2, "What was checked and how", "how");
        doc.P(Str(c["checkability"]) ?? "not recorded", "Checked as:");
        if (Str(c["formalisationNote"]) is { Length: > 0 } note)
        {
            doc.M(note, "Formalisation:");
        }
        doc.M(Str(c["generator"]) ?? "not recorded", "Generator:");
        var constants = Objects(c["constants"]);
        if (constants.Count > 0)
        {
            doc.T(["constant", "value used", "paper's value", "meaning"],
                constants.Select(k => (IReadOnlyList<string>)[Str(k["name"]) ?? "", Str(k["value"]) ?? "", Str(k["paperValue"]) ?? "", Str(k["description"]) ?? ""]));
        }
        doc.P($"statement seed {Str(c["rootSeed"])}; the recorded instances replay with:", "Reproduce:");
        doc.Cmd("Replay:", $"vd replay certificates/{Str(c["paper"])}/{RelativeStem(Str(c["statement"]) ?? "?", Str(c["paper"]) ?? "").Split('/')[^1]}.json");
    }

    private static void TrialsSection(ReportDocument doc, JsonObject? trials)
    {
        doc.H(2, "Trials", "trials");
        if (trials is null)
        {
            doc.P("not recorded");
            return;
        }
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
            var m = trials["worst"]?["margin"] as JsonObject;
            double? tol = m is not null && D(m["value"]) is var v && D(m["normalized"]) is var n && v != 0 && n != 0 && double.IsFinite(D(m["tolerance"]) * n / v)
                ? Math.Abs(D(m["tolerance"]) * n / v) : null;
            doc.Plot(HtmlReport.MarginSvg(qs, tol), "per-trial worst normalized margin (rhs − lhs over the natural size of the sides), symmetric-log axis: box q10–q90, bar the median; red dashed line = the bound (0); shaded = the worst margin's tolerance");
        }
        if (trials["weakestTolerance"] is JsonObject wt)
        {
            doc.P($"{Str(wt["kind"])} ({Str(wt["source"])})", "Weakest tolerance among holding trials:");
        }
    }

    private static void PlotsSection(ReportDocument doc, JsonObject? trials)
    {
        var plots = TrajectoryPlots(trials?["worst"] as JsonObject).Concat(ObservationPlots(trials)).ToList();
        if (plots.Count == 0)
        {
            return;
        }
        doc.H(2, "Observations against their bounds", "observations");
        foreach (var (svg, caption) in plots)
        {
            doc.Plot(svg, caption);
        }
        if (trials?["observationSeries"] is JsonObject series)
        {
            doc.T(["observation", "trials", "min", "median", "max"], series.Select(kv =>
            {
                double[] v = [.. (kv.Value?["values"] as JsonArray ?? []).Select(D).Where(double.IsFinite).Order()];
                return (IReadOnlyList<string>)[kv.Key, v.Length.ToString(CultureInfo.InvariantCulture), v.Length == 0 ? "—" : F(v[0]), v.Length == 0 ? "—" : F(v[v.Length / 2]), v.Length == 0 ? "—" : F(v[^1])];
            }));
        }
    }

    private static void WorstSection(ReportDocument doc, JsonObject? trials)
    {
        doc.H(2, "Worst margin and its instance", "worst");
        if (trials?["worst"] is JsonObject worst)
        {
            RecordBlocks(doc, worst);
        }
        else
        {
            doc.P("no computable margin was recorded.");
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
    }

    private static void ObligationsSection(ReportDocument doc, JsonObject c)
    {
        doc.H(2, "Obligations and provers", "obligations");
        var obligations = Objects(c["obligations"]);
        if (obligations.Count == 0)
        {
            doc.P("the statement has no scalar obligation.");
            return;
        }
        doc.T(["id", "location", "claim", "expected", "status", "prover", "effort", "detail"], obligations.Select(o => (IReadOnlyList<string>)
        [
            Str(o["id"]) ?? "", Str(o["location"]) ?? "", Str(o["claim"]) ?? "", Str(o["expect"]) ?? "", Str(o["status"]) ?? "",
            Str(o["method"]) ?? "", Effort(o), Str(o["detail"]) ?? "",
        ]));
        doc.P("Certificates record no wall-clock time (the same seed must give the same bytes); the deterministic effort is the Z3 resource limit or the number of interval boxes.", "Time:");
    }

    private static void VariantsSection(ReportDocument doc, JsonObject c)
    {
        doc.H(2, "Mutants, controls and errata", "variants");
        var variants = Objects(c["variants"]);
        if (variants.Count == 0)
        {
            doc.P("no variant was run (or the statement has none).");
            return;
        }
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

    private static void GapsSection(ReportDocument doc, JsonObject c, JsonObject? trials)
    {
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
        foreach (var o in Objects(c["obligations"]).Where(o => o["asExpected"]?.GetValue<bool>() == false))
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
    }

    /// <summary>
    /// Per-trial plots of the observation series (one value per accepted trial): an observation recorded with its bound
    /// (<c>X</c> with <c>X_bound</c> or <c>X.bound</c>; <c>bound</c> with <c>lambda_min</c>, <c>u_min</c>, an estimate or
    /// probability, or the only other observation; <c>restricted_lhs</c> with <c>rhs</c>) is drawn as lhs against rhs over
    /// all trials with the boundary lhs = rhs as the dashed diagonal; up to four other observations are drawn per trial.
    /// </summary>
    public static IReadOnlyList<(string Svg, string Caption)> ObservationPlots(JsonObject? trials)
    {
        if (trials?["observationSeries"] is not JsonObject series || series.Count == 0)
        {
            return [];
        }
        double[] Values(string name) => [.. (series[name]?["values"] as JsonArray ?? []).Select(D)];
        double[] TrialsOf(string name) => [.. (series[name]?["trials"] as JsonArray ?? []).Select(D)];
        var names = series.Select(kv => kv.Key).ToList();
        var pairs = new List<(string Lhs, string Rhs)>();
        foreach (var n in names)
        {
            foreach (var b in new[] { n + "_bound", n + ".bound" }.Where(names.Contains))
            {
                pairs.Add((n, b));
            }
        }
        if (names.Contains("bound"))
        {
            var others = names.Where(n => n != "bound" && !n.StartsWith("mc.n", StringComparison.Ordinal)).ToList();
            string? partner = new[] { "lambda_min", "u_min", "mc.estimate", "exactProbability", "probability" }.FirstOrDefault(names.Contains)
                ?? (others.Count == 1 ? others[0] : null);
            if (partner is not null)
            {
                pairs.Add((partner, "bound"));
            }
        }
        if (names.Contains("restricted_lhs") && names.Contains("rhs"))
        {
            pairs.Add(("restricted_lhs", "rhs"));
        }
        var charts = new List<(string, string)>();
        foreach (var (lhs, rhs) in pairs)
        {
            // Pair the two series by trial index (both are recorded per accepted trial).
            var rhsByTrial = TrialsOf(rhs).Zip(Values(rhs)).GroupBy(p => p.First).ToDictionary(g => g.Key, g => g.First().Second);
            var pts = TrialsOf(lhs).Zip(Values(lhs)).Where(p => rhsByTrial.ContainsKey(p.First)).Select(p => (X: rhsByTrial[p.First], Y: p.Second)).ToList();
            var spec = new PlotSpec($"{lhs} against {rhs}, one point per trial", rhs, lhs) { Diagonal = $"{lhs} = {rhs} (the boundary)" };
            charts.Add((SvgPlot.Plot(spec, [new PlotSeries("trial", [.. pts.Select(p => p.X)], [.. pts.Select(p => p.Y)]) { Points = true }]),
                $"Each point is one accepted trial ({pts.Count}); the dashed diagonal is where {lhs} equals {rhs}: the statement holds on the side of it the conclusion names, and a point across it is a violation."));
        }
        var paired = pairs.SelectMany(p => new[] { p.Lhs, p.Rhs }).ToHashSet(StringComparer.Ordinal);
        foreach (var n in names.Where(n => !paired.Contains(n)).Take(4))
        {
            var spec = new PlotSpec($"{n}, per trial", "trial index", n);
            charts.Add((SvgPlot.Plot(spec, [new PlotSeries(n, TrialsOf(n), Values(n)) { Points = true }]),
                "An observation the check records on every accepted trial (no bound is recorded beside it; the table below gives min, median and max)."));
        }
        return charts;
    }

    /// <summary>
    /// Along the worst trial's trajectory (or parameter sweep): each margin family with at least four members whose names
    /// carry a parameter ("λ_min − bound (14) at t = 0.5") is drawn against that parameter — as lhs/rhs against the bound 1
    /// when every member is a bound with a utilization, otherwise as the margin rhs − lhs against 0 — with the tolerance
    /// band; traces recorded by the check (lhs and rhs per step) are drawn as two curves.
    /// </summary>
    public static IReadOnlyList<(string Svg, string Caption)> TrajectoryPlots(JsonObject? worst)
    {
        var charts = new List<(string, string)>();
        if (worst is null)
        {
            return charts;
        }
        foreach (var tr in Objects(worst["traces"]))
        {
            double[] x = [.. (tr["x"] as JsonArray ?? []).Select(D)];
            var spec = new PlotSpec(Str(tr["title"]) ?? "trace", Str(tr["xLabel"]) ?? "step", Str(tr["yLabel"]) ?? "");
            charts.Add((SvgPlot.Plot(spec,
            [
                new PlotSeries(Str(tr["lhsName"]) ?? "lhs", x, [.. (tr["lhs"] as JsonArray ?? []).Select(D)]),
                new PlotSeries(Str(tr["rhsName"]) ?? "rhs (bound)", x, [.. (tr["rhs"] as JsonArray ?? []).Select(D)]) { Dashed = true },
            ]), $"Along the worst trial (trial {N(worst["trial"])}): the observed quantity (solid) against its bound (dashed), as the check recorded them step by step."));
        }
        var families = Objects(worst["margins"])
            .Select(m => (M: m, Name: Str(m["name"]) ?? "", P: Parameter().Match(Str(m["name"]) ?? "")))
            .Where(x => x.P.Success)
            .GroupBy(x => Parameter().Replace(x.Name, "$1 = #"))
            .Where(g => g.Count() >= 4)
            .Take(3);
        foreach (var g in families)
        {
            var items = g.Select(x => (X: double.Parse(x.P.Groups[2].Value.Replace('−', '-'), CultureInfo.InvariantCulture), x.M)).OrderBy(x => x.X).ToList();
            string param = g.First().P.Groups[1].Value.Trim();
            bool ratio = items.All(x => Str(x.M["shape"]) == "bound" && x.M["utilization"] is JsonValue);
            double tolNorm = items.Select(x => D(x.M["value"]) is var v && v != 0 ? Math.Abs(D(x.M["tolerance"]) * D(x.M["normalized"]) / v) : 0)
                .Where(double.IsFinite).DefaultIfEmpty(0).Max();
            double tolAbs = items.Select(x => D(x.M["tolerance"])).Where(double.IsFinite).DefaultIfEmpty(0).Max();
            string family = Parameter().Replace(g.First().Name, "").Replace(" at ", " ", StringComparison.Ordinal).Trim().TrimEnd(',', ' ');
            PlotSpec spec;
            PlotSeries line;
            if (ratio)
            {
                spec = new PlotSpec($"{family} along {param}: utilization of the bound", param, "utilization (1 = at the bound)")
                {
                    HLines = [(1, "the bound (lhs = rhs)")],
                    Band = tolNorm > 0 ? (1 - tolNorm, 1 + tolNorm, "tolerance") : null,
                    LogY = false,
                };
                line = new PlotSeries("worst trial", [.. items.Select(x => x.X)], [.. items.Select(x => D(x.M["utilization"]))]) { Points = items.Count < 12 };
            }
            else
            {
                spec = new PlotSpec($"{family} along {param}", param, "margin rhs − lhs (≥ 0 holds)")
                {
                    HLines = [(0, "the bound (margin 0)")],
                    Band = tolAbs > 0 ? (-tolAbs, tolAbs, "tolerance") : null,
                    LogY = false,
                };
                line = new PlotSeries("worst trial", [.. items.Select(x => x.X)], [.. items.Select(x => D(x.M["value"]))]) { Points = items.Count < 12 };
            }
            // Trajectory points are often geometric in t (0, 0.47, 1.6e5, …, 2.4e7): a log axis then, with t = 0 drawn at its left edge.
            double minPositive = items.Select(x => x.X).Where(v => v > 0).DefaultIfEmpty(0).Min();
            if (minPositive > 0 && items.Max(x => x.X) / minPositive > 1e3)
            {
                spec = spec with { LogX = true, XLabel = $"{param} ({param} = 0 drawn at the left edge)" };
                line = line with { X = [.. line.X.Select(v => v > 0 ? v : minPositive)] };
            }
            charts.Add((SvgPlot.Plot(spec, [line]), $"Along the worst trial (trial {N(worst["trial"])}), {items.Count} evaluations of the same conclusion at different {param}; the red dashed line is the bound, the shaded band its tolerance."));
        }
        return charts;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(\b[^\s=,(]+)\s*=\s*([-−]?\d+(?:\.\d+)?(?:[eE][-+−]?\d+)?)")]
    private static partial System.Text.RegularExpressions.Regex Parameter();

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
            doc.P("", "Instance (the certificate holds it as JSON; vd replay re-runs it):");
            doc.Inst(instance);
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
