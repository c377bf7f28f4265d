using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// The setting of ACGH19 Theorem 1 shared by Thm 1, Lemma 1, Lemma 2 and Lemma 7: the constants
/// δ*(c) = c²/(256 N³ ‖Φ‖_F^{2(N−1)/N}) and η*(c) = c^{(4N−2)/N}/(6144 N³ ‖Φ‖_F^{(6N−4)/N}) (Eq. 7),
/// the instance generator (catalog Thm1 "Gen", including the TIGHT instance of the Lemma 1 entry), the
/// hypothesis validator H1–H3, and the cancellation-free per-step descent margin with its rounding bound.
/// </summary>
public static class TheoremOneSetting
{
    /// <summary>Denominator 256 of δ in Theorem 1.</summary>
    public static NamedConstant DeltaDenominator { get; } = new("delta_denominator", Rational.Of(256), "δ = c²/(256·N³·‖Φ‖_F^{2(N−1)/N}) (Thm 1)");

    /// <summary>Denominator 6144 of the learning-rate bound (7).</summary>
    public static NamedConstant EtaDenominator { get; } = new("eta_denominator", Rational.Of(6144), "η ≤ c^{(4N−2)/N}/(6144·N³·‖Φ‖_F^{(6N−4)/N}) (Eq. 7)");

    public static IReadOnlyList<NamedConstant> Constants { get; } = [DeltaDenominator, EtaDenominator];

    /// <summary>Largest budget of steps a conclusion runs for a matrix network (the tests stay well below 2 s).</summary>
    public const int MatrixStepCap = 2000;

    /// <summary>Largest budget of steps a conclusion runs for a scalar network (all d_j = 1), simulated on plain doubles.</summary>
    public const int ScalarStepCap = 4_000_000;

    /// <summary>
    /// Steps the generator lets a scalar instance's T(ε) reach: ~0.3 s per trial in a Debug test run (~2 µs per step);
    /// replay a user instance with a smaller ε to run up to <see cref="ScalarStepCap"/>.
    /// </summary>
    public const int ScalarGeneratorSteps = 200_000;

    public static double DeltaStar(double c, int n, double phiF, ConstantValues k) =>
        c * c / (k.Double(DeltaDenominator.Name) * n * n * n * Math.Pow(phiF, 2.0 * (n - 1) / n));

    public static double EtaStar(double c, int n, double phiF, ConstantValues k) =>
        Math.Pow(c, (4.0 * n - 2) / n) / (k.Double(EtaDenominator.Name) * n * n * n * Math.Pow(phiF, (6.0 * n - 4) / n));

    /// <summary>κ = η c^{2(N−1)/N}, the per-step contraction of the envelope (13).</summary>
    public static double Kappa(double eta, double c, int n) => eta * Math.Pow(c, 2.0 * (n - 1) / n);

    /// <summary>The families the generator cycles through by trial index.</summary>
    public static readonly string[] Families = ["scalar", "tight", "proc1", "proc1-noisy"];

    /// <summary>
    /// An instance of Theorem 1's hypotheses. The family cycles with the trial index; <paramref name="steps"/> is the
    /// bounded horizon a matrix family is run for (ε is then chosen so that T(ε) equals it).
    /// </summary>
    public static Instance Generate(TrialContext ctx, int steps) => Generate(ctx.Rng, ctx.Constants, Families[ctx.Index % Families.Length], steps);

    public static Instance Generate(Rng rng, ConstantValues k, string family, int steps) => family switch
    {
        "scalar" => Scalar(rng, k),
        "tight" => Tight(rng, k, steps, rng.LogUniform(0.05, 3), rng.NextInt(2, 4)),
        "proc1" => Proc1(rng, k, steps, noisy: false),
        "proc1-noisy" => Proc1(rng, k, steps, noisy: true),
        "proc1-at-delta" => Proc1(rng, k, steps, noisy: true, atDelta: true),
        _ => throw new ArgumentException($"unknown family '{family}'", nameof(family)),
    };

