using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Claim 5 (App. C, L350–352; proof App. D.7 via Lemma 18, L1075–1088): for even N and d_0 = … = d_N = d there
/// are targets Φ with non-stationary 0-balanced initializations from which GD, under any learning rate, never goes
/// beneath a positive constant. Construction: Φ symmetric with an eigenvalue −λ &lt; 0, W_j(0) = I_d; then
/// ℓ(t) = ½‖D̂(t)^N − D‖_F² ≥ λ²/2 for all t.
/// Formalisation note: a construction. Each instance runs the eigen-coordinate recursion (Lemma 18) for 1e4 steps and
/// matrix GD for 100 steps and checks ℓ(t) ≥ λ²/2 at every step (λ = the largest |negative eigenvalue|). Overflow: once ℓ is
/// +∞ in floating point the bound holds and the run stops there (recorded); a NaN before that is uncomputable.
/// </summary>
public static class Claim5
{
    public const int ScalarSteps = 10_000;
    public const int MatrixSteps = 100;

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Claim5"),
        Source = new SourceRef(Papers.ACGH19, "Claim 5 (App. C), footnote 11; proof App. D.7 via Lemma 18", "L350–352, L1075–1088"),
        Kind = StatementKind.Claim,
        Title = "without deficiency margin, even perfectly balanced init can fail",
        Text = "For even N, Φ symmetric with an eigenvalue −λ < 0 and W_j(0) = I_d (0-balanced, non-stationary), GD with any η has ℓ(t) ≥ λ²/2 for all t.",
        FormalisationNote = "d ∈ 1..6, N ∈ {2, 4, 6}, Φ = U diag(D) Uᵀ with D_k ∈ [−3, 3] and at least one D_k ≤ −0.2, η log-uniform in "
            + $"[1e-4, 1]. Margins: ℓ(t) − λ²/2 over {ScalarSteps} steps of the eigen-coordinate recursion and over {MatrixSteps} steps "
            + "of matrix GD (worst step each); λ = max |negative eigenvalue| (the strongest instance of the claim). Tolerance: eigen-solver "
            + "backward error γ_{8d}‖Φ‖_F propagated to ℓ and λ²/2, plus the rounding of the loss. +∞ loss counts as satisfying the "
            + "bound (the run stops there), NaN is uncomputable. Also checks the init is far from any deficiency margin (margin ≤ −1).",
        Checkability = Checkability.Construction,
        Fidelity = Fidelity.Restricted("t ≤ 10000 steps of the eigen-coordinate recursion and t ≤ 100 steps of matrix GD (the claim is for every t); d ≤ 6, N ∈ {2, 4, 6}"),
        Hypotheses = new Hypotheses(
            "d ∈ 1..6, N ∈ {2,4,6}, symmetric Φ with ≥ 1 eigenvalue ≤ −0.2, W_j(0) = I, η ∈ [1e-4, 1]",
            Generate,
            (x, k) => Validate(x, evenDepth: true)),
        Conclusion = (x, k, p) => Conclude(x, factor: 0.5),
        DefaultTrials = 10,
        Variants =
        [
            Variant.Mutant("LambdaSquared", "bound λ² instead of λ²/2: the negative coordinate decays to 0 and ℓ → λ²/2 + (converging rest)",
                s => s.WithConclusion((x, k, p) => Conclude(x, factor: 1)), trials: 6),
            Variant.Mutant("OddDepth", "N odd: d = 1, Φ = −1, N = 3, η = 1 reaches x(1) = −1 = Φ, loss 0 after one step",
                s => s.WithHypotheses("d = 1, Φ = −1, N = 3, η = 1", _ => IdentityInitialization.Make("odd-depth", Matrix<double>.Build.Dense(1, 1, -1.0), IdentityInitialization.Identity(1, 3), 1, ScalarSteps, MatrixSteps),
                    (x, k) => Validate(x, evenDepth: false)), trials: 1),
        ],
        Errata = ["D.7 (L1085): '‖D̂(t)^L − D‖_F' should read D̂(t)^N."],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int d = rng.NextInt(1, 6);
        int n = rng.Pick([2, 4, 6]);
        var eig = Enumerable.Range(0, d).Select(i => i == 0 ? -rng.Uniform(0.2, 3) : rng.Uniform(-3, 3)).ToArray();
        var phi = IdentityInitialization.SymmetricTarget(rng, eig);
        return IdentityInitialization.Make("identity-init", phi, IdentityInitialization.Identity(d, n), rng.LogUniform(1e-4, 1), ScalarSteps, MatrixSteps);
    }

    private static HypothesesCheck Validate(Instance x, bool evenDepth)
    {
        var phi = x.RequireTarget;
        var net = x.Network;
        int d = phi.RowCount;
        return HypothesesCheck.All(
            (!evenDepth || net.Depth % 2 == 0, "N is even"),
            (phi.ColumnCount == d && net.Dims.All(w => w == d), "d_0 = … = d_N = d"),
            ((phi - phi.Transpose()).FrobeniusNorm() == 0, "Φ is symmetric"),
            (net.Weights.All(w => (w - Matrix<double>.Build.DenseIdentity(d)).FrobeniusNorm() == 0), "W_j(0) = I (0-balanced)"),
            (x.RequireEta > 0, "η > 0"),
            (MinEigenvalue(phi) < 0, "Φ has a negative eigenvalue −λ"),
            ((Matrix<double>.Build.DenseIdentity(d) - phi).FrobeniusNorm() > 0, "non-stationary: ∂L/∂W_j(0) = I − Φ ≠ 0"));
    }

    private static double MinEigenvalue(Matrix<double> phi) => Core.LinearAlgebra.MatrixMeasures.MinEigenvalue(phi);

    private static MarginSet Conclude(Instance x, double factor)
    {
        var phi = x.RequireTarget;
        var net0 = x.Network;
        int n = net0.Depth, d = phi.RowCount;
        double eta = x.RequireEta;
        var eig = phi.Evd(Symmetricity.Symmetric).EigenValues.Select(z => z.Real).ToArray();
        double lambda = -eig.Where(e => e < 0).DefaultIfEmpty(0).Min();
        double bound = factor * lambda * lambda;
        double phiF = phi.FrobeniusNorm();
        // Backward error of the symmetric eigen-solver on each eigenvalue.
        double eigError = Tolerance.Gamma(8 * d + 8) * phiF;
        double gamma = Tolerance.Gamma(n + 4 + d);
        var scalar = ScalarRun(eig, n, eta, (int)x.Scalar("scalar_steps"), bound, lambda, eigError, gamma);
        var matrix = MatrixRun(x, n, eta, (int)x.Scalar("matrix_steps"), bound, lambda, eigError);
        double margin0 = Core.Networks.DeficiencyMargin.Of(net0.EndToEnd(), phi);
        var set = new MarginSet([scalar.Margin, matrix.Margin, Margin.AtMost("deficiency margin of W_{1:N}(0) ≤ −1 (Def. 2 badly violated)", margin0, -1)])
            .WithObservation("λ", lambda).WithObservation("recursion steps checked", scalar.Steps).WithObservation("matrix steps checked", matrix.Steps);
        return scalar.Overflow ? set.WithObservation("recursion overflowed (+∞ loss) at step", scalar.Steps) : set;
    }

    private sealed record Run(Margin Margin, int Steps, bool Overflow);

    private static Run ScalarRun(double[] eig, int n, double eta, int steps, double bound, double lambda, double eigError, double gamma)
    {
        var xk = Enumerable.Repeat(1.0, eig.Length).ToArray();
        Margin? worst = null;
        for (int t = 0; t <= steps; t++)
        {
            double loss = 0, tol = 0;
            foreach (var (x, dk) in xk.Zip(eig))
            {
                double xn = IdentityInitialization.Power(x, n);
                double r = xn - dk;
                loss += 0.5 * r * r;
                tol += gamma * (Math.Abs(xn) + Math.Abs(dk)) * Math.Abs(r) + eigError * Math.Abs(r);
            }
            if (double.IsPositiveInfinity(loss))
            {
                return new Run(worst ?? Margin.Bound("ℓ(t) − λ²/2 (recursion)", double.MaxValue, double.MaxValue, Tolerance.Exact), t, true);
            }
            if (double.IsNaN(loss))
            {
                return new Run(Margin.Uncomputable($"ℓ(t) − λ²/2 (recursion) at step {t}"), t, false);
            }
            var m = Margin.AtLeast("ℓ(t) − λ²/2 (eigen-coordinate recursion), worst step", loss, bound,
                Tolerance.Bound(tol + eigError * lambda, "γ·loss rounding + eigen-solver backward error γ_{8d}‖Φ‖_F"));
            if (worst is null || m.Value < worst.Value)
            {
                worst = m;
            }
            if (t < steps)
            {
                for (int k = 0; k < xk.Length; k++)
                {
                    xk[k] = IdentityInitialization.Step(xk[k], eig[k], n, eta);
                }
            }
        }
        return new Run(worst!, steps, false);
    }

    private static Run MatrixRun(Instance x, int n, double eta, int steps, double bound, double lambda, double eigError)
    {
        var phi = x.RequireTarget;
        var net = x.Network;
        int ops = 2 * (n + 1) * phi.RowCount + 8;
        Margin? worst = null;
        for (int t = 0; t <= steps; t++)
        {
            var g = net.EndToEnd() - phi;
            double gF = g.FrobeniusNorm();
            double loss = 0.5 * gF * gF;
            if (double.IsPositiveInfinity(loss) || !net.IsFinite())
            {
                return new Run(worst ?? Margin.Bound("ℓ(t) − λ²/2 (matrix GD)", double.MaxValue, double.MaxValue, Tolerance.Exact), t, true);
            }
            if (double.IsNaN(loss))
            {
                return new Run(Margin.Uncomputable($"ℓ(t) − λ²/2 (matrix GD) at step {t}"), t, false);
            }
            double layers = net.Weights.Aggregate(1.0, (a, w) => a * w.FrobeniusNorm());
            var m = Margin.AtLeast("ℓ(t) − λ²/2 (matrix GD), worst step", loss, bound,
                Tolerance.Bound(Tolerance.Gamma(ops) * (layers + phi.FrobeniusNorm()) * gF + eigError * lambda, "γ_n·(Π‖W_j‖ + ‖Φ‖)·‖G‖ + eigen-solver error on λ"));
            if (worst is null || m.Value < worst.Value)
            {
                worst = m;
            }
            if (t < steps)
            {
                net = net.GradientStep(phi, eta);
            }
        }
        return new Run(worst!, steps, false);
    }
}
