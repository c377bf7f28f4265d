using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;
using Xunit;

namespace VerifyDynamics.Theorems.Tests.Holds;

/// <summary>
/// ACGH19 Lemma 2 over the whole horizon T(ε) of Theorem 1 (the honest-evidence issue): the full-horizon trials (2 mod 4) run
/// every step to T(ε), hold, and their drift bound (36)/(37) is exercised far beyond the 30-step runs.
/// </summary>
public sealed class Acgh19Lemma2FullHorizonTests
{
    private static readonly Statement Lemma2Statement = Catalog.Get("ACGH19.Lemma2");

    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    public void FullHorizonTrial_RunsToTheoremOnesHorizon_AndHolds(int index)
    {
        var k = Lemma2Statement.DefaultConstants();
        var x = Lemma2Statement.Hypotheses.Generate(new TrialContext(new Rng(new Seed(20261207UL + (ulong)index)), k, index));
        Assert.Equal(-1.0, x.Scalar("steps"));
        Assert.True(Lemma2Statement.Hypotheses.Validate(x, k).Satisfied);
        var set = Lemma2Statement.Conclusion(x, k, Precision.Standard);
        Assert.True(set.AllHold, string.Join("; ", set.Margins.Where(m => !m.Holds).Select(m => $"{m.Name} = {m.Value}")));
        var o = set.Observations!;
        Assert.True(o["T(ε)"] > 1e5, $"T(ε) = {o["T(ε)"]}");
        // The running sum over the whole run: orders of magnitude above the ≤ 1e-6·δ of 30 steps, still far below δ.
        Assert.InRange(o["drift bound (36)/(37) at T / δ"], 1e-5, 1e-2);
        Assert.True(o["max_t max_j imbalance"] <= o["2δ"]);
        // Every per-step family is present, including the every-step forms of A′ and B.
        foreach (var name in new[] { "A(t): 2δ − imb_j(t)", "B(t+1) with σ_min ≥ c, every step", "A′(t+1)", "C(t)", "(36)/(37)" })
        {
            Assert.Contains(set.Margins, m => m.Name.StartsWith(name, StringComparison.Ordinal));
        }
    }
}
