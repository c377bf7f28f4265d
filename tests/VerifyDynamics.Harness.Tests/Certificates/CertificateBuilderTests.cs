using System.Text.Json.Nodes;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Harness.Obligations;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Harness.Verdicts;
using VerifyDynamics.Symbolic.Proving;
using VerifyDynamics.Theorems.Model;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Certificates;

/// <summary>
/// <see cref="CertificateBuilder"/>, member by member, on toy runs and hand-made trial summaries: the members that
/// Stryker run 1 (reports/mutation/harness) found untested — the as-printed headline and the corrected form, fidelity
/// "none", constants, obligations, rejections, margin quantiles, the listed examples, observations and variants.
/// </summary>
public sealed class CertificateBuilderTests
{
    private static StatementResult Run(Statement s, IReadOnlyDictionary<string, Rational>? overrides = null) =>
        StatementRunner.Run(s, new RunOptions(new Seed(7), Overrides: overrides, RunObligations: false, SeekBoundary: false));

    private static Statement Toy(int trials = 6) => ToyStatements.UniformBelowOne(trials: trials);

    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Compact JSON with non-ASCII and quotes kept readable (as <see cref="CanonicalJson"/> writes them).</summary>
    private static string Json(JsonNode? node) => node!.ToJsonString(Readable);

    private static Margin M(string name, double value) => Margin.Bound(name, value, 1, Tolerance.Exact);

    private static TrialRecord Rec(int i, InstanceOutcome outcome, double? worst = null, string? detail = null) =>
        new(i, new Seed(1).Split(i), outcome, worst is { } w ? M("m", w) : null, detail, null, null);

