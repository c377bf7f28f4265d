using MathNet.Numerics.Integration;
using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Fact.Diagonal (Sec 3.2.1, L148–160 with footnotes 1–2; App C.6, L989–1003; unnumbered): for the MSE with
/// diagonal X = diag(x_i), Y = diag(y_i) and a diagonal initialization, (i) diagonal parameters stay diagonal and the
/// coordinates evolve as independent width-1 networks with cost (W_{L,ii}⋯W_{1,ii}x_i − y_i)²; (iii) the larger x_iy_i,
/// the faster coordinate i is learned; (iv) the escape rays of a coordinate are ρ = (σ_1, …, σ_L) with Πσ_ℓ = +sign(x_iy_i)
/// (the printed −sign(x_iy_i) is a sign slip: along those rays the flow returns to 0).
/// Formalisation note: (i) full gradient flow of C(A) = ‖AX − Y‖_F² (C.6 form, no 1/N) on an (L, n)-DLN from W_ℓ = aI,
/// with Core's DOP853: off-diagonal entries must be exactly 0 (tolerance 0: every off-diagonal gradient entry is a sum of
/// products containing an exact zero) and each diagonal entry must match the scalar ODE ḋ = −2x(xd^L − y)d^{L−1} solved
/// separately (tolerance: both runs' 10× accumulated local error estimates). (iii) time to reach half the target product,
/// t_i = ∫_a^{(y_i/(2x_i))^{1/L}} dd / (2x_i(y_i − x_id^L)d^{L−1}) by Gauss–Kronrod: for x_iy_i ≥ 1.5·x_jy_j, t_j − t_i > 0
/// (the statement is asymptotic in a → 0; a ≤ 10^{−4} for L = 2 and ≤ 10^{−2} for L = 3 makes the leading term dominate).
/// (iv) the exact velocity ḋ(a) = 2πx(y − πxa^L)a^{L−1} on the ray with Πσ = π: positive for π = +sign(xy).
/// (ii) (plateau costs) is not checked here (Conj3's plateau metrics cover it).
/// </summary>
public static class Fact_Diagonal
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fact.Diagonal"),
        Source = new SourceRef(Papers.JGGSH21, "Sec 3.2.1; App C.6", "L148–160, L989–1003"),
        Kind = StatementKind.Unnumbered,
        Title = "diagonal networks (unnumbered)",
        Text = "Diagonal X, Y and init: parameters stay diagonal, coordinates are independent width-1 networks learned in the order of "
            + "decreasing x_iy_i; escape rays have Πσ_ℓ = sign(x_iy_i).",
        FormalisationNote = "(i) full GF vs independent scalar ODEs, (iii) escape-time order by quadrature, (iv) exact ray velocity; (ii) not checked here.",
        Errata = ["Sec 3.2.1 prints the escape-ray sign condition Πσ_ℓ = −sign(x_iy_i); the descent rays have Πσ_ℓ = +sign(x_iy_i) (catalog)."],
        Fidelity = Fidelity.Restricted("items (i), (iii), (iv) only — (ii) is not checked; n ≤ 4, L ∈ {2, 3}, finite integration horizon"),
        Hypotheses = new Hypotheses("n ∈ {2..4}, x_i, y_i ∈ [0.3, 3] with products separated by ≥ 1.5×; L ∈ {2, 3}; W_ℓ = aI, a ∈ [10^{−6}, 10^{−4}] (L = 2), [10^{−3}, 10^{−2}] (L = 3); trial 0 is the catalog's x = (1, 3), y = (2, 3)",
            Generate, Validate),
        Conclusion = (x, k, p) => Conclude(x, p, k.Switch("orderByRatio") == 1, rayProduct: 1),
        DefaultTrials = 10,
        Variants =
        [
            Variant.Mutant("OrderByRatio", "coordinates learned in the order of y_i/x_i: refuted (catalog instance x = (1, 3), y = (2, 3))",
                s => s.WithSwitch("orderByRatio", R(1)), trials: 1),
            Variant.Erratum("PrintedRaySign", "escape rays with Πσ_ℓ = −sign(x_iy_i) (as printed): the flow along them returns to 0 — refuted",
                s => s.WithConclusion((x, k, p) => Conclude(x, p, false, rayProduct: -1)), trials: 2),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int depth = ctx.Index % 2 == 0 ? 2 : 3;
        double a = depth == 2 ? rng.LogUniform(1e-6, 1e-4) : rng.LogUniform(1e-3, 1e-2);
        double[] xs, ys;
        if (ctx.Index == 0)
        {
            (xs, ys) = ([1, 3], [2, 3]);
        }
        else
        {
            // Rejection sampling (seeded, bounded) for products separated by ≥ 1.5×; the validator re-checks it.
            int n = rng.NextInt(2, 4);
            (xs, ys) = ([], []);
            for (int attempt = 0; attempt < 200; attempt++)
            {
                xs = [.. Enumerable.Range(0, n).Select(_ => rng.Uniform(0.3, 3))];
                ys = [.. Enumerable.Range(0, n).Select(_ => rng.Uniform(0.3, 3))];
                var p = xs.Zip(ys, (u, v) => u * v).OrderBy(v => v).ToArray();
                if (p.Zip(p.Skip(1)).All(q => q.Second >= 1.5 * q.First))
                {
                    break;
                }
            }
        }
        return new Instance { Family = $"diagonal L={depth}", Target = Matrix<double>.Build.DenseOfRowArrays(xs, ys) }
            .WithScalar("depth", depth).WithScalar("a", a);
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var t = x.RequireTarget;
        var products = Enumerable.Range(0, t.ColumnCount).Select(i => t[0, i] * t[1, i]).OrderBy(v => v).ToArray();
        bool separated = products.Zip(products.Skip(1)).All(p => p.Second >= 1.5 * p.First);
        return HypothesesCheck.All(
            (t.RowCount == 2 && t.Enumerate().All(v => v > 0), "x_i, y_i > 0"),
            (separated, "products x_iy_i pairwise separated by a factor ≥ 1.5 (distinct products)"),
            (x.Scalar("a") > 0 && x.Scalar("a") <= 1e-2, "0 < a ≤ 10^{−2} (small initialization)"),
            (x.Scalar("depth") is 2 or 3, "L ∈ {2, 3}"));
    }

    /// <summary>C(A) = ‖AX − Y‖_F² with X = diag(x), Y = diag(y).</summary>
    private sealed class DiagonalMse(double[] xs, double[] ys) : IEndToEndLoss
    {
        private readonly Matrix<double> _x = Matrix<double>.Build.DenseOfDiagonalArray(xs), _y = Matrix<double>.Build.DenseOfDiagonalArray(ys);

        public double Value(Matrix<double> w)
        {
            double f = (w * _x - _y).FrobeniusNorm();
            return f * f;
        }

        public Matrix<double> Gradient(Matrix<double> w) => 2 * (w * _x - _y) * _x;

        public Matrix<double> HessianApply(Matrix<double> w, Matrix<double> dw) => 2 * dw * _x * _x;
    }

    private static double HalfTime(double xv, double yv, int depth, double a, double rtol) =>
        GaussKronrodRule.Integrate(u => 1 / (2 * xv * (yv - xv * Math.Exp(depth * u)) * Math.Exp((depth - 2) * u)),
            Math.Log(a), Math.Log(Math.Pow(yv / (2 * xv), 1.0 / depth)), out _, out _, rtol, 20, 21);

    private static MarginSet Conclude(Instance inst, Precision precision, bool byRatio, int rayProduct)
    {
        var t = inst.RequireTarget;
        int n = t.ColumnCount, depth = (int)inst.Scalar("depth");
        double a = inst.Scalar("a");
        double[] xs = [.. Enumerable.Range(0, n).Select(i => t[0, i])], ys = [.. Enumerable.Range(0, n).Select(i => t[1, i])];
        var margins = new List<Margin>();
        // (iv): exact velocity at d = a on the ray with product of signs π.
        for (int i = 0; i < n; i++)
        {
            double p = rayProduct;
            double v = 2 * p * xs[i] * (ys[i] - p * xs[i] * Math.Pow(a, depth)) * Math.Pow(a, depth - 1);
            margins.Add(Margin.Bound($"(iv) ḋ(a) on the ray Πσ = {rayProduct}·sign(xy), coordinate {i}", v, Math.Abs(v), Tolerance.FromRounding(8, Math.Abs(v), "|ḋ|")));
        }
        if (rayProduct < 0)
        {
            return new MarginSet(margins);
        }
        double rtol = precision == Precision.Confirm ? 1e-13 : 1e-11;
        var times = Enumerable.Range(0, n).Select(i => HalfTime(xs[i], ys[i], depth, a, rtol)).ToArray();
        // (iii): order of learning.
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double ki = byRatio ? ys[i] / xs[i] : xs[i] * ys[i], kj = byRatio ? ys[j] / xs[j] : xs[j] * ys[j];
                if (ki > kj)
                {
                    margins.Add(Margin.Bound($"(iii) t_{j} − t_{i} (coordinate {i} ranks first)", times[j] - times[i], Math.Max(times[i], times[j]), Tolerance.FromRounding(64, times[i] + times[j], "t_i + t_j").Plus(Tolerance.Heuristic(rtol * (times[i] + times[j]), "quadrature rtol"))));
                }
            }
        }
        // (i): full network vs independent scalar ODEs, up to 1.2× the slowest half time.
        double tEnd = 1.2 * times.Max();
        int[] dims = [.. Enumerable.Repeat(n, depth + 1)];
        var objective = new DeepLinearObjective(dims, new DiagonalMse(xs, ys));
        var theta0 = objective.Pack(Enumerable.Range(0, depth).Select(_ => a * Matrix<double>.Build.DenseIdentity(n)));
        var settings = precision == Precision.Confirm ? new OdeSettings(Rtol: 1e-12, Atol: 1e-14) : new OdeSettings(Rtol: 1e-10, Atol: 1e-12);
        var full = Core.Dynamics.GradientFlow.Solve(objective, theta0, tEnd, settings);
        if (!full.Succeeded)
        {
            return new MarginSet([.. margins, Margin.Uncomputable("(i) full gradient flow")]);
        }
        var layers = objective.Unflatten(full.FinalTheta);
        double offDiagonal = layers.Max(w => w.EnumerateIndexed().Where(e => e.Item1 != e.Item2).Select(e => Math.Abs(e.Item3)).DefaultIfEmpty(0).Max());
        margins.Add(Margin.Deviation("(i) −max |off-diagonal entry| of W_ℓ(T)", offDiagonal, 1, Tolerance.Bound(0, "structural zeros, exact in binary64: off-diagonal gradients are sums of products with an exact zero")));
        for (int i = 0; i < n; i++)
        {
            double xi = xs[i], yi = ys[i];
            var scalar = OdeSolver.Solve(new OdeProblem((_, y, dy) => dy[0] = -2 * xi * (xi * Math.Pow(y[0], depth) - yi) * Math.Pow(y[0], depth - 1), 0, [a], tEnd, "width-1 coordinate"), settings);
            double dev = layers.Max(w => Math.Abs(w[i, i] - scalar.FinalState[0]));
            var tol = full.ThetaTolerance().Plus(scalar.LocalErrorTolerance()).Plus(Tolerance.FromRounding(16, scalar.FinalState[0], "d(T)"));
            margins.Add(Margin.Deviation($"(i) −max_ℓ |W_ℓ,{i}{i}(T) − d_{i}(T)|", scalar.Succeeded ? dev : double.NaN, Math.Max(Math.Abs(scalar.FinalState[0]), 1e-300), tol));
        }
        return new MarginSet(margins).WithObservation("T", tEnd);
    }
}
