using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Reports;
using VerifyDynamics.Harness.Search;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Theorems;
using VerifyDynamics.Theorems.Model;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Search;

public sealed class ConstantTightenerTests
{
    private const double Tolerance = 1.0 / 128;

    private static TightenOptions Options(int trials = 16, int local = 48) =>
        new(new Seed(7), new SearchBudget(trials, local), BisectionSteps: 16, RelativeTolerance: Tolerance);

    [Fact]
    public void GeneratorOnlyConstant_EdgeAtOne_Upward()
    {
        var r = ConstantTightener.Run(SearchToys.UpToBound(), "bound", Options());
        Assert.Equal(TightenDirection.Up, r.Direction);
        Assert.True(r.PaperHolds);
        // No counterexample can exist at bound ≤ 1, so the edge must be bracketed as good ≤ 1 < bad, within the tolerance.
        Assert.NotNull(r.LastGood);
        Assert.NotNull(r.FirstBad);
        Assert.True(r.LastGood!.Value <= Rational.One && r.FirstBad!.Value > Rational.One, $"{r.LastGood} / {r.FirstBad}");
        Assert.True(ConstantTightener.Converged(r.LastGood.Value, r.FirstBad.Value, Tolerance), r.Status);
        Assert.Equal(InstanceOutcome.Confirmed, r.Counterexample!.Outcome);
        Assert.InRange(r.SlackRatio!.Value, 1 - Tolerance, 1.0);
    }

    [Fact]
    public void MarginConstant_EdgeAtOneQuarter_Downward_NeedsTheLocalSearch()
    {
        var r = ConstantTightener.Run(SearchToys.Parabola(), "c", Options());
        Assert.Equal(TightenDirection.Down, r.Direction);
        Assert.True(r.PaperHolds);
        var quarter = Rational.Of(1, 4);
        Assert.True(r.FirstBad!.Value < quarter && r.LastGood!.Value >= quarter, $"{r.LastGood} / {r.FirstBad}");
        Assert.True(ConstantTightener.Converged(r.LastGood.Value, r.FirstBad.Value, Tolerance), r.Status);
        // The generator never goes above x = 1/5 (x(1 − x) ≤ 4/25): the counterexamples near 1/4 come from the climber.
        Assert.Equal("local search", r.FoundBy);
        Assert.InRange(r.SlackRatio!.Value, 2 * (1 - Tolerance), 2.0);
    }

    [Fact]
    public void SamplingAlone_StopsShortOfTheEdge()
    {
        var r = ConstantTightener.Run(SearchToys.Parabola(), "c", Options(local: 0));
        Assert.True(r.LastGood!.Value < Rational.Of(1, 5), $"{r.LastGood}");
    }

    [Fact]
    public void RefutedPaperValue_LoosensToTheEdge()
    {
        var r = ConstantTightener.Run(SearchToys.Parabola(1, 8), "c", Options());
        Assert.False(r.PaperHolds);
        Assert.True(r.FirstBad!.Value < Rational.Of(1, 4) && r.LastGood!.Value >= Rational.Of(1, 4), $"{r.LastGood} / {r.FirstBad}");
        Assert.True(r.SlackRatio < 1);
    }

    [Fact]
    public void SameSeed_SameResult()
    {
        var a = TightenJson.ToJson(ConstantTightener.Run(SearchToys.Parabola(), "c", Options(trials: 8, local: 16))).ToJsonString();
        var b = TightenJson.ToJson(ConstantTightener.Run(SearchToys.Parabola(), "c", Options(trials: 8, local: 16) with { Parallelism = 2 })).ToJsonString();
        Assert.Equal(a, b);
    }

    [Fact]
    public void RealStatement_Acgh19Lemma6_PaperConstantHolds_WithSlack()
    {
        var statement = Catalog.Find("ACGH19.Lemma6")!;
        var r = ConstantTightener.Run(statement, "thirty", new TightenOptions(new Seed(20190101), new SearchBudget(8, 8), BisectionSteps: 4));
        Assert.True(r.PaperHolds);
        Assert.Equal(TightenDirection.Down, r.Direction);
        Assert.True(r.SlackRatio >= 1, $"slack {r.SlackRatio}");
    }

    [Fact]
    public void Shrinker_ZeroesIrrelevantEntries_AndTheResultReplays()
    {
        var statement = SearchToys.CornerPlusT();
        var k = statement.DefaultConstants().With("c", Rational.Of(3, 2));
        var found = CounterexampleSearch.Run(statement, k, new Seed(3), new SearchBudget(32, 32));
        Assert.NotNull(found.Counterexample);
        var shrunk = Shrinker.Shrink(statement, k, found.Counterexample!, new Seed(4));
        var x = shrunk.Counterexample.Instance!;
        Assert.Equal(InstanceOutcome.Confirmed, shrunk.Counterexample.Outcome);
        Assert.True(shrunk.SizeAfter <= shrunk.SizeBefore);
        Assert.True(shrunk.ComplexityAfter < shrunk.ComplexityBefore);
        var a = x.Matrix("A");
        for (int i = 0; i < a.RowCount; i++)
        {
            for (int j = 0; j < a.ColumnCount; j++)
            {
                if (i != 0 || j != 0)
                {
                    Assert.Equal(0.0, a[i, j]);
                }
            }
        }
        Assert.Equal(1.0, a[0, 0]);
        Assert.True(InstanceEditor.Digits(x.Scalar("t")) <= 4, $"t = {x.Scalar("t")}");
        // Replays from its JSON form.
        var replayed = InstanceJson.Parse(InstanceJson.ToJson(x).ToJsonString());
        Assert.Equal(InstanceOutcome.Confirmed, TrialRunner.Evaluate(statement, k, replayed, 0, new Seed(0)).Outcome);
    }

    [Fact]
    public void SlackTable_HooksRenderOnlyWhenTheFileExists()
    {
        string dir = Path.Combine(Path.GetTempPath(), "vd-slack-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            Assert.Equal("# r\n", SlackTable.AppendToMarkdown("# r\n", SlackTable.TryRead(dir)));
            Assert.Equal("<html><body></body></html>", SlackTable.InsertIntoHtml("<html><body></body></html>", SlackTable.TryRead(dir)));
            var r = ConstantTightener.Run(SearchToys.Parabola(), "c", Options(trials: 8, local: 16));
            var doc = new System.Text.Json.Nodes.JsonObject
            {
                ["seed"] = "7",
                ["budget"] = "24",
                ["entries"] = new System.Text.Json.Nodes.JsonArray(TightenJson.ToJson(r, withCandidates: false)),
                ["skipped"] = new System.Text.Json.Nodes.JsonArray(),
            };
            File.WriteAllText(Path.Combine(dir, SlackTable.FileName), doc.ToJsonString());
            Assert.Contains("| TOY.Parabola | `c` | 1/2 | down |", SlackTable.AppendToMarkdown("# r\n", SlackTable.TryRead(dir)), StringComparison.Ordinal);
            string html = SlackTable.InsertIntoHtml("<html><body></body></html>", SlackTable.TryRead(dir));
            Assert.True(html.IndexOf("Slack of the named constants", StringComparison.Ordinal) < html.IndexOf("</body>", StringComparison.Ordinal));
            Assert.Contains("longtable", SlackTable.AppendToLatex("", SlackTable.TryRead(dir)), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
