using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;
using Xunit;

namespace VerifyDynamics.Theorems.Tests.Holds;

/// <summary>
/// Regression tests for the hostile-referee audit of 2026-12-07 (notes/audit/SUMMARY.md): each fails on the behaviour the
/// audit found hollow (EC21.Cor4 accepting β = 0 / zero GD steps; JGGSH21.Lemma45 trivial obligations at the wrong p;
/// JGGSH21.Lemma15 checking only "¾η ⇒ η/2" and not storing θ_0).
/// </summary>
public sealed class AuditFindingsTests
{
    private static Instance Quadratic(string family, double lambda, double z0, double horizon, double eps) =>
        new Instance { Family = family }
            .WithMatrix("lambda", Matrix<double>.Build.Dense(1, 1, lambda))
            .WithMatrix("z0", Matrix<double>.Build.Dense(1, 1, z0))
            .WithMatrix("dz", Matrix<double>.Build.Dense(1, 1, 0.0))
            .WithScalar("horizon", horizon).WithScalar("epsilon", eps);

    [Fact]
    public void Cor4_RejectsBetaZero()
    {
        // f ≡ 0 (the only λ_i is 0): β = 0, the corollary's c and bound are +∞ and GD takes no step (audit: trial 10 passed).
        var s = Catalog.Get("EC21.Cor4");
        var check = s.Hypotheses.Validate(Quadratic("convex", 0, 1.3, 1, 0.1), s.DefaultConstants());
        Assert.False(check.Satisfied);
        Assert.Contains("β > 0", check.Failed);
    }

    [Fact]
    public void Cor4_RejectsZeroGradientDescentSteps()
    {
        // β = 0.01 > 0 but the bound (≈ 33) exceeds t̃ = 1: ⌊t̃/η⌋ = 0, nothing to check.
        var s = Catalog.Get("EC21.Cor4");
        var check = s.Hypotheses.Validate(Quadratic("strongly-convex", 0.01, 1, 1, 0.5), s.DefaultConstants());
        Assert.False(check.Satisfied);
        Assert.Contains("GD step", check.Failed);
        // A stiff instance with many steps stays accepted.
        Assert.True(s.Hypotheses.Validate(Quadratic("strongly-convex", 4, 1, 1, 0.5), s.DefaultConstants()).Satisfied);
    }

    [Fact]
    public void Cor4_GeneratorNeverProducesBetaZero()
    {
        var s = Catalog.Get("EC21.Cor4");
        var root = new Rng(new Seed(20261207));
        for (int i = 0; i < 300; i++)
        {
            var x = s.Hypotheses.Generate(new TrialContext(new Rng(new Seed(root.NextUInt64())), s.DefaultConstants(), i));
            Assert.True(s.Hypotheses.Validate(x, s.DefaultConstants()).Satisfied, $"trial {i}: {s.Hypotheses.Validate(x, s.DefaultConstants()).Failed}");
        }
    }

    [Theory]
    [InlineData("1/3")]
    [InlineData("1/2")]
    [InlineData("2/3")]
    public void Lemma45_ObligationsAreTheScalarStepAtEveryGeneratedP(string p)
    {
        var s = Catalog.Get("JGGSH21.Lemma45");
        var ids = s.Obligations.Select(o => o.Id).ToList();
        Assert.Contains($"step[p={p}]", ids);
        Assert.Contains($"step-smooth[p={p}]", ids);
        // The radius obligation names the constant, so --set delta0_factor re-derives it.
        Assert.Contains("delta0_factor", s.Obligations.Single(o => o.Id == $"step[p={p}]").ConstantNames);
    }

    [Fact]
    public void Lemma45_NewSingularValueDirectionIsProbedUpToTheClaimedRadius()
    {
        var s = Catalog.Get("JGGSH21.Lemma45");
        var x = s.Hypotheses.Generate(new TrialContext(new Rng(new Seed(5)), s.DefaultConstants(), 0));
        Assert.True(s.Hypotheses.Validate(x, s.DefaultConstants()).Satisfied);
        var set = s.Conclusion(x, s.DefaultConstants(), Precision.Standard);
        var atDelta0 = set.Margins.Single(m => m.Name.Contains("δ = 1δ_0", StringComparison.Ordinal));
        Assert.True(atDelta0.Holds);
        // Probes beyond δ_0 are observations, and the change along the direction turns negative within 10δ_0.
        Assert.DoesNotContain(set.Margins, m => m.Name.Contains("δ = 2δ_0", StringComparison.Ordinal));
        Assert.InRange(set.Observations!["first δ/δ_0 probed with a negative new-singular-value change (0: none up to 10)"], 1.5, 10);
    }