    [Fact]
    public void AnErratumRefutedAsPrinted_HeadlinesTheAsPrintedDecision_AndKeepsTheCorrectedForm()
    {
        var s = Toy() with { Variants = [Variant.Erratum("Printed", "the bound as printed is 3", x => x.WithConstantDefault("bound", Rational.Of(3)))] };
        var r = Run(s);
        Assert.NotNull(r.AsPrinted);
        var c = CertificateBuilder.Build(r);
        Assert.Equal("refuted", c["verdict"]!.GetValue<string>());
        Assert.Equal(r.AsPrinted!.Reason, c["verdictReason"]!.GetValue<string>());
        Assert.StartsWith("as printed (Printed: the bound as printed is 3): ", c["verdictReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(r.AsPrinted.GradeBasis, c["evidence"]!["basis"]!.GetValue<string>());
        Assert.StartsWith("as printed: ", c["evidence"]!["basis"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(r.AsPrinted.Grade.ToKebab(), c["evidence"]!["grade"]!.GetValue<string>());
        var corrected = c["correctedForm"]!.AsObject();
        Assert.Equal(["verdict", "reason", "evidence"], corrected.Select(kv => kv.Key));
        Assert.Equal("holds-on-trials", corrected["verdict"]!.GetValue<string>());
        Assert.Equal(r.Decision.Reason, corrected["reason"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(CertificateBuilder.Evidence(r.Decision), corrected["evidence"]));
        Assert.Equal("refuted", c["variants"]![0]!["outcome"]!.GetValue<string>());
        Assert.Equal("erratum", c["variants"]![0]!["role"]!.GetValue<string>());
        Assert.Equal("refuted", c["variants"]![0]!["expected"]!.GetValue<string>());

        var plain = CertificateBuilder.Build(Run(Toy()));
        Assert.False(plain.ContainsKey("correctedForm"));
        Assert.Equal(Run(Toy()).Decision.Reason, plain["verdictReason"]!.GetValue<string>());
    }

    [Fact]
    public void Evidence_CopiesTheDecision_WithAssumptionsOnlyWhenThereAreSome()
    {
        var d = new VerdictDecision(Verdict.Certified, "r") { Grade = EvidenceGrade.ProvenAssuming, GradeBasis = "b", Assumes = ["A", "B"] };
        Assert.Equal("""{"grade":"proven-assuming","text":"proven assuming A, B","basis":"b","assumes":["A","B"]}""", Json(CertificateBuilder.Evidence(d)));
        Assert.Equal("""{"grade":"sampled","text":"sampled","basis":"b"}""", CertificateBuilder.Evidence(d with { Grade = EvidenceGrade.Sampled, Assumes = [] }).ToJsonString());
    }

    [Theory]
    [InlineData(Checkability.NotCheckable, true, "{\"kind\":\"none\",\"note\":\"not checked (see notCheckable)\"}")]
    [InlineData(Checkability.Pending, true, "{\"kind\":\"none\",\"note\":\"not checked (see notCheckable)\"}")]
    [InlineData(Checkability.NotCheckable, false, "{\"kind\":\"full\",\"note\":\"the statement as printed, under its hypotheses, at its constants\"}")]
    [InlineData(Checkability.Margins, true, "{\"kind\":\"undeclared\",\"note\":\"fidelity not declared\"}")]
    public void Fidelity_IsNone_OnlyForAnUncheckedStatementThatDeclaresNone(Checkability checkability, bool undeclared, string json)
    {
        var s = Toy() with { Checkability = checkability, NotCheckableReason = "why not", Fidelity = undeclared ? Fidelity.Undeclared : Fidelity.Full() };
        var c = CertificateBuilder.Build(Run(s));
        Assert.Equal(json, Json(c["fidelity"]));
        Assert.Equal("why not", c["notCheckable"]!.GetValue<string>());
    }

    [Fact]
    public void AliasAssumedLemmasErrataAndConstants_AreRecorded()
    {
        var extra = new NamedConstant("spare", Rational.Of(5), "a second constant");
        var s = Toy() with
        {
            AliasOf = new StatementId("TOY", "Original"),
            AssumedLemmas = ["Weyl's inequality", "Lemma 2"],
            Errata = ["the printed bound is 3"],
            Constants = [ToyStatements.Bound, extra],
        };
        var c = CertificateBuilder.Build(Run(s, new Dictionary<string, Rational> { ["bound"] = new(9, 10) }));
        Assert.Equal("TOY.Original", c["aliasOf"]!.GetValue<string>());
        Assert.Equal("""["Weyl's inequality","Lemma 2"]""", Json(c["assumedLemmas"]));
        Assert.Equal("""["the printed bound is 3"]""", Json(c["errata"]));
        Assert.Equal("""[{"name":"bound","value":"9/10","paperValue":"1","description":"upper end of the sampled interval"},{"name":"spare","value":"5","paperValue":"5","description":"a second constant"}]""",
            Json(c["constants"]));
        Assert.False(c.ContainsKey("notCheckable"));

        var plain = CertificateBuilder.Build(Run(Toy()));
        Assert.False(plain.ContainsKey("aliasOf"));
        Assert.False(plain.ContainsKey("assumedLemmas"));
        Assert.Equal("[]", Json(plain["errata"]));
    }

    [Fact]
    public void TheTopMembers_AreInTheirOrder_WithTheStatementsWords()
    {
        var c = CertificateBuilder.Build(Run(Toy()));
        Assert.Equal(["schema", "statement", "paper", "kind", "title", "source", "text", "formalisationNote", "checkability", "verdict", "verdictReason",
            "evidence", "fidelity", "utilization", "constants", "generator", "rootSeed", "trials", "variants", "obligations", "errata", "tools"], c.Select(kv => kv.Key));
        Assert.Equal("verifydynamics.certificate/1", c["schema"]!.GetValue<string>());
        Assert.Equal("TOY.UniformBelowOne", c["statement"]!.GetValue<string>());
        Assert.Equal("TOY", c["paper"]!.GetValue<string>());
        Assert.Equal("lemma", c["kind"]!.GetValue<string>());
        Assert.Equal("margins", c["checkability"]!.GetValue<string>());
        Assert.Equal("x uniform in [0, bound]", c["generator"]!.GetValue<string>());
        Assert.Equal(new Seed(7).ToString(), c["rootSeed"]!.GetValue<string>());
        Assert.Equal(["verifydynamics", "source", "mathnet"], c["tools"]!.AsObject().Select(kv => kv.Key));
        Assert.Equal(BuildInfo.Current.SourceId, c["tools"]!["source"]!.GetValue<string>());
    }

    [Fact]
    public void TheSourceAndEachUtilizationMargin_HaveTheirMemberNames()
    {
        // The approved Claim1 snapshot names them too, but it needs a git checkout (its tools.source); this does not.
        var r = Run(Toy());
        var c = CertificateBuilder.Build(r);
        Assert.Equal(["location", "lines"], c["source"]!.AsObject().Select(kv => kv.Key));
        Assert.Equal("-", c["source"]!["lines"]!.GetValue<string>());
        var margins = c["utilization"]!["margins"]!.AsArray();
        Assert.NotEmpty(margins);
        Assert.All(margins, m => Assert.Equal(["family", "name", "shape", "max", "trial", "evaluations"], m!.AsObject().Select(kv => kv.Key)));
        var first = r.Trials.Utilization.Margins[0];
        Assert.Equal(first.Family, margins[0]!["family"]!.GetValue<string>());
        Assert.Equal(first.Name, margins[0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Tools_NameTheVersionsOfTheLoadedAssemblies()
    {
        var tools = CertificateBuilder.Build(Run(Toy()))["tools"]!;
        Assert.Equal(typeof(CertificateBuilder).Assembly.GetName().Version!.ToString(), tools["verifydynamics"]!.GetValue<string>());
        Assert.Equal(typeof(MathNet.Numerics.LinearAlgebra.Matrix<double>).Assembly.GetName().Version!.ToString(), tools["mathnet"]!.GetValue<string>());
        Assert.NotEqual("unknown", tools["verifydynamics"]!.GetValue<string>());
    }

    [Fact]
    public void Obligations_AreRecordedWithEveryProverDetail()
    {
        var r = Run(Toy());
        var proven = new ProofResult(ProofStatus.Proven, "z3", "unsat", SmtLib: "(assert false)", Witness: null, UnsatCore: ["domain_x", "negated_claim"], Z3Version: "4.13.0", Rlimit: 1000, IntervalBoxes: null);
        var refuted = new ProofResult(ProofStatus.Refuted, "interval", "counterexample re-checked", Witness: new Dictionary<string, string> { ["y"] = "1/2", ["x"] = "3/4" }, IntervalBoxes: 17);
        var obligations = new List<ObligationRecord>
        {
            new(new ObligationSpec("TOY1", "eq. (1)", "forall x in [0, 1]: x*x <= x", ObligationExpectation.Holds, "a note"), proven),
            new(new ObligationSpec("TOY2", "eq. (2)", "forall x in [0, 1]: x*x <= x/2", ObligationExpectation.Fails), refuted),
            new(new ObligationSpec("TOY3", "eq. (3)", "forall x in [0, 1]: x <= 2"), refuted),
        };
        var c = CertificateBuilder.Build(r with { Obligations = obligations });
        var o = c["obligations"]!.AsArray();
        Assert.Equal("""{"id":"TOY1","location":"eq. (1)","claim":"forall x in [0, 1]: x*x <= x","expect":"proven","status":"proven","asExpected":true,"method":"z3","detail":"unsat","smtlib":"(assert false)","witness":null,"unsatCore":["domain_x","negated_claim"],"z3Version":"4.13.0","rlimit":1000,"intervalBoxes":null,"note":"a note"}""",
            Json(o[0]));
        Assert.Equal("""{"id":"TOY2","location":"eq. (2)","claim":"forall x in [0, 1]: x*x <= x/2","expect":"refuted","status":"refuted","asExpected":true,"method":"interval","detail":"counterexample re-checked","smtlib":null,"witness":{"x":"3/4","y":"1/2"},"unsatCore":null,"z3Version":null,"rlimit":null,"intervalBoxes":17,"note":null}""",
            Json(o[1]));
        Assert.Equal("proven", o[2]!["expect"]!.GetValue<string>());
        Assert.False(o[2]!["asExpected"]!.GetValue<bool>());
    }

    [Fact]
    public void Trials_CountsRejectionsQuantilesAndExamples()
    {
        // 11 accepted trials with worst normalized margins 0..10 (shuffled), 3 rejected for two reasons, 5 counterexamples,
        // 2 inconclusive and 2 errors: every count, the rejection reasons in ordinal order, the order statistics, and the
        // first three of each listed kind.
        var records = new List<TrialRecord>();
        int[] values = [7, 3, 10, 0, 5, 1, 9, 2, 8, 4, 6];
        foreach (var v in values)
        {
            records.Add(Rec(records.Count, InstanceOutcome.Holds, v));
        }
        records.Add(Rec(records.Count, InstanceOutcome.Rejected, 100, "z: too big"));
        records.Add(Rec(records.Count, InstanceOutcome.Rejected, null, "a: too small"));
        records.Add(Rec(records.Count, InstanceOutcome.Rejected, null, "z: too big"));
        records.Add(Rec(records.Count, InstanceOutcome.Rejected, null, null));
        for (int k = 0; k < 5; k++)
        {
            records.Add(Rec(records.Count, InstanceOutcome.Confirmed, -1 - k, $"cx {k}"));
        }
        records.Add(Rec(records.Count, InstanceOutcome.Error, null, "boom 1"));
        records.Add(Rec(records.Count, InstanceOutcome.Inconclusive, double.NaN, "nan 1"));
        records.Add(Rec(records.Count, InstanceOutcome.Error, null, "boom 2"));
        records.Add(Rec(records.Count, InstanceOutcome.Inconclusive, null, "nan 2"));
        var t = new TrialSummary(new Seed(1), records.Count, records) { WeakestHoldingTolerance = ToleranceKind.Exact, WeakestHoldingToleranceSource = "exact arithmetic" };
        var o = CertificateBuilder.Trials(t);
        Assert.Equal(24, o["count"]!.GetValue<int>());
        Assert.Equal(11, o["holds"]!.GetValue<int>());
        Assert.Equal(4, o["rejected"]!.GetValue<int>());
        Assert.Equal(2, o["inconclusive"]!.GetValue<int>());
        Assert.Equal(5, o["confirmed"]!.GetValue<int>());
        Assert.Equal(2, o["errors"]!.GetValue<int>());
        Assert.Equal("""{"":1,"a: too small":1,"z: too big":2}""", Json(o["rejectedBecause"]));
        // The confirmed margins (−1 … −5) are among the accepted ones; the rejected trial's 100 is not.
        Assert.Equal("""{"min":-5,"q10":-3,"median":3,"q90":9,"max":10}""", Json(o["marginQuantiles"]));
        Assert.Equal("""{"kind":"exact","source":"exact arithmetic"}""", Json(o["weakestTolerance"]));
        Assert.Equal([15, 16, 17], o["counterexamples"]!.AsArray().Select(x => x!["trial"]!.GetValue<int>()));
        Assert.Equal([20, 21, 22], o["inconclusiveExamples"]!.AsArray().Select(x => x!["trial"]!.GetValue<int>()));
        Assert.Equal(19, o["worst"]!["trial"]!.GetValue<int>());
        Assert.Equal(["count", "holds", "rejected", "inconclusive", "confirmed", "errors", "rejectedBecause", "marginQuantiles", "weakestTolerance", "worst", "counterexamples", "inconclusiveExamples"],
            o.Select(kv => kv.Key));
    }

    [Fact]
    public void Trials_WithoutAnyComputableMargin_HaveNoQuantilesNorRejections()
    {
        var t = new TrialSummary(new Seed(1), 2, [Rec(0, InstanceOutcome.Holds), Rec(1, InstanceOutcome.Inconclusive, double.NaN, "nan")]);
        var o = CertificateBuilder.Trials(t);
        Assert.Equal(["count", "holds", "rejected", "inconclusive", "confirmed", "errors", "worst", "counterexamples", "inconclusiveExamples"], o.Select(kv => kv.Key));
        Assert.Null(o["worst"]);
        Assert.Equal("[]", Json(o["counterexamples"]));

        var one = CertificateBuilder.Trials(new TrialSummary(new Seed(1), 1, [Rec(0, InstanceOutcome.Holds, 0.25)]));
        Assert.Equal("""{"min":0.25,"q10":0.25,"median":0.25,"q90":0.25,"max":0.25}""", Json(one["marginQuantiles"]));
    }

    [Fact]
    public void Record_HasMarginsObservationsTracesAndInstance()
    {
        var margins = MarginSet.Of(Margin.Bound("a ≤ 1", 0.5, 2, Tolerance.Bound(1e-15, "γ_2")), new Margin("raw", double.PositiveInfinity, Tolerance.Heuristic(0.25, "guess")))
            .WithObservation("zeta", 2).WithObservation("alpha", double.NaN)
            .WithTrace(new Trace("T", "t", "y", "lhs", "rhs", [0, 1], [1, 0.5], [1, double.NegativeInfinity]));
        var instance = Instance.OfScalars("toy", ("x", 0.5));
        var r = new TrialRecord(3, new Seed(9), InstanceOutcome.Holds, margins.Margins[0], "fine", instance, margins);
        var o = CertificateBuilder.Record(r);
        Assert.Equal(["trial", "seed", "outcome", "margin", "detail", "margins", "observations", "traces", "instance"], o.Select(kv => kv.Key));
        Assert.Equal(3, o["trial"]!.GetValue<int>());
        Assert.Equal(new Seed(9).ToString(), o["seed"]!.GetValue<string>());
        Assert.Equal("holds", o["outcome"]!.GetValue<string>());
        Assert.Equal("""{"name":"a ≤ 1","value":0.5,"tolerance":1E-15,"toleranceSource":"γ_2","toleranceKind":"rigorous","normalized":0.25,"shape":"bound","utilization":0.75}""",
            Json(o["margin"]));
        Assert.Equal("""{"name":"raw","value":"Infinity","tolerance":0.25,"toleranceSource":"guess","toleranceKind":"heuristic","normalized":"Infinity","shape":"unstated","utilization":null}""",
            Json(o["margins"]![1]));
        Assert.Equal("""{"alpha":"NaN","zeta":2}""", Json(o["observations"]));
        Assert.Equal("""[{"title":"T","xLabel":"t","yLabel":"y","lhsName":"lhs","rhsName":"rhs","x":[0,1],"lhs":[1,0.5],"rhs":[1,"-Infinity"]}]""", Json(o["traces"]));
        Assert.True(JsonNode.DeepEquals(InstanceJson.ToJson(instance), o["instance"]));

        var bare = CertificateBuilder.Record(new TrialRecord(0, new Seed(9), InstanceOutcome.Error, null, null, null, MarginSet.Of()));
        Assert.Equal(["trial", "seed", "outcome", "margins"], bare.Select(kv => kv.Key));
    }

    [Fact]
    public void ObservationSeries_AreListedPerName()
    {
        var s = Toy(3) with { Conclusion = (x, k, p) => MarginSet.Of(Margin.AtMost("x ≤ 1", x.Scalar("x"), 1)).WithObservation("x", x.Scalar("x")) };
        var r = Run(s);
        var o = CertificateBuilder.Trials(r.Trials);
        var series = o["observationSeries"]!["x"]!;
        Assert.Equal("[0,1,2]", Json(series["trials"]));
        Assert.Equal(r.Trials.ObservationSeries["x"].Select(p => p.Value), series["values"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.False(CertificateBuilder.Trials(Run(Toy(3)).Trials).ContainsKey("observationSeries"));
    }

    [Fact]
    public void Variants_RecordTheFirstCounterexample_OrTheWorstTrial()
    {
        var c = CertificateBuilder.Build(Run(Toy(20)));
        var mutant = c["variants"]![0]!.AsObject();
        var control = c["variants"]![1]!.AsObject();
        Assert.Equal(["name", "role", "description", "expected", "outcome", "asExpected", "trials", "accepted", "counterexample"], mutant.Select(kv => kv.Key));
        Assert.Equal("BoundTwo", mutant["name"]!.GetValue<string>());
        Assert.Equal("mutant", mutant["role"]!.GetValue<string>());
        Assert.Equal("sample up to 2", mutant["description"]!.GetValue<string>());
        Assert.Equal("refuted", mutant["expected"]!.GetValue<string>());
        Assert.Equal("refuted", mutant["outcome"]!.GetValue<string>());
        Assert.True(mutant["asExpected"]!.GetValue<bool>());
        Assert.Equal(20, mutant["trials"]!.GetValue<int>());
        Assert.Equal(20, mutant["accepted"]!.GetValue<int>());
        Assert.Equal("confirmed", mutant["counterexample"]!["outcome"]!.GetValue<string>());

        Assert.Equal(["name", "role", "description", "expected", "outcome", "asExpected", "trials", "accepted", "counterexample", "worst"], control.Select(kv => kv.Key));
        Assert.Equal("control", control["role"]!.GetValue<string>());
        Assert.Equal("not-refuted", control["expected"]!.GetValue<string>());
        Assert.Equal("not-refuted", control["outcome"]!.GetValue<string>());
        Assert.Null(control["counterexample"]);
        Assert.Equal("holds", control["worst"]!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public void Utilization_IsRecordedWithTheBoundarySearch()
    {
        var r = StatementRunner.Run(Toy(), new RunOptions(new Seed(7), RunObligations: false, RunVariants: false));
        var u = CertificateBuilder.Utilization(r.Trials);
        Assert.Equal(["state", "value", "approached", "near", "leastExercised", "text", "margins", "boundarySearch"], u.Select(kv => kv.Key));
        Assert.Equal("measured", u["state"]!.GetValue<string>());
        Assert.Equal(r.Trials.Utilization.Value, u["value"]!.GetValue<double>());
        Assert.True(u["approached"]!.GetValue<bool>());
        Assert.Equal(0.5, u["near"]!.GetValue<double>());
        Assert.Equal(r.Trials.Utilization.Least!.Family, u["leastExercised"]!.GetValue<string>());
        Assert.Equal(r.Trials.Utilization.Describe(), u["text"]!.GetValue<string>());
        var b = r.Trials.BoundarySearch!;
        Assert.Equal($"{{\"evaluations\":{b.Evaluations},\"starts\":{b.Starts},\"before\":{Json(u["boundarySearch"]!["before"])},\"after\":{Json(u["boundarySearch"]!["after"])},\"improvements\":{b.Improved}}}",
            Json(u["boundarySearch"]));
        Assert.Equal(b.UtilizationBefore, u["boundarySearch"]!["before"]!.GetValue<double>());
        Assert.Equal(b.UtilizationAfter, u["boundarySearch"]!["after"]!.GetValue<double>());
        var m = u["margins"]![0]!;
        Assert.Equal("bound", m["shape"]!.GetValue<string>());
        Assert.Equal(r.Trials.Utilization.Margins[0].Max, m["max"]!.GetValue<double>());

        var none = CertificateBuilder.Utilization(new TrialSummary(new Seed(1), 0, []));
        Assert.Equal("""{"state":"none","value":null,"approached":false,"near":0.5,"leastExercised":null,"text":"utilization not measured (no holding trial)","margins":[]}""", Json(none));
    }
}
