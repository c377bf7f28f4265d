using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Proposition 8 (Sec. 4.1.1, Eq. 14, L217; proof App. I.7 with Lemma 33): if θ lies on a GF trajectory from
/// θ_s with ‖θ_s‖ ≤ ε ≤ 1/(2n), then λ_min(∇²f(θ)) ≥ −(n−1)√min{d_0,d_n}‖∇φ(W_{n:1})‖_F‖W_{n:1}‖_s^{1−2/n} − cε^{1−2/n},
/// c = (4n(n−1)/(4n)^{2/n})√min{d_0,d_n}‖∇φ(W_{n:1})‖_F max{1, max_j‖W_j‖_s}^{2(n−2)}.
/// Formalisation note: ε := ‖θ_s‖ (the tightest admissible value); θ_s = ε·g/‖g‖ (Gaussian direction, unbalanced);
/// GF by the paper-local RK4 (step 0.05, checked at t ∈ {0, 2, …, 8}); the margin is evaluated on the RK4 points
/// with step h and h/2, and |difference|·16/15 is added to the tolerance (ODE error), plus the FD Hessian and
/// eigensolver errors. Square and logistic losses.
/// </summary>
public static class Prop8
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Prop8"),
        Source = Ec21.Source("Proposition 8 (Sec. 4.1.1, Eq. 14); proof App. I.7", "L217–235, L960–1000"),
        Kind = StatementKind.Proposition,
        Title = "λ_min along GF from near-zero initialization (linear nets)",
        Text = "On a GF trajectory from ‖θ_s‖ ≤ ε ≤ 1/(2n): λ_min(∇²f) ≥ −(n−1)√min{d_0,d_n}‖∇φ‖_F‖W_{n:1}‖_s^{1−2/n} − cε^{1−2/n}.",
        FormalisationNote = "ε = ‖θ_s‖; RK4 GF (paper-local; step-doubling error folded into the tolerance); dense FD Hessian λ_min at t ∈ {0, 2, 4, 6, 8}.",
        Hypotheses = new Hypotheses("n ∈ {3, 4}, widths 1..3, |S| ∈ 1..5, ε ∈ {1, 0.3, 0.1}/(2n), square or logistic loss", Generate,
            (x, k) => HypothesesCheck.All((x.Weights.Length >= 2, "n ≥ 2"), (x.Scalar("epsilon") <= 1.0 / (2 * x.Weights.Length), "ε ≤ 1/(2n)"),
                (Ec21.Norm(Ec21.Flatten(x.Weights)) <= x.Scalar("epsilon") * (1 + 1e-12), "‖θ_s‖ ≤ ε"))),
        Conclusion = (x, k, p) => Conclude(x, true, p),
        DefaultTrials = 10,
        Variants =
        [
            Variant.Mutant("DropEpsilonTerm", "the −cε^{1−2/n} term dropped: refuted at t = 0 for unbalanced small initializations",
                s => s.WithGenerator("n = 3, ε = 1/(2n)", ctx => Generate(ctx, 3, 1)).WithConclusion((x, k, p) => Conclude(x, false, p)), trials: 16),
        ],
    };

    private static Instance Generate(TrialContext ctx) => Generate(ctx, ctx.Rng.NextInt(3, 4), ctx.Rng.Pick([1.0, 0.3, 0.1]));

    private static Instance Generate(TrialContext ctx, int n, double fraction)
    {
        var r = ctx.Rng;
        bool logistic = ctx.Index % 2 == 1;
        var dims = Enumerable.Range(0, n + 1).Select(_ => r.NextInt(1, 3)).ToArray();
        if (logistic)
        {
            dims[n] = 1;
        }
        double eps = fraction / (2 * n);
        var ws = Enumerable.Range(1, n).Select(j => r.GaussianMatrix(dims[j], dims[j - 1])).ToArray();
        double norm = Ec21.Norm(Ec21.Flatten(ws));
        var net = new DeepLinearNetwork(ws.Select(w => w * (eps / norm)));
        return LinearNetProblem.Random(r, dims[0], dims[n], r.NextInt(1, 5), logistic)
            .Store(new Instance { Family = logistic ? "logistic" : "square" }.WithNetwork(net).WithScalar("epsilon", eps));
    }

    private static double Margin(LinearNetProblem prob, double[] theta, int[] dims, double eps, bool withEpsTerm, out double err)
    {
        var net = new DeepLinearNetwork(Ec21.Unflatten(theta, dims));
        int n = net.Depth;
        var (lmin, e) = prob.MinEigen(theta, dims);
        double root = Math.Sqrt(Math.Min(dims[0], dims[n]));
        double g = prob.GradPhi(net.EndToEnd()).FrobeniusNorm();
        double p = 1 - 2.0 / n;
        double maxS = Math.Max(1, net.Weights.Max(MatrixMeasures.Spectral));
        double c = (n - 1) * Math.Pow(4 * n, (n - 2.0) / n) * root * g * Math.Pow(maxS, 2 * (n - 2));
        double bound = -(n - 1) * root * g * Math.Pow(MatrixMeasures.Spectral(net.EndToEnd()), p) - (withEpsTerm ? c * Math.Pow(eps, p) : 0);
        err = e + Tolerance.Gamma(32 * n) * Math.Abs(bound);
        return lmin - bound;
    }

    private static MarginSet Conclude(Instance x, bool withEpsTerm, Precision precision)
    {
        var prob = LinearNetProblem.From(x);
        var dims = x.Network.Dims;
        double eps = x.Scalar("epsilon");
        var y0 = Ec21.Flatten(x.Weights);
        double h = precision == Precision.Confirm ? 0.025 : 0.05;
        int perCheck = (int)Math.Round(2 / h);
        var coarse = y0;
        var fine = y0;
        var margins = new List<Margin>();
        double[] Field(double t, double[] y) => [.. prob.Grad(y, dims).Select(v => -v)];
        for (int check = 0; check <= 4; check++)
        {
            if (check > 0)
            {
                coarse = Ec21.Rk4Plain(Field, coarse, 0, 2, perCheck);
                fine = Ec21.Rk4Plain(Field, fine, 0, 2, 2 * perCheck);
            }
            double mf = Margin(prob, fine, dims, eps, withEpsTerm, out double ef);
            double mc = check == 0 ? mf : Margin(prob, coarse, dims, eps, withEpsTerm, out _);
            var tol = new Tolerance(ef + Math.Abs(mf - mc) * 16 / 15, "FD Hessian + eigensolver + RK4 step-doubling");
            margins.Add(new Margin($"λ_min − bound (14) at t = {2 * check}", mf, tol, 1));
        }
        return new MarginSet(margins);
    }
}