    [Theory]
    [InlineData("3/2")]
    [InlineData("19/10")]
    public void Lemma45_ARadiusBeyondDelta0IsRefutedAtTheClaimedRadiusItself(string kappa)
    {
        // Audit (session 5): with probes only at δ/δ_0 ∈ {0.1, …, 1, 2, …}, `vd check JGGSH21.Lemma45 --set delta0_factor=1.5`
        // held on 30 of 30 trials. Along E_{k+1,k+1} the change at δ = κδ_0 is 2b_{k+1}δ(κ^{p−1} − 1) + δ², negative for
        // every κ > 1 once δ_0 ≪ b_{k+1}; the probe at κδ_0 is a margin and must be violated.
        var s = Catalog.Get("JGGSH21.Lemma45");
        var k = s.DefaultConstants().With("delta0_factor", Rational.Parse(kappa));
        var x = s.Hypotheses.Generate(new TrialContext(new Rng(new Seed(5)), k, 0));
        Assert.True(s.Hypotheses.Validate(x, k).Satisfied);
        var set = s.Conclusion(x, k, Precision.Standard);
        Assert.Contains(set.Margins, m => m.IsViolated && m.Name.Contains("new singular value", StringComparison.Ordinal));
        // At the default κ = 1 every margin holds on the same instance.
        Assert.True(s.Conclusion(x, s.DefaultConstants(), Precision.Standard).AllHold);
    }

    [Fact]
    public void Lemma50_ClosedFormIsAProvenObligationNotATrialMargin()
    {
        // Audit (session 5): the margin 1 − 2ρ/(ρ + 5ρ) − 2/3 is 0 for every ρ, so it could not fail and supplied the check's
        // utilization of 1. It is now the obligation "closed-form" (with its 4ρ form expected to fail); the trials keep only
        // what the dynamics do, and the FactorFour mutant is refuted by them.
        var s = Catalog.Get("EC21.Lemma50");
        Assert.Contains(s.Obligations, o => o.Id == "closed-form" && o.Expect == ObligationExpectation.Holds && o.Claim.Contains("5*rho", StringComparison.Ordinal));
        Assert.Contains(s.Obligations, o => o.Id == "closed-form.factor-four" && o.Expect == ObligationExpectation.Fails);
        var k = s.DefaultConstants();
        var root = new Rng(new Seed(50));
        for (int i = 0; i < 40; i++)
        {
            var x = s.Hypotheses.Generate(new TrialContext(new Rng(new Seed(root.NextUInt64())), k, i));
            if (x.Scalar("nu") >= 0.5)
            {
                continue;
            }
            var set = s.Conclusion(x, k, Precision.Standard);
            Assert.DoesNotContain(set.Margins, m => m.Name.Contains("exact rationals", StringComparison.Ordinal));
            Assert.True(set.AllHold);
            var mutant = s.Variants.Single(v => v.Name == "FactorFour").Apply(s).Conclusion(x, k, Precision.Standard);
            Assert.Contains(mutant.Margins, m => m.IsViolated && m.Name.Contains("trajectory", StringComparison.Ordinal));
            return;
        }
        Assert.Fail("no instance with ν(0) < 1/2 in 40 draws");
    }

    [Fact]
    public void Lemma15_StoresThetaZeroAndChecksTheProbabilityClaimOnEveryTrial()
    {
        var s = Catalog.Get("JGGSH21.Lemma15");
        var x = s.Hypotheses.Generate(new TrialContext(new Rng(new Seed(3)), s.DefaultConstants(), 0));
        int depth = (int)x.Scalar("L");
        for (int l = 1; l <= depth; l++)
        {
            Assert.True(x.Matrices.ContainsKey($"W{l}"), $"θ_0 layer W{l} stored");
        }
        var set = s.Conclusion(x, s.DefaultConstants(), Precision.Standard);
        Assert.Contains(set.Margins, m => m.Name.StartsWith("CP upper bound of P(λ_min(Θ(θ_0)) ≥ η/2)", StringComparison.Ordinal));
        Assert.Contains(set.Observations!.Keys, k => k.StartsWith("λ_min(Θ(θ_0))/η − 1/2", StringComparison.Ordinal));
        Assert.Contains(set.Observations!.Keys, k => k.StartsWith("Monte Carlo failure frequency", StringComparison.Ordinal));
    }

