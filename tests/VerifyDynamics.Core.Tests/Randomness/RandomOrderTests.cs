using VerifyDynamics.Core.Randomness;
using Xunit;

namespace VerifyDynamics.Core.Tests.Randomness;

/// <summary>
/// <see cref="Rng.RandomOrder"/> replaces <c>Enumerable.Range(0, n).OrderBy(_ =&gt; rng.NextDouble())</c> in the generators: the
/// native build's LINQ called the key selector differently (EC21 Fact.OpNorm's instances differed between the JIT and the
/// native vd). Its draws are pinned here: one key per index in index order, none for n ≤ 1, a stable sort by key.
/// </summary>
public sealed class RandomOrderTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(40)]
    public void DrawsOneKeyPerIndex_InOrder_AndSortsByThem(int n)
    {
        var a = new Rng(new Seed(99));
        var b = new Rng(new Seed(99));
        var order = a.RandomOrder(n);
        var keys = Enumerable.Range(0, n).Select(_ => b.NextDouble()).ToArray();
        // an independent order from the same keys: the index of each key among the sorted keys
        var expected = Enumerable.Range(0, n).ToArray();
        Array.Sort(keys.ToArray(), expected);
        Assert.Equal(expected, order);
        Assert.Equal(b.NextUInt64(), a.NextUInt64()); // exactly n draws were made
        Assert.Equal(Enumerable.Range(0, n), order.Order());
    }

    [Fact]
    public void DrawsNothing_WhenThereIsOneOrder()
    {
        var a = new Rng(new Seed(5));
        var b = new Rng(new Seed(5));
        Assert.Empty(a.RandomOrder(0));
        Assert.Equal([0], a.RandomOrder(1));
        Assert.Equal(b.NextUInt64(), a.NextUInt64());
        Assert.Throws<ArgumentOutOfRangeException>(() => a.RandomOrder(-1));
    }

    [Fact]
    public void MatchesTheJitBuildsLinqForm()
    {
        // what the generators did before (JIT build): same keys, same order, same number of draws for n ≥ 2
        for (int n = 2; n <= 12; n++)
        {
            var a = new Rng(new Seed((ulong)n));
            var b = new Rng(new Seed((ulong)n));
            Assert.Equal(Enumerable.Range(0, n).OrderBy(_ => b.NextDouble()).ToArray(), a.RandomOrder(n));
            Assert.Equal(b.NextUInt64(), a.NextUInt64());
        }
    }
}