    /// <summary>
    /// Scalar network (all d_j = 1), Φ = φ &gt; 0, W(0) = φ(1 ± ρ): the only family where the full horizon T(ε) of (8)
    /// is affordable (catalog: T ~ 6e5 for N = 2, c = 0.9). ε = ℓ(0)·max(1e-4, e^{−κ·2e5}) keeps T(ε) ≤ 2e5 in tests.
    /// </summary>
    public static Instance Scalar(Rng rng, ConstantValues k)
    {
        int n = rng.NextInt(1, 3);
        double phi = rng.Uniform(0.5, 2);
        double rho = rng.Uniform(0.05, 0.3) * (rng.NextBool() ? 1 : -1);
        var target = Matrix<double>.Build.Dense(1, 1, phi);
        var net = BalancedInitialization.Create(Enumerable.Repeat(1, n + 1).ToArray(), Matrix<double>.Build.Dense(1, 1, phi * (1 + rho)));
        double c = (phi - Math.Abs(phi * rho)) * rng.Uniform(0.8, 1);
        double eta = EtaStar(c, n, phi, k) * (rng.NextBool() ? 1 : 0.5);
        double l0 = net.Loss(target);
        double kappa = Kappa(eta, c, n);
        double decades = Math.Min(4 * Math.Log(10), kappa * ScalarGeneratorSteps);
        return Instance.ForNetwork("scalar", net, target, eta).WithScalar("c", c).WithScalar("eps", l0 * Math.Exp(-decades));
    }

    /// <summary>
    /// The TIGHT instance (catalog Lemma 1 "Gen"): d_0 = 2, d_N = 1, hidden widths 1, Φ = a(1, 0),
    /// W_{1:N}(0) = a cos θ (cos θ, sin θ) (so G = W − Φ ⟂ W), layers by Procedure 1, c = a(1 − sin θ), η = η*(c).
    /// The first-order decrease equals η σ_min^{2(N−1)/N}‖G‖² exactly, so "drop the ½" fails by ½‖ΔW‖² ≈ 1e-12.
    /// </summary>
    public static Instance Tight(Rng rng, ConstantValues k, int steps, double scale, int n)
    {
        double theta = rng.Uniform(0.1, 0.35);
        var target = Matrix<double>.Build.DenseOfArray(new[,] { { scale, 0.0 } });
        var w = Matrix<double>.Build.DenseOfArray(new[,] { { scale * Math.Cos(theta) * Math.Cos(theta), scale * Math.Cos(theta) * Math.Sin(theta) } });
        int[] dims = [2, .. Enumerable.Repeat(1, n)];
        var net = BalancedInitialization.Create(dims, w);
        double c = scale * (1 - Math.Sin(theta));
        double eta = EtaStar(c, n, scale, k);
        return WithHorizon(Instance.ForNetwork("tight", net, target, eta).WithScalar("c", c).WithScalar("theta", theta), steps);
    }

    /// <summary>
    /// Φ = U diag(s) Vᵀ with s_i ∈ [0.4, 1]·scale (controlled σ_min), W_{1:N}(0) = Φ + ρσ_min(Φ)E/‖E‖_F, c a random fraction
    /// of the margin, layers by Procedure 1 (hidden widths ≥ min{d_0, d_N}, including d_0 &gt; d_1 or d_N &gt; d_{N−1}),
    /// optionally perturbed so the imbalance is in [0.5, 1]·δ*(c) (exercises H2); η = η*(c)·{1, 0.5, 0.1}.
    /// </summary>
    public static Instance Proc1(Rng rng, ConstantValues k, int steps, bool noisy, bool atDelta = false)
    {
        int n = atDelta ? rng.NextInt(2, 4) : rng.NextInt(1, 4);
        int d0 = rng.NextInt(1, 3), dn = rng.NextInt(1, 3);
        int m = Math.Min(d0, dn);
        int[] dims = [d0, .. Enumerable.Range(0, n - 1).Select(_ => rng.NextInt(m, 3)), dn];
        double scale = rng.LogUniform(0.2, 5);
        var u = rng.Stiefel(dn, m);
        var v = rng.Stiefel(d0, m);
        var s = Matrix<double>.Build.DenseDiagonal(m, m, _ => scale * rng.Uniform(0.4, 1));
        var target = u * s * v.Transpose();
        double sigmaMin = MatrixMeasures.SigmaMin(target);
        var e = rng.GaussianMatrix(dn, d0);
        var w0 = target + rng.Uniform(0.05, 0.9) * sigmaMin * e / e.FrobeniusNorm();
        double c = DeficiencyMargin.Of(w0, target) * rng.Uniform(0.5, 0.9);
        var net = BalancedInitialization.Create(dims, w0);
        double phiF = target.FrobeniusNorm();
        if (noisy && n >= 2)
        {
            net = Unbalance(rng, net, (atDelta ? 1 : rng.Uniform(0.5, 1)) * DeltaStar(c, n, phiF, k));
        }
        double eta = EtaStar(c, n, phiF, k) * rng.Pick([1.0, 0.5, 0.1]);
        return WithHorizon(Instance.ForNetwork(noisy ? "proc1-noisy" : "proc1", net, target, eta).WithScalar("c", c), steps);
    }