    [Fact]
    public void Lemma15_AnInitializationBelowHalfEtaIsNotCountedAsTheClaimHolding()
    {
        // Audit: λ_min(Θ(θ_0))/η = 0.46 < 1/2 was reported holding because only "¾η ⇒ η/2" was checked. Now the trial carries
        // the Monte Carlo margin and records the failure at θ_0; the frequency of such failures at L = 3, w = 32, n = 3 is large.
        var s = Catalog.Get("JGGSH21.Lemma15");
        var x = s.Hypotheses.Generate(new TrialContext(new Rng(new Seed(8)), s.DefaultConstants(), 0))
            .WithScalar("L", 3).WithScalar("n", 3).WithScalar("w", 32).WithScalar("sigma", 1);
        var rng = new Rng(new Seed(9));
        double std = Math.Sqrt(Math.Pow(32, -2.0 / 3));
        x = x.WithMatrix("W1", Matrix<double>.Build.Dense(32, 3, (_, _) => std * rng.NextGaussian()))
            .WithMatrix("W2", Matrix<double>.Build.Dense(32, 32, (_, _) => std * rng.NextGaussian()))
            .WithMatrix("W3", Matrix<double>.Build.Dense(3, 32, (_, _) => std * rng.NextGaussian()));
        var set = s.Conclusion(x, s.DefaultConstants(), Precision.Standard);
        Assert.True(set.Observations!["Monte Carlo failure frequency of λ_min(Θ(θ_0)) ≥ η/2"] > 0.05);
        Assert.Contains(set.Margins, m => m.Name.StartsWith("CP upper bound", StringComparison.Ordinal));
    }

    [Fact]
    public void Cor18_IsAGradientFlowSubstitute_AndReportsHowLooseTBarIs()
    {
        // Audit: Cor 18's GD conclusion (step (23), k of (24)) is never run; the check is GF at min(t̄, 200) with utilization 0.
        var s = Catalog.Get("EC21.Cor18");
        Assert.Equal(FidelityKind.Substitute, s.Fidelity.Kind);
        Assert.Contains("gradient FLOW, not GD", s.Fidelity.Note);
        Assert.False(string.IsNullOrWhiteSpace(s.NotCheckableReason));
        var k = s.DefaultConstants();
        var x = s.Hypotheses.Generate(new TrialContext(new Rng(new Seed(18)), k, 0));
        Assert.True(s.Hypotheses.Validate(x, k).Satisfied);
        var set = s.Conclusion(x, k, Precision.Standard);
        Assert.True(set.AllHold);
        // The flow is below ε̄ long before t̄ (Eq. 21): the share of t̄ it needs is tiny, and is reported.
        double share = set.Observations!["t_ε̄ / t̄ (share of t̄ needed)"];
        Assert.InRange(share, 0, 0.05); // 0.013 here; 7e-6 to 8e-3 on the default trials
        Assert.True(set.Observations["t_ε̄ (GF first below ε̄)"] > 0);
        // The mutant with t̄/1e6 is refuted on the same instance when t̄/1e6 is shorter than the time the flow needs.
        var mutant = s.Variants.Single(v => v.Name == "TBarOverAMillion").Apply(s);
        var mset = mutant.Conclusion(x, k, Precision.Standard);
        if (set.Observations["t̄ (Eq. 21)"] * 1e-6 < set.Observations["t_ε̄ (GF first below ε̄)"])
        {
            Assert.Contains(mset.Margins, m => m.IsViolated);
        }
        else
        {
            Assert.True(mset.AllHold);
        }
    }

    [Fact]
    public void Cor4_ReportsTheOffsetAndTheDiscretizationGapSeparately()
    {
        // Audit: the utilization (≈ 0.23) is the generator's starting offset ‖θ_0 − θ(0)‖/ε, not the discretization error.
        var s = Catalog.Get("EC21.Cor4");
        var k = s.DefaultConstants();
        var x = Quadratic("convex", 0, 1.3, 1, 0.1).WithMatrix("lambda", Matrix<double>.Build.Dense(2, 1, [0.0, 4.0]))
            .WithMatrix("z0", Matrix<double>.Build.Dense(2, 1, [1.3, 1.0])).WithMatrix("dz", Matrix<double>.Build.Dense(2, 1, [0.02, 0.0]));
        Assert.True(s.Hypotheses.Validate(x, k).Satisfied, s.Hypotheses.Validate(x, k).Failed);
        var set = s.Conclusion(x, k, Precision.Standard);
        Assert.True(set.AllHold);
        Assert.Equal(0.2, set.Observations!["offset ‖θ_0 − θ(0)‖/ε"], 12);
        double gap = set.Observations["discretization gap / ε (max_k ‖GD from θ(0) − θ(kη)‖/ε)"];
        Assert.InRange(gap, 1e-6, 0.1);
        // The margin's utilization is the offset (kept on the flat direction) plus at most the gap.
        double util = set.Margins.Single().Utilization!.Value;
        Assert.InRange(util, 0.2 - 1e-9, 0.2 + gap + 1e-9);
    }
}
