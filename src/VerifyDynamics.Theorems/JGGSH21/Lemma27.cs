using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Lemma 27 (App C.2, L706–719): let h be a smooth cutoff (h = 1 on [0, 1], 0 ≤ h ≤ 1 on (1, 2), h = 0 on [2, ∞)) and
/// e_r(x) = e(x)h(‖x‖/r). If ‖∂^j e(x)‖ = O(‖x‖^{m−j}), then ‖∂^j[e_r]‖_∞ = O(r^{m−j}) as r → 0 (the paper reuses k for j).
/// Formalisation note: e(x) = Σ_i c_i(a_i·x)^m + κ(b·x)^{m+1} on R^d (a homogeneous degree-m part plus a higher-order one, so
/// ‖∂^j e(x)‖ = O(‖x‖^{m−j})), m ∈ {3, 4, 6}, and the standard C^∞ transition h(s) = ψ(2−s)/(ψ(2−s) + ψ(s−1)),
/// ψ(u) = e^{−1/u}. For j = 0, 1, 2 (value, gradient norm, Hessian operator norm; exact formulas, h'' by central
/// differences of the exact h') the sup over B(0, 2r) is estimated on a fixed set of 400 points z ∈ B(0, 2) scaled to x = rz
/// (plus the boundary shell 1 ≤ ‖z‖ ≤ 2 where h varies), for r = 2^{−1}, …, 2^{−8}; the fitted log–log slope of sup vs r must
/// be ≥ m − j. The sampled sup is a lower estimate of ‖·‖_∞, but on scaled points it scales exactly like the true sup for the
/// homogeneous part, which dominates as r → 0. Tolerance: drift between the fits on the four smallest and four largest r.
/// </summary>
public static class Lemma27
{
    private static readonly double[] Radii = [.. Enumerable.Range(1, 8).Select(i => Math.Pow(2, -i))];

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Lemma27"),
        Source = new SourceRef(Papers.JGGSH21, "Lemma 27 (App C.2)", "L706–719"),
        Kind = StatementKind.Lemma,
        Title = "derivatives of the localized correction",
        Text = "For a smooth cutoff h (1 on [0, 1], 0 on [2, ∞)) and e_r(x) = e(x)h(‖x‖/r): if ‖∂^j e(x)‖ = O(‖x‖^{m−j}), then ‖∂^j[e_r]‖_∞ = O(r^{m−j}) as r → 0.",
        FormalisationNote = "d ∈ 2..4, m ∈ {3, 4, 6}, 1..2 homogeneous terms (c_i ∈ ±[1/2, 1], a_i Gaussian) + κ(b·x)^{m+1}, κ ∈ [1/2, 1]; j = 0, 1, 2; r = 2^{−1..−8}.",
        Checkability = Checkability.Trend,
        NotCheckableReason = "The O(·) constant is unspecified and ‖·‖_∞ is estimated by sampling: the rate is checked as a fitted exponent.",
        Constants = [new NamedConstant("orderShift", R(0), "claimed order r^{m−j+orderShift} (paper: 0)") { Domain = ConstantDomain.Any }],
        Fidelity = Fidelity.Restricted("d ≤ 4, m ∈ {3, 4, 6}, one or two homogeneous terms, radii down to 2^{−8} (orders as fitted slopes)"),
        Hypotheses = new Hypotheses("e = Σ c_i(a_i·x)^m + κ(b·x)^{m+1} on R^d, m ∈ {3,4,6}, sample seed", Generate,
            (x, k) => HypothesesCheck.All((x.Scalar("m") >= 3, "m > j for j ≤ 2"))),
        Conclusion = Conclude,
        DefaultTrials = 6,
        Variants = [Variant.ConstantChanged(VariantRole.Mutant, "OneOrderHigher", "‖∂^j e_r‖_∞ = O(r^{m−j+1}): refuted by the slope", new NamedConstant("orderShift", R(0), ""), R(1), trials: 3)],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int d = rng.NextInt(2, 4), terms = rng.NextInt(1, 2);
        int[] ms = [3, 4, 6];
        return new Instance { Family = "polynomial-correction" }.WithScalar("m", rng.Pick(ms)).WithMatrix("a", rng.GaussianMatrix(terms, d))
            .WithMatrix("c", SequentialBuild.Matrix(terms, 1, (i, _) => (rng.NextBool() ? 1 : -1) * rng.Uniform(0.5, 1)))
            .WithMatrix("b", rng.GaussianMatrix(1, d)).WithScalar("kappa", rng.Uniform(0.5, 1)).WithScalar("seed", rng.NextInt(0, int.MaxValue - 1));
    }

    private static double Psi(double u) => u <= 0 ? 0 : Math.Exp(-1 / u);

    private static double H(double s) => s <= 1 ? 1 : s >= 2 ? 0 : Psi(2 - s) / (Psi(2 - s) + Psi(s - 1));

    /// <summary>h'(s) = (A'B − AB')/(A + B)² with A = ψ(2 − s), B = ψ(s − 1), ψ'(u) = ψ(u)/u².</summary>
    private static double H1(double s)
    {
        if (s <= 1 || s >= 2)
        {
            return 0;
        }
        double u = 2 - s, v = s - 1, a = Psi(u), b = Psi(v);
        double da = -a / (u * u), db = b / (v * v);
        return (da * b - a * db) / ((a + b) * (a + b));
    }

    private static double H2(double s)
    {
        const double Step = 1e-5;
        return (H1(s + Step) - H1(s - Step)) / (2 * Step);
    }

    /// <summary>(|e_r|, ‖∇e_r‖, ‖∇²e_r‖_op) at x.</summary>
    private static (double V, double G, double H) Derivatives(Instance inst, Vector<double> x, double r)
    {
        int m = (int)inst.Scalar("m");
        var a = inst.Matrix("a");
        var c = inst.Matrix("c");
        var b = inst.Matrix("b").Row(0);
        double kappa = inst.Scalar("kappa");
        int d = x.Count;
        double e = 0;
        var ge = Vector<double>.Build.Dense(d);
        var he = Matrix<double>.Build.Dense(d, d);
        void Add(double coef, Vector<double> dir, int degree)
        {
            double s = dir * x;
            e += coef * Math.Pow(s, degree);
            ge += coef * degree * Math.Pow(s, degree - 1) * dir;
            he += coef * degree * (degree - 1) * Math.Pow(s, degree - 2) * dir.OuterProduct(dir);
        }
        for (int i = 0; i < a.RowCount; i++)
        {
            Add(c[i, 0], a.Row(i), m);
        }
        Add(kappa, b, m + 1);
        double n = x.L2Norm(), sr = n / r;
        double phi = H(sr);
        var gPhi = Vector<double>.Build.Dense(d);
        var hPhi = Matrix<double>.Build.Dense(d, d);
        if (sr > 1 && sr < 2)
        {
            var xh = x / n;
            gPhi = H1(sr) / r * xh;
            hPhi = H2(sr) / (r * r) * xh.OuterProduct(xh) + H1(sr) / (r * n) * (Matrix<double>.Build.DenseIdentity(d) - xh.OuterProduct(xh));
        }
        var g = phi * ge + e * gPhi;
        var h = phi * he + ge.OuterProduct(gPhi) + gPhi.OuterProduct(ge) + e * hPhi;
        double hop = h.Evd(Symmetricity.Symmetric).EigenValues.Max(z => Math.Abs(z.Real));
        return (Math.Abs(e * phi), g.L2Norm(), hop);
    }

    private static MarginSet Conclude(Instance inst, ConstantValues k, Precision precision)
    {
        int m = (int)inst.Scalar("m");
        int d = inst.Matrix("a").ColumnCount;
        var rng = new Rng(new Seed((ulong)inst.Scalar("seed")));
        int count = precision == Precision.Confirm ? 1600 : 400;
        var points = new List<Vector<double>>();
        for (int q = 0; q < count; q++)
        {
            // Half in the ball B(0, 2), half in the shell 1 ≤ ‖z‖ ≤ 2 where the cutoff varies.
            double radius = q % 2 == 0 ? 2 * Math.Pow(rng.NextDouble(), 1.0 / d) : rng.Uniform(1, 2);
            points.Add(EscapeNumerics.UnitVector(rng, d) * radius);
        }
        var sup = new double[3][];
        for (int j = 0; j < 3; j++)
        {
            sup[j] = new double[Radii.Length];
        }
        for (int ri = 0; ri < Radii.Length; ri++)
        {
            double r = Radii[ri];
            foreach (var z in points)
            {
                var (v, g, h) = Derivatives(inst, r * z, r);
                sup[0][ri] = Math.Max(sup[0][ri], v);
                sup[1][ri] = Math.Max(sup[1][ri], g);
                sup[2][ri] = Math.Max(sup[2][ri], h);
            }
        }
        var margins = new List<Margin>();
        var lx = Radii.Select(v => Math.Log(v)).ToArray();
        for (int j = 0; j < 3; j++)
        {
            var ly = sup[j].Select(v => Math.Log(v)).ToArray();
            var small = Fit(lx[4..], ly[4..]);
            var large = Fit(lx[..4], ly[..4]);
            double claimed = m - j + k.D("orderShift");
            double drift = Math.Abs(small.Slope - large.Slope);
            margins.Add(Margin.Bound($"fitted slope − (m − j), j = {j}", small.Slope - claimed, claimed, Tolerance.Heuristic(drift + 1e-9, $"fit drift |slope_small − slope_large| = {drift:G3}")));
        }
        var result = new MarginSet(margins);
        for (int j = 0; j < 3; j++)
        {
            result = result.WithObservation($"sup‖∂^{j}e_r‖/r^(m−{j}) at r = 2^−8", sup[j][^1] / Math.Pow(Radii[^1], m - j));
        }
        return result;
    }
}