    /// <summary>
    /// Families of Theorem 1 instances whose full horizon T(ε) of (8) is affordable (Thm 1's generator): the end-to-end matrix is a
    /// row or column (min{d_0, d_N} = 1, so σ_min(W_{1:N}) = ‖W_{1:N}‖_F and c/‖Φ‖_F can come close to 1), η = η*(c) (the largest
    /// admissible), c ≥ 0.85‖Φ‖_F, N ≤ 2 (and a square 2×2 family with Φ = scale·Q, c ≈ 0.67‖Φ‖_F). Then κ = η c^{2(N−1)/N} and
    /// T(ε) = log(ℓ(0)/ε)/κ ≈ 1e5 (N = 1) … 3.5e6 (square, N = 2) steps, run on preallocated arrays.
    /// </summary>
    public static readonly string[] FullHorizonFamilies = ["scalar-full", "row", "row-unbalanced", "column", "tight-full", "square"];

    /// <summary>ε/ℓ(0) of the full-horizon matrix families: log-uniform in [5e-7, 1e-6] (the theorem for that ε, over its whole T(ε)).</summary>
    public static Instance FullHorizon(TrialContext ctx) => FullHorizon(ctx.Rng, ctx.Constants, FullHorizonFamilies[ctx.Index % FullHorizonFamilies.Length]);

    public static Instance FullHorizon(Rng rng, ConstantValues k, string family)
    {
        if (family == "scalar")
        {
            return Scalar(rng, k);
        }
        if (family == "scalar-full")
        {
            // Scalar network, N ∈ {1, 2}, w(0) = φ(1 ± ρ) with ρ ∈ [0.03, 0.1], c close to the margin, η = η*(c): T(ε) ≤ ~1.2e6 steps
            // (N = 3 needs ~3.5e6 and reaches the rounding floor of ℓ; deeper networks run in `vd experiment acgh19-thm1`).
            int n1 = rng.NextInt(1, 2);
            double phi1 = rng.Uniform(0.5, 2);
            double rho1 = rng.Uniform(0.03, 0.1) * (rng.NextBool() ? 1 : -1);
            var target1 = Matrix<double>.Build.Dense(1, 1, phi1);
            var net1 = BalancedInitialization.Create(Enumerable.Repeat(1, n1 + 1).ToArray(), Matrix<double>.Build.Dense(1, 1, phi1 * (1 + rho1)));
            double c1 = DeficiencyMargin.Of(net1.EndToEnd(), target1) * rng.Uniform(0.95, 0.999);
            var x1 = Instance.ForNetwork("scalar-full", net1, target1, EtaStar(c1, n1, target1.FrobeniusNorm(), k)).WithScalar("c", c1);
            return WithEpsilonRatio(x1, rng.LogUniform(5e-7, 1e-6));
        }
        if (family == "tight-full")
        {
            // The tight instance (G ⟂ W) with θ small enough that T(ε) is affordable: c/‖Φ‖ = 1 − sin θ ≥ 0.9.
            const int nt = 2;
            double scaleT = rng.LogUniform(0.2, 5);
            double theta = rng.Uniform(0.03, 0.1);
            var targetT = Matrix<double>.Build.DenseOfArray(new[,] { { scaleT, 0.0 } });
            var wT = Matrix<double>.Build.DenseOfArray(new[,] { { scaleT * Math.Cos(theta) * Math.Cos(theta), scaleT * Math.Cos(theta) * Math.Sin(theta) } });
            var netT = BalancedInitialization.Create([2, .. Enumerable.Repeat(1, nt)], wT);
            double cT = scaleT * (1 - Math.Sin(theta));
            var xT = Instance.ForNetwork("tight-full", netT, targetT, EtaStar(cT, nt, scaleT, k)).WithScalar("c", cT).WithScalar("theta", theta);
            return WithEpsilonRatio(xT, rng.LogUniform(5e-7, 1e-6));
        }
        if (family == "square")
        {
            // Φ = scale·Q (Q orthogonal 2×2): σ_min(Φ) = ‖Φ‖_F/√2, the best a square target allows; N ∈ {1, 2}.
            int ns = rng.NextInt(1, 2);
            double scaleS = rng.LogUniform(0.2, 5);
            var targetS = scaleS * rng.Stiefel(2, 2);
            var eS = rng.GaussianMatrix(2, 2);
            var wS = targetS + rng.Uniform(0.03, 0.1) * scaleS * eS / eS.FrobeniusNorm();
            var netS = BalancedInitialization.Create(Enumerable.Repeat(2, ns + 1).ToArray(), wS);
            double cS = DeficiencyMargin.Of(wS, targetS) * rng.Uniform(0.95, 0.999);
            var xS = Instance.ForNetwork("square", netS, targetS, EtaStar(cS, ns, targetS.FrobeniusNorm(), k)).WithScalar("c", cS);
            return WithEpsilonRatio(xS, rng.LogUniform(5e-7, 1e-6));
        }
        bool column = family == "column";
        bool unbalanced = family == "row-unbalanced";
        int n = family == "row" ? rng.NextInt(1, 2) : family == "row-n1" ? 1 : 2;
        int d = rng.NextInt(2, 3);
        int[] dims = column
            ? [1, .. Enumerable.Range(0, n - 1).Select(_ => rng.NextInt(1, 3)), d]
            : [d, .. Enumerable.Range(0, n - 1).Select(_ => rng.NextInt(1, 3)), 1];
        double scale = rng.LogUniform(0.2, 5);
        var target = column ? rng.GaussianMatrix(d, 1) : rng.GaussianMatrix(1, d);
        target *= scale / target.FrobeniusNorm();
        var e = column ? rng.GaussianMatrix(d, 1) : rng.GaussianMatrix(1, d);
        var w0 = target + rng.Uniform(0.03, 0.1) * scale * e / e.FrobeniusNorm();
        var net = BalancedInitialization.Create(dims, w0);
        scale = target.FrobeniusNorm();
        // c a fraction of the margin; the unbalanced family keeps a reserve of ≥ 1% for the perturbation (≈ δ*(c)/2 ≪ 1% of ‖Φ‖).
        double frac = unbalanced ? rng.Uniform(0.95, 0.99) : rng.Uniform(0.95, 0.999);
        double c = DeficiencyMargin.Of(net.EndToEnd(), target) * frac;
        if (unbalanced)
        {
            // Imbalance at the hypothesis boundary δ*(c) (H2 met with equality up to the bisection's last bit).
            net = Unbalance(rng, net, DeltaStar(c, n, scale, k));
        }
        var x = Instance.ForNetwork(family, net, target, EtaStar(c, n, scale, k)).WithScalar("c", c);
        return WithEpsilonRatio(x, rng.LogUniform(5e-7, 1e-6));
    }

