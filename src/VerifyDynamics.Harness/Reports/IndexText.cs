using System.Globalization;
using System.Text.Json.Nodes;

namespace VerifyDynamics.Harness.Reports;

/// <summary>
/// What index.html and index.md both say, computed once so the two formats cannot drift: the introduction, the
/// verdict × grade summary per paper, the errata (printed form next to the correction, counterexample, replay command,
/// instance file), and the legend.
/// </summary>
public static class IndexText
{
    public const string Intro = "Generated from the certificates in certificates/ by `vd verify`. Each statement of the three papers " +
        "was turned into an executable check; its verdict says what the trials and proofs established, its evidence grade how strong that evidence is. " +
        "The summary comes first, then the errata found in the papers, what could not be checked, the per-paper tables, and a legend.";

    /// <summary>Per paper: one row per verdict present (counts by grade, in <see cref="HtmlReport.GradeOrder"/>), and a totals line.</summary>
    public static IReadOnlyList<(string Paper, IReadOnlyList<(string Verdict, int[] Counts)> Rows, string Total)> SummaryRows(IReadOnlyList<CertificateSummary> certificates) =>
        [.. certificates.Select(c => c.Paper).Distinct().Select(paper =>
        {
            var group = certificates.Where(c => c.Paper == paper).ToList();
            var verdicts = VerdictOrder.Where(v => group.Any(c => c.Verdict == v))
                .Concat(group.Select(c => c.Verdict).Where(v => !VerdictOrder.Contains(v)).Distinct().Order(StringComparer.Ordinal));
            IReadOnlyList<(string, int[])> rows = [.. verdicts.Select(v => (v, HtmlReport.GradeOrder.Select(g => group.Count(c => c.Verdict == v && c.Grade == g)).ToArray()))];
            int errata = group.Count(c => c.HasErratum), open = group.Count(c => c.IsOpen);
            string total = string.Create(CultureInfo.InvariantCulture,
                $"{paper}: {group.Count} statements; {errata} with an erratum; {open} not (fully) checked; mutants refuted {group.Sum(c => c.MutantsRefuted)}/{group.Sum(c => c.Mutants)}");
            return (paper, rows, total);
        })];

    public static readonly string[] VerdictOrder = ["certified", "holds-on-trials", "construction-reproduced", "conjecture-supported", "refuted", "inconclusive", "not-checkable"];

    /// <summary>One counterexample of a printed form: the variant, its violated margin in words, and the replayable instance file.</summary>
    public sealed record ErratumCounterexample(string Variant, string Margin, TrustTable.CounterexampleFile File);

    /// <summary>One erratum as the index shows it.</summary>
    public sealed record ErratumEntry(CertificateSummary Summary, string Printed, string PrintedVerdict, string CorrectedVerdict,
        IReadOnlyList<ErratumCounterexample> Counterexamples, string NoCounterexample);

    public static IReadOnlyList<ErratumEntry> Errata(IReadOnlyList<CertificateSummary> certificates)
    {
        var files = TrustTable.CounterexampleFiles(certificates);
        var list = new List<ErratumEntry>();
        foreach (var c in certificates.Where(c => c.HasErratum))
        {
            var variants = (c.Certificate?["variants"] as JsonArray ?? []).OfType<JsonObject>()
                .Where(v => Str(v["role"]) is "erratum" or "proof-erratum").ToList();
            string printed = variants.Count == 0
                ? "The statement itself is printed as checked; the erratum is in a display or a proof step (below)."
                : string.Join(" ", variants.Select(v => Str(v["description"]) ?? ""));
            string printedVerdict = variants.Count == 0 ? "—"
                : string.Join(", ", variants.Select(v => Str(v["outcome"]) ?? "?").Distinct());
            var cxs = new List<ErratumCounterexample>();
            foreach (var v in variants)
            {
                string name = Str(v["name"]) ?? "";
                var file = files.FirstOrDefault(f => f.Id == c.Id && f.Variant == name);
                if (file is null || v["counterexample"]?["margin"] is not JsonObject m)
                {
                    continue;
                }
                cxs.Add(new ErratumCounterexample(name, MarginWords(m), file));
            }
            string none = variants.Count == 0
                ? "none needed: a typo or a proof step, found by reading; the check of the statement is unaffected."
                : "the printed form's variant recorded no replayable instance (" + printedVerdict + ").";
            list.Add(new ErratumEntry(c, printed, printedVerdict, c.CorrectedVerdict ?? c.Verdict, cxs, none));
        }
        return list;
    }

    /// <summary>"name = −0.35, below −tolerance …": a violated margin in words.</summary>
    public static string MarginWords(JsonObject m)
    {
        var inv = CultureInfo.InvariantCulture;
        double value = m["value"] is JsonValue v && v.TryGetValue(out double d) ? d : double.NaN;
        double tol = m["tolerance"] is JsonValue t && t.TryGetValue(out double dt) ? dt : double.NaN;
        string kind = Str(m["toleranceKind"]) ?? "tolerance kind not recorded";
        return $"{Str(m["name"])} = {value.ToString("G4", inv)}, below −tolerance = −{tol.ToString("G2", inv)} ({kind}): the printed form is violated on this instance.";
    }

    public static readonly (string Term, string Meaning)[] Legend =
    [
        ("certified", "the statement as printed (full fidelity), every trial holds within a stated error bound, the trials came within a factor 2 of every bound, and every scalar obligation is proven for the constants in force."),
        ("holds-on-trials", "numerical evidence only; the reason says what is missing (restricted to …, bound never approached, …)."),
        ("construction-reproduced", "the paper's failure construction shows the claimed failure."),
        ("conjecture-supported", "a conjecture: the trials agree with it (statistical or trend evidence)."),
        ("refuted", "a confirmed counterexample; for an erratum, the statement as printed."),
        ("inconclusive", "the evidence is unusable (the reason is given)."),
        ("not-checkable", "cannot be checked as stated (the reason is given)."),
        ("proven (grade)", "the statement is itself a scalar inequality whose obligations are proven by Z3 or interval subdivision, and every trial holds (for a refutation: an exact counterexample)."),
        ("proven assuming (grade)", "every scalar obligation proven and every trial holds, assuming what is named (usually the paper's reduction of the statement to its scalar obligations; an alias; a lemma)."),
        ("numerical with an error bound (grade)", "every tried instance satisfies the conclusion within a bound on its numerical error."),
        ("sampled (grade)", "statistical, trend or conjecture evidence, or tolerances that are estimates only."),
        ("unknown (grade)", "no usable evidence."),
        ("fidelity", "full = the statement as printed; restricted = a named sub-case; substitute = a stand-in quantity (the note says which)."),
        ("utilization", "how near the trials came to the bound: lhs/rhs for 0 ≤ lhs ≤ rhs, 1 at the bound; the statement's value is its least-exercised conclusion; 'equality' marks identities checked to a tolerance."),
        ("margin", "rhs − lhs of a conclusion (≥ 0 holds), normalized by the natural size of the two sides. A negative margin beyond its tolerance, confirmed at higher precision, is a counterexample; a negative margin inside its tolerance is rounding and holds."),
        ("worst margin", "the smallest normalized margin over the trials; an identity lhs = rhs prints as its deviation |lhs − rhs| against its tolerance."),
        ("obligations proven", "scalar inequalities of the proof proven by Z3 or interval arithmetic, of those expected to be proven."),
        ("variants as expected", "mutants (deliberately wrong forms, expected refuted), controls and printed forms of errata that behaved as expected."),
    ];

    private static string? Str(JsonNode? n) => n is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}
