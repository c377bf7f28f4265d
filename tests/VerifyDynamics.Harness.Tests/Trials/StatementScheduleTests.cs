using System.Collections.Concurrent;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Theorems;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Trials;

/// <summary>
/// <c>vd verify</c>'s start order (longest first by the committed cost table) and its pool (results by index whatever the
/// start order). Byte-identical certificates at 1 and 2 threads under this reordering: Cli.Tests' ThreadDeterminismTests.
/// </summary>
public sealed class StatementScheduleTests
{
    [Fact]
    public void LongestFirst_OrdersByDescendingCost_UnknownAsTheMedian_TiesInCatalogOrder()
    {
        var costs = new Dictionary<string, double> { ["a"] = 1, ["b"] = 5, ["c"] = 3, ["d"] = 3, ["e"] = 0.5 };
        // "x" is not in the table: it costs the median of the known costs of this run (a, b, d, e: sorted 0.5 1 3 5 → 3).
        string[] ids = ["a", "b", "x", "d", "e"];
        Assert.Equal([1, 2, 3, 0, 4], StatementSchedule.LongestFirst(ids, costs));
    }

    [Fact]
    public void LongestFirst_WithoutCosts_IsCatalogOrder() =>
        Assert.Equal([0, 1, 2], StatementSchedule.LongestFirst(["p", "q", "r"], new Dictionary<string, double>()));

    [Fact]
    public void CommittedTable_StartsTheCatalogsLongPolesFirst()
    {
        var costs = StatementSchedule.CommittedCosts;
        Assert.True(costs.Count > 100, $"the embedded statement-costs.tsv has {costs.Count} rows");
        var ids = Catalog.All.Select(s => s.Id.ToString()).ToList();
        var order = StatementSchedule.LongestFirst(ids, costs);
        var first = order.Take(ids.Count / 10).Select(i => ids[i]).ToList();
        // The ACGH19 long poles (README "Performance"), near the end of ACGH19 in catalog order, start in the first tenth.
        Assert.Contains("ACGH19.Lemma17", first);
        Assert.Contains("ACGH19.Thm1", first);
        Assert.True(costs.Keys.All(id => ids.Contains(id)), "every id in statement-costs.tsv is a catalog id: "
            + string.Join(", ", costs.Keys.Where(id => !ids.Contains(id))));
        // A statement missing from the table starts at the median cost, i.e. mid-run: before this check, the table lacked
        // the four statements that had become checkable (JGGSH21.Fig1 alone is ~2/3 of a --threads 1 run), Fig1 started
        // late, and --threads 2 was only 1.34× faster than --threads 1. Regenerate the table when a statement is added.
        Assert.True(ids.All(costs.ContainsKey), "every catalog statement has a row in statement-costs.tsv (regenerate it): missing "
            + string.Join(", ", ids.Where(id => !costs.ContainsKey(id))));
        Assert.Equal("JGGSH21.Fig1", ids[order[0]]);
    }

    [Fact]
    public void Parse_RejectsAMalformedLine()
    {
        Assert.Equal(2.5, StatementSchedule.Parse(new StringReader("# comment\nA.B\t2.5\n"))["A.B"]);
        Assert.Throws<FormatException>(() => StatementSchedule.Parse(new StringReader("A.B 2.5\n")));
        Assert.Throws<FormatException>(() => StatementSchedule.Parse(new StringReader("A.B\t-1\n")));
    }

    [Fact]
    public void Pool_StartsInTheGivenOrder_AndHandsResultsOutByIndex()
    {
        var started = new ConcurrentQueue<int>();
        using (var pool = new StatementPool<string>(4, 1, [2, 0, 3, 1], i => { started.Enqueue(i); return "r" + i; }, CancellationToken.None))
        {
            Assert.Equal(["r0", "r1", "r2", "r3"], Enumerable.Range(0, 4).Select(i => pool.Await(i)));
        }
        Assert.Equal([2, 0, 3, 1], started);
    }

    [Fact]
    public void Pool_RefusesAnOrderThatIsNotAPermutation() =>
        Assert.Throws<ArgumentException>(() => new StatementPool<string>(3, 1, [0, 0, 2], i => "", CancellationToken.None));
}
