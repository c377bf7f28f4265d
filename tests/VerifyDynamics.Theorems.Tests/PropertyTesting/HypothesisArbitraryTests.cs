using FsCheck;
using FsCheck.Fluent;
using VerifyDynamics.Harness.Search;
using VerifyDynamics.PropertyTesting;
using VerifyDynamics.Theorems.Model;
using Xunit;

namespace VerifyDynamics.Theorems.Tests.PropertyTesting;

/// <summary>
/// <see cref="HypothesisArbitrary"/> for every statement that has hypotheses: draws satisfy the statement's validator, the same
/// FsCheck seed gives the same draws, and shrinking stays within the hypotheses while making the instance smaller or simpler.
/// </summary>
public sealed class HypothesisArbitraryTests
{
    private const int DrawsPerStatement = 3;

    public static TheoryData<string> StatementsWithHypotheses() =>
        [.. Catalog.All.Where(s => s.Checkability is not (Checkability.NotCheckable or Checkability.Pending)).Select(s => s.Id.ToString())];

    private static List<HypothesisDraw> Sample(Statement s, ulong seed) =>
        [.. Gen.Sample(HypothesisArbitrary.For(s).Generator, 10, new Rnd(seed, 0x9E3779B97F4A7C15UL), DrawsPerStatement)];

    [Theory]
    [MemberData(nameof(StatementsWithHypotheses))]
    public void Draws_MeetTheHypotheses_AndReplayFromTheSeed(string id)
    {
        var s = Catalog.Get(id);
        var k = s.DefaultConstants();
        var first = Sample(s, 20261207);
        foreach (var d in first)
        {
            var check = s.Hypotheses.Validate(d.Instance, k);
            Assert.True(check.Satisfied, $"{d}: {check.Failed}");
            Assert.Same(s, d.Statement);
        }
        var again = Sample(s, 20261207);
        Assert.Equal(first.Select(d => d.ToString()), again.Select(d => d.ToString()));
        // The draw is a pure function of (seed, index): what a failure message prints is what Draw replays.
        var replayed = HypothesisArbitrary.Draw(s, k, first[0].Seed, first[0].Index);
        Assert.Equal(first[0].InstanceJson, replayed.InstanceJson);
    }

    /// <summary>A sample of each paper's statements (every seventh, so shrinking stays affordable): greedy shrinking, as FsCheck does on a property that always fails.</summary>
    public static TheoryData<string> ShrinkSample() =>
        [.. Catalog.All.Where(s => s.Checkability is not (Checkability.NotCheckable or Checkability.Pending))
            .GroupBy(s => s.Id.Paper).SelectMany(g => g.Where((_, i) => i % 7 == 0)).Select(s => s.Id.ToString())];

    [Theory]
    [MemberData(nameof(ShrinkSample))]
    public void Shrinking_StaysWithinTheHypotheses_AndMakesProgress(string id)
    {
        var s = Catalog.Get(id);
        var k = s.DefaultConstants();
        var arbitrary = HypothesisArbitrary.For(s);
        var current = Sample(s, 7)[0];
        for (int step = 0; step < 12; step++)
        {
            var next = arbitrary.Shrinker(current).Take(3).ToList();
            if (next.Count == 0)
            {
                break;
            }
            foreach (var candidate in next)
            {
                var check = s.Hypotheses.Validate(candidate.Instance, k);
                Assert.True(check.Satisfied, $"{id}: shrink step {step} proposed an instance outside the hypotheses ({check.Failed}): {candidate}");
                Assert.True(candidate.Shrunk);
                int size = InstanceEditor.Size(candidate.Instance), before = InstanceEditor.Size(current.Instance);
                Assert.True(size < before || (size == before && InstanceEditor.Complexity(candidate.Instance) < InstanceEditor.Complexity(current.Instance)),
                    $"{id}: shrink step {step} is neither smaller nor simpler: {candidate}");
            }
            current = next[0];
        }
    }

    [Fact]
    public void AFalseProperty_ShrinksToAnInstanceThatStillMeetsTheHypotheses()
    {
        // "No ACGH19 Thm 1 instance has a weight entry beyond 0.1" is false; FsCheck's counterexample after shrinking must still
        // be a Thm 1 instance, and simpler than the first failing draw.
        var s = Catalog.Get("ACGH19.Thm1");
        var k = s.DefaultConstants();
        var property = Prop.ForAll(HypothesisArbitrary.For(s), d => d.Instance.Weights.All(w => w.Enumerate().All(v => Math.Abs(v) <= 0.1)));
        var error = Assert.ThrowsAny<Exception>(() => property.Check(Config.QuickThrowOnFailure.WithReplay(20261207UL, 1UL).WithMaxTest(50).WithQuietOnSuccess(true)));
        Assert.Contains("ACGH19.Thm1 (shrunk from the draw at", error.Message, StringComparison.Ordinal);
        string json = error.Message[(error.Message.IndexOf("): {", StringComparison.Ordinal) + 3)..];
        json = json[..(json.IndexOf('\n') is var n and >= 0 ? n : json.Length)].Trim();
        var shrunk = InstanceJson.Parse(json);
        Assert.True(s.Hypotheses.Validate(shrunk, k).Satisfied, $"the shrunk counterexample is outside the hypotheses: {json}");
    }

    [Fact]
    public void AStatementWithoutHypotheses_IsRefusedWithItsReason()
    {
        var s = Catalog.All.First(x => x.Checkability == Checkability.NotCheckable);
        var e = Assert.Throws<ArgumentException>(() => HypothesisArbitrary.For(s));
        Assert.Contains(s.Id.ToString(), e.Message, StringComparison.Ordinal);
    }
}
