using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Lemma 28 (App C.3, L725–737): for C = H + e with H k-homogeneous and ‖∇e(x)‖ &lt; c‖x‖^k, for every t ≥ 0 there is a
/// finite c_1(t) with ‖γ_C(α^{2−k}t, αx_0) − γ_H(α^{2−k}t, αx_0)‖ = ‖γ_C(α^{2−k}t, αx_0) − αγ_H(t, x_0)‖ ≤ c_1(t)α²
/// (for small α).
/// Formalisation note: c_1(t) is unspecified, so the check is the rate: H(x) = Σ_i c_i(a_i·x)^k (k ∈ {2, 3}, x ∈ R^d, d ∈ 2..4)
/// and e(x) = κ(b·x)^{k+1} (‖∇e(x)‖ ≤ κ(k+1)‖b‖^{k+1}‖x‖^k globally); both flows are integrated (DOP853, two tolerances)
/// for α = 2^{−2}, …, 2^{−7} at t_1 = T/2 and t_2 = T, T a fraction of the blow-up bound 1/((k−1)k‖H‖_b) of γ_H(·, x_0)
/// (‖H‖_b = Σ|c_i|‖a_i‖^k, ‖x_0‖ = 1); the deviation exponent q in D(α) ≍ α^q is fitted on log–log and must be ≥ 2
/// (derived: exactly 2 generically — rescaled, y = x/α solves ẏ = −∇H(y) − α∇e(y)). Tolerance: the drift between the fits
/// on the three smallest and three largest α, plus the ODE error in log D; the equality part of the display
/// (γ_H(α^{2−k}t, αx_0) = αγ_H(t, x_0), Lemma 22) is checked as well.
/// </summary>
public static class Lemma28
{
    private static readonly double[] Alphas = [.. Enumerable.Range(2, 6).Select(i => Math.Pow(2, -i))];

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Lemma28"),
        Source = new SourceRef(Papers.JGGSH21, "Lemma 28 (App C.3)", "L725–737"),
        Kind = StatementKind.Lemma,
        Title = "homogeneous approximation of the small-initialization flow",
        Text = "For a cost C = H + e with H k-homogeneous and ‖∇e(x)‖ < c‖x‖^k, for every t ≥ 0 there is a finite c_1(t) such that ‖γ_C(α^{2−k}t, αx_0) − γ_H(α^{2−k}t, αx_0)‖ = ‖γ_C(α^{2−k}t, αx_0) − αγ_H(t, x_0)‖ ≤ c_1(t)α².",
        FormalisationNote = "k ∈ {2, 3}, d ∈ 2..4, 2..3 terms in H with c_i ∈ ±[1/2, 1], a_i Gaussian, κ ∈ [1/2, 1], b Gaussian, x_0 unit; α = 2^{−2..−7}.",
        Checkability = Checkability.Trend,
        NotCheckableReason = "c_1(t) is unspecified: the O(α²) is checked as a fitted exponent over α = 2^{−2..−7}.",
        Constants = [new NamedConstant("order", R(2), "claimed order: deviation ≤ c_1(t)α^order (paper: 2)")],
        Fidelity = Fidelity.Restricted("k ∈ {2, 3}, d ≤ 4, α down to 2^{−7} (the order as a fitted slope)"),
        Hypotheses = new Hypotheses("random homogeneous polynomial H (k ∈ {2,3}), e = κ(b·x)^{k+1}, unit x_0", Generate, Validate),
        Conclusion = Conclude,
        DefaultTrials = 6,
        Variants = [Variant.ConstantChanged(VariantRole.Mutant, "OrderAlphaCubed", "deviation O(α³): refuted (measured exponent 2)", new NamedConstant("order", R(2), ""), R(3), trials: 3)],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int d = rng.NextInt(2, 4), terms = rng.NextInt(2, 3), k = ctx.Index % 2 == 0 ? 2 : 3;
        var a = rng.GaussianMatrix(terms, d);
        var c = SequentialBuild.Matrix(terms, 1, (i, _) => (rng.NextBool() ? 1 : -1) * rng.Uniform(0.5, 1));
        var x0 = EscapeNumerics.UnitVector(rng, d);
        return new Instance { Family = $"k={k}" }.WithScalar("k", k).WithMatrix("a", a).WithMatrix("c", c).WithMatrix("b", rng.GaussianMatrix(1, d))
            .WithScalar("kappa", rng.Uniform(0.5, 1)).WithMatrix("x0", x0.ToColumnMatrix());
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k) =>
        HypothesesCheck.All((x.Scalar("k") >= 2, "k ≥ 2 (homogeneous degree)"), (Math.Abs(x.Matrix("x0").FrobeniusNorm() - 1) < 1e-12, "‖x_0‖ = 1"));

    /// <summary>−∇H(x) − withE·∇e(x) for H = Σ c_i(a_i·x)^k, e = κ(b·x)^{k+1}.</summary>
    private static Func<double, double[], double[]> Field(Instance inst, bool withE)
    {
        int k = (int)inst.Scalar("k");
        var a = inst.Matrix("a");
        var c = inst.Matrix("c");
        var b = inst.Matrix("b");
        double kappa = inst.Scalar("kappa");
        int d = a.ColumnCount;
        return (t, x) =>
        {
            var g = new double[d];
            for (int i = 0; i < a.RowCount; i++)
            {
                double s = 0;
                for (int j = 0; j < d; j++)
                {
                    s += a[i, j] * x[j];
                }
                double f = c[i, 0] * k * Math.Pow(s, k - 1);
                for (int j = 0; j < d; j++)
                {
                    g[j] -= f * a[i, j];
                }
            }
            if (withE)
            {
                double s = 0;
                for (int j = 0; j < d; j++)
                {
                    s += b[0, j] * x[j];
                }
                double f = kappa * (k + 1) * Math.Pow(s, k);
                for (int j = 0; j < d; j++)
                {
                    g[j] -= f * b[0, j];
                }
            }
            return g;
        };
    }

    private static MarginSet Conclude(Instance inst, ConstantValues kc, Precision precision)
    {
        int k = (int)inst.Scalar("k");
        var a = inst.Matrix("a");
        var c = inst.Matrix("c");
        var x0 = inst.Matrix("x0").Column(0).ToArray();
        double hb = Enumerable.Range(0, a.RowCount).Sum(i => Math.Abs(c[i, 0]) * Math.Pow(a.Row(i).L2Norm(), k));
        // ‖∇H(x)‖ ≤ k‖H‖_b‖x‖^{k−1}: for k = 3 the norm cannot blow up before 1/(k(k−2)‖H‖_b); for k = 2 it grows at most like e^{2‖H‖_b t}.
        double horizon = 0.25 / (k * Math.Max(k - 2, 1) * hb);
        double[] times = [horizon / 2, horizon];
        var hSol = EscapeNumerics.SolveFlow(Field(inst, false), x0, times, precision);
        if (hSol is null)
        {
            return MarginSet.Of(Margin.Uncomputable("flow integration"));
        }
        var margins = new List<Margin>();
        var dev = new double[2][];
        var err = new double[2][];
        for (int ti = 0; ti < 2; ti++)
        {
            dev[ti] = new double[Alphas.Length];
            err[ti] = new double[Alphas.Length];
        }
        for (int ai = 0; ai < Alphas.Length; ai++)
        {
            double alpha = Alphas[ai];
            var start = x0.Select(v => alpha * v).ToArray();
            double[] scaled = [.. times.Select(t => Math.Pow(alpha, 2 - k) * t)];
            var cSol = EscapeNumerics.SolveFlow(Field(inst, true), start, scaled, precision);
            var hScaled = EscapeNumerics.SolveFlow(Field(inst, false), start, scaled, precision);
            if (cSol is null || hScaled is null)
            {
                return MarginSet.Of(Margin.Uncomputable("flow integration"));
            }
            for (int ti = 0; ti < 2; ti++)
            {
                var target = hSol.States[ti].Select(v => alpha * v).ToArray();
                dev[ti][ai] = EscapeNumerics.Distance(cSol.States[ti], target);
                err[ti][ai] = cSol.ErrorBounds[ti] + alpha * hSol.ErrorBounds[ti];
                // Lemma 22's identity γ_H(α^{2−k}t, αx_0) = αγ_H(t, x_0), the equality in the display.
                margins.Add(EscapeNumerics.Equal($"γ_H(α^{{2−k}}t, αx_0) = αγ_H(t, x_0), α = 2^{{{Math.Log2(alpha):F0}}}, t = {ti + 1}/2·T", EscapeNumerics.Distance(hScaled.States[ti], target), 0,
                    Tolerance.Heuristic(hScaled.ErrorBounds[ti] + alpha * hSol.ErrorBounds[ti] + Tolerance.Gamma(64) * alpha, "ODE errors of both runs + rounding")));
            }
        }
        double order = kc.D("order");
        for (int ti = 0; ti < 2; ti++)
        {
            var lx = Alphas.Select(v => Math.Log(v)).ToArray();
            var ly = dev[ti].Select(v => Math.Log(v)).ToArray();
            var small = Fit(lx[3..], ly[3..]);
            var large = Fit(lx[..3], ly[..3]);
            double relErr = dev[ti].Zip(err[ti]).Max(p => p.Second / p.First);
            double drift = Math.Abs(small.Slope - large.Slope), odeSlope = 2 * relErr / (lx[0] - lx[^1]);
            margins.Add(Margin.Bound($"q − {order} (deviation ≍ α^q at t = {ti + 1}/2·T)", small.Slope - order, order, Tolerance.Heuristic(drift + odeSlope, $"fit drift {drift:G3} + ODE error in log D {odeSlope:G3}")));
        }
        return new MarginSet(margins).WithObservation("c_1(T) estimate D/α² at the smallest α", dev[1][^1] / (Alphas[^1] * Alphas[^1])).WithObservation("T", horizon);
    }
}
