using System.Collections.Concurrent;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Theorems.Model;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Trials;

/// <summary>
/// <see cref="TrialParallelism"/> (the threads a trial's conclusion may use for its own independent work) and the
/// concurrent jobs of <see cref="StatementRunner.Run"/>: results by index, one thread at degree 1, failures unwrapped.
/// </summary>
public sealed class TrialParallelismTests
{
    [Fact]
    public void AtDegreeOne_MapRunsInOrderOnTheCallingThread()
    {
        Assert.Equal(1, TrialParallelism.Degree);
        var order = new List<(int Index, int Thread)>();
        var results = TrialParallelism.Map(5, i =>
        {
            order.Add((i, Environment.CurrentManagedThreadId));
            return i * i;
        });
        Assert.Equal([0, 1, 4, 9, 16], results);
        Assert.Equal([0, 1, 2, 3, 4], order.Select(o => o.Index));
        Assert.All(order, o => Assert.Equal(Environment.CurrentManagedThreadId, o.Thread));
    }

    [Fact]
    public async Task AtDegreeTwo_MapGathersByIndex_AndRethrowsAFailureAsItself()
    {
        var results = await Task.Run(() =>
        {
            TrialParallelism.Set(2);
            return TrialParallelism.Map(200, i => { Thread.SpinWait(1000 * (i % 7)); return 3 * i + 1; });
        });
        Assert.Equal(Enumerable.Range(0, 200).Select(i => 3 * i + 1), results);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Task.Run(() =>
        {
            TrialParallelism.Set(2);
            return TrialParallelism.Map(4, i => i == 2 ? throw new InvalidOperationException("job 2") : i);
        }));
        Assert.Equal("job 2", e.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TrialRunner_GivesEachTrialItsThreadCount_AndRestoresTheCallersDegree(int parallelism)
    {
        var seen = new ConcurrentBag<int>();
        var s = ToyStatements.UniformBelowOne(trials: 6) with
        {
            Conclusion = (x, k, p) =>
            {
                seen.Add(TrialParallelism.Degree);
                return MarginSet.Of(Margin.AtMost("x ≤ 1", x.Scalar("x"), 1));
            },
        };
        var summary = TrialRunner.Run(s, s.DefaultConstants(), new Seed(11), 6, parallelism);
        Assert.Equal(6, summary.Accepted);
        Assert.NotEmpty(seen);
        Assert.All(seen, d => Assert.Equal(parallelism, d));
        Assert.Equal(1, TrialParallelism.Degree);
    }

    [Fact]
    public void StatementRun_IsTheSameAtOneAndTwoThreads()
    {
        var s = ToyStatements.UniformBelowOne(trials: 12);
        var one = StatementRunner.Run(s, new RunOptions(new Seed(5), Parallelism: 1));
        var two = StatementRunner.Run(s, new RunOptions(new Seed(5), Parallelism: 2));
        Assert.Equal(one.Variants.Select(v => (v.Variant.Name, v.Refuted, v.Trials.Accepted)), two.Variants.Select(v => (v.Variant.Name, v.Refuted, v.Trials.Accepted)));
        Assert.Equal(["BoundTwo", "BoundHalf"], two.Variants.Select(v => v.Variant.Name));
        Assert.Equal(one.Trials.Accepted, two.Trials.Accepted);
        Assert.Equal(one.Decision.Verdict, two.Decision.Verdict);
        Assert.Equal(
            CanonicalJson.Seal(CertificateBuilder.Build(one)),
            CanonicalJson.Seal(CertificateBuilder.Build(two)));
    }
}