    /// <summary>ε := ratio·ℓ(0).</summary>
    public static Instance WithEpsilonRatio(Instance x, double ratio) => x.WithScalar("eps", ratio * x.Network.Loss(x.RequireTarget));

    /// <summary>Perturbs the layers by s·E_j with s found by bisection so that the imbalance is close to (and not above) the goal.</summary>
    public static DeepLinearNetwork Unbalance(Rng rng, DeepLinearNetwork net, double goal)
    {
        var noise = net.Weights.Select(w => rng.GaussianMatrix(w.RowCount, w.ColumnCount)).ToArray();
        DeepLinearNetwork At(double s) => new(net.Weights.Select((w, i) => w + s * noise[i]));
        double lo = 0, hi = 1;
        while (At(hi).BalancednessGap() < goal && hi < 1e6)
        {
            hi *= 2;
        }
        for (int i = 0; i < 60; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (At(mid).BalancednessGap() <= goal)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        return At(lo);
    }

    /// <summary>ε with T(ε) = ⌈log(ℓ(0)/ε)/κ⌉ equal to the horizon: the theorem is then checked for that ε and T.</summary>
    public static Instance WithHorizon(Instance x, int steps)
    {
        int n = x.Network.Depth;
        double kappa = Kappa(x.RequireEta, x.Scalar("c"), n);
        double l0 = x.Network.Loss(x.RequireTarget);
        return x.WithScalar("eps", l0 * Math.Exp(-kappa * steps));
    }

    /// <summary>Theorem 1's hypotheses: H1 margin c &gt; 0 at W_{1:N}(0), H2 δ*(c)-balanced, H3 0 &lt; η ≤ η*(c).</summary>
    public static HypothesesCheck Validate(Instance x, ConstantValues k, bool margin = true, bool balanced = true, bool stepSize = true)
    {
        var net = x.Network;
        var phi = x.RequireTarget;
        double c = x.Scalar("c");
        int n = net.Depth;
        double phiF = phi.FrobeniusNorm();
        // Margins that are equalities by construction (the tight instance) may lose a few ulps of ‖Φ‖.
        double slack = Tolerance.Gamma(8 * (phi.RowCount + phi.ColumnCount)) * MatrixMeasures.Spectral(phi);
        return HypothesesCheck.All(
            (phi.RowCount == net.Dims[n] && phi.ColumnCount == net.Dims[0], "Φ is d_N × d_0"),
            (c > 0, "c > 0"),
            (!margin || DeficiencyMargin.Of(net.EndToEnd(), phi) >= c - slack, "H1: W_{1:N}(0) has deficiency margin c w.r.t. Φ (Def. 2)"),
            (!balanced || net.BalancednessGap() <= DeltaStar(c, n, phiF, k), "H2: W(0) is δ-balanced with δ = c²/(256 N³ ‖Φ‖_F^{2(N−1)/N})"),
            (x.RequireEta > 0 && (!stepSize || x.RequireEta <= EtaStar(c, n, phiF, k)), "H3: 0 < η ≤ c^{(4N−2)/N}/(6144 N³ ‖Φ‖_F^{(6N−4)/N}) (Eq. 7)"));
    }

    /// <summary>
    /// One step's exact loss change ℓ(t+1) − ℓ(t) = ⟨G, ΔW⟩ + ½‖ΔW‖² (telescoped ΔW, <see cref="GradientDescent.LossDifference"/>)
    /// with a rounding bound: products of n = 2(N+1)·d_max + 8 operations on sizes S = Σ_j‖W_{j+1:N}(t+1)‖‖ΔW_j‖‖W_{1:j−1}(t)‖,
    /// the rounding of the stored next state (≤ u per weight, propagated through the same products), and the error of G itself.
    /// </summary>
    public sealed record StepChange(double LossDifference, double Tolerance, double SigmaMin, double SigmaMax, double GradientNorm, double Loss, double IncrementNorm);

    public static StepChange Step(DeepLinearNetwork before, DeepLinearNetwork after, Matrix<double> target)
    {
        int n = before.Depth;
        int dmax = before.Dims.Max();
        int ops = 2 * (n + 1) * dmax + 8;
        var w = before.EndToEnd();
        var g = w - target;
        double gF = g.FrobeniusNorm();
        double sizes = 0, stateRounding = 0;
        for (int j = 1; j <= n; j++)
        {
            double a = after.Product(j + 1, n).FrobeniusNorm(), b = before.Product(1, j - 1).FrobeniusNorm();
            sizes += a * (after[j] - before[j]).FrobeniusNorm() * b;
            stateRounding += a * after[j].FrobeniusNorm() * b;
        }
        double dl = GradientDescent.LossDifference(before, after, target);
        double dwF = GradientDescent.EndToEndIncrement(before, after).FrobeniusNorm();
        double layers = before.Weights.Aggregate(1.0, (p, m) => p * m.FrobeniusNorm());
        double gError = Core.Numbers.Tolerance.Gamma(ops) * (layers + target.FrobeniusNorm());
        double tol = (gF + dwF) * (Core.Numbers.Tolerance.Gamma(ops) * sizes + Core.Numbers.Tolerance.UnitRoundoff * stateRounding) + gError * dwF;
        var sv = MatrixMeasures.SingularValues(w);
        return new StepChange(dl, tol, sv.Length == 0 ? 0 : sv[^1], sv.Length == 0 ? 0 : sv[0], gF, 0.5 * gF * gF, dwF);
    }

    /// <summary>
    /// The per-step descent margin of Lemma 1 / Lemma 7 / B(t): −factor·η·σ^{p}‖G‖² − (ℓ(t+1) − ℓ(t)) with p = 2(N−1)/N by default
    /// (factor ½ in the paper; mutants change factor, σ or p). The bound's own rounding (SVD backward error γ·‖W‖_σ on σ) is added.
    /// </summary>
    public static Margin DescentMargin(string name, StepChange s, double eta, int n, double factor = 0.5, bool sigmaMax = false, double? exponent = null)
    {
        double p = exponent ?? 2.0 * (n - 1) / n;
        double sigma = sigmaMax ? s.SigmaMax : s.SigmaMin;
        double bound = factor * eta * Math.Pow(sigma, p) * s.GradientNorm * s.GradientNorm;
        int ops = 8 * (n + 2);
        double boundError = sigma > 0 ? bound * Core.Numbers.Tolerance.Gamma(ops) * (1 + p * s.SigmaMax / sigma) : 0;
        var tol = Tolerance.Bound(s.Tolerance + boundError, "telescoped loss difference (γ_n·Σ‖W_{j+1:N}‖‖ΔW_j‖‖W_{1:j−1}‖ + u·next-state rounding) + SVD error of σ");
        // decrease ℓ(t) − ℓ(t+1) ≥ bound: utilization bound/decrease.
        return Margin.AtLeast(name, -s.LossDifference, bound, tol);
    }
}
