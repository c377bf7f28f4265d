using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Lemma 18 (App. D.7, L1083; cited from Bartlett et al. 2018, Lemma 6): if W_1(0) = … = W_N(0) = I, Φ is
/// symmetric with Φ = U D Uᵀ and GD runs with any learning rate, then for each t there is a diagonal D̂(t) with
/// W_j(t) = U D̂(t) Uᵀ for every j.
/// Formalisation note: matrix GD against the eigen-coordinate recursion x_k(t+1) = x_k(t) − η(x_k^N − D_kk)x_k^{N−1}, x_k(0) = 1
/// (derived from Eq. 14). Margins (as −deviation ≥ −tolerance, worst step): all layers equal, each layer symmetric,
/// each commutes with Φ, and Uᵀ W_j U = diag(x(t)). Tolerance: (t + 1) steps of rounding, γ_n per step on the sizes involved,
/// plus the eigen-solver's backward error on U; the generator keeps η in a stable range (η ≤ 0.05, |D_kk| ≤ 2).
/// </summary>
public static class Lemma18
{
    public const int Steps = 100;

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Lemma18"),
        Source = new SourceRef(Papers.ACGH19, "Lemma 18 (App. D.7), cited from Bartlett et al. (2018), Lemma 6", "L1083"),
        Kind = StatementKind.Lemma,
        Title = "identity init with symmetric target stays co-diagonal",
        Text = "If W_j(0) = I for all j and Φ = U D Uᵀ is symmetric, then for every t there is a diagonal D̂(t) with W_j(t) = U D̂(t) Uᵀ for all j.",
        FormalisationNote = $"d ∈ 1..5, N ∈ 1..5, symmetric Φ with eigenvalues in [−2, 2] (any signs), η ∈ [1e-3, 0.05], {Steps} steps. "
            + "D̂(t) is taken as diag(x(t)) from the eigen-coordinate recursion, so the check also confirms the recursion. Deviations "
            + "are pure rounding: tolerance (t + 1)·γ_n·max_j‖W_j(t)‖_F·(1 + ‖Φ‖_F), n = 8Nd + 16 (+ eigen-solver error on U).",
        Fidelity = Fidelity.Restricted("t ≤ 100 GD steps (the lemma is for every t); d ≤ 5, N ≤ 5, η ≤ 0.05"),
        Hypotheses = new Hypotheses(
            "d ∈ 1..5, N ∈ 1..5, Φ = U diag(D) Uᵀ with D ∈ [−2, 2]^d, W_j(0) = I, η ∈ [1e-3, 0.05]",
            Generate,
            (x, k) => Validate(x, symmetric: true, identity: true)),
        Conclusion = (x, k, p) => Conclude(x),
        DefaultTrials = 8,
        Variants =
        [
            Variant.Mutant("NonSymmetricTarget", "Φ not symmetric: the layers become non-symmetric after one step",
                s => s.WithHypotheses("Gaussian (non-symmetric) Φ, W_j(0) = I", ctx => Generate(ctx, symmetric: false), (x, k) => Validate(x, symmetric: false, identity: true)), trials: 2),
            Variant.Mutant("BalancedNonIdentityInit", "0-balanced but non-identity init W_j(0) = Q_j Q_{j−1}ᵀ (Q_0 = Q_N = I): the layers differ",
                s => s.WithHypotheses("orthogonal chain init, N ≥ 2, d ≥ 2", ChainInstance, (x, k) => Validate(x, symmetric: true, identity: false)), trials: 2),
        ],
    };

    private static Instance Generate(TrialContext ctx) => Generate(ctx, symmetric: true);

    private static Instance Generate(TrialContext ctx, bool symmetric)
    {
        var rng = ctx.Rng;
        int d = rng.NextInt(symmetric ? 1 : 2, 5);
        int n = rng.NextInt(1, 5);
        var phi = symmetric
            ? IdentityInitialization.SymmetricTarget(rng, [.. Enumerable.Range(0, d).Select(_ => rng.Uniform(-2, 2))])
            : rng.GaussianMatrix(d, d);
        return IdentityInitialization.Make(symmetric ? "identity-init" : "non-symmetric", phi, IdentityInitialization.Identity(d, n), rng.LogUniform(1e-3, 0.05), 0, Steps);
    }

    private static Instance ChainInstance(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int d = rng.NextInt(2, 4), n = rng.NextInt(2, 4);
        var q = Enumerable.Range(0, n + 1).Select(j => j == 0 || j == n ? Matrix<double>.Build.DenseIdentity(d) : rng.HaarOrthogonal(d)).ToArray();
        var net = new DeepLinearNetwork(Enumerable.Range(1, n).Select(j => q[j] * q[j - 1].Transpose()));
        var phi = IdentityInitialization.SymmetricTarget(rng, [.. Enumerable.Range(0, d).Select(_ => rng.Uniform(-2, 2))]);
        return IdentityInitialization.Make("orthogonal-chain", phi, net, rng.LogUniform(1e-3, 0.05), 0, Steps);
    }

    private static HypothesesCheck Validate(Instance x, bool symmetric, bool identity)
    {
        var phi = x.RequireTarget;
        var net = x.Network;
        int d = phi.RowCount;
        return HypothesesCheck.All(
            (phi.ColumnCount == d && net.Dims.All(w => w == d), "square layers of size d"),
            (!symmetric || (phi - phi.Transpose()).FrobeniusNorm() == 0, "Φ is symmetric"),
            (!identity || net.Weights.All(w => (w - Matrix<double>.Build.DenseIdentity(d)).FrobeniusNorm() == 0), "W_j(0) = I for all j"),
            (x.RequireEta > 0, "η > 0"));
    }

    private static MarginSet Conclude(Instance x)
    {
        var phi = x.RequireTarget;
        var net = x.Network;
        int n = net.Depth, d = phi.RowCount;
        double eta = x.RequireEta;
        int steps = (int)x.Scalar("matrix_steps");
        var evd = phi.Evd(Symmetricity.Symmetric);
        var u = evd.EigenVectors;
        var eig = evd.EigenValues.Select(z => z.Real).ToArray();
        var xk = Enumerable.Repeat(1.0, d).ToArray();
        double gamma = Tolerance.Gamma(8 * n * d + 16);
        double phiF = phi.FrobeniusNorm();
        var worst = new Dictionary<string, Margin>(StringComparer.Ordinal);
        void Offer(string name, double deviation, double tol, double scale)
        {
            var m = Margin.Deviation(name, deviation, scale, Tolerance.Bound(tol, "(t+1)·γ_n·max‖W_j‖·(1 + ‖Φ‖_F): rounding accumulated over t + 1 steps, first order in u"));
            if (!worst.TryGetValue(name, out var w) || m.Value + m.Tolerance.Absolute < w.Value + w.Tolerance.Absolute)
            {
                worst[name] = m;
            }
        }
        for (int t = 0; t <= steps; t++)
        {
            if (!net.IsFinite())
            {
                worst["layers finite"] = Margin.Uncomputable($"layers finite at step {t}");
                break;
            }
            double size = net.Weights.Max(w => w.FrobeniusNorm());
            double tol = (t + 1) * gamma * size * (1 + phiF);
            double equal = 0, asym = 0, commute = 0, diag = 0;
            var predicted = Matrix<double>.Build.DenseOfDiagonalArray(xk);
            for (int j = 1; j <= n; j++)
            {
                equal = Math.Max(equal, (net[j] - net[1]).FrobeniusNorm());
                asym = Math.Max(asym, (net[j] - net[j].Transpose()).FrobeniusNorm());
                commute = Math.Max(commute, (net[j] * phi - phi * net[j]).FrobeniusNorm());
                diag = Math.Max(diag, (u.Transpose() * net[j] * u - predicted).FrobeniusNorm());
            }
            Offer("max_j ‖W_j(t) − W_1(t)‖_F = 0", equal, tol, size);
            Offer("max_j ‖W_j(t) − W_j(t)ᵀ‖_F = 0", asym, tol, size);
            Offer("max_j ‖W_j(t)Φ − ΦW_j(t)‖_F = 0", commute, tol * (1 + phiF), size * phiF);
            Offer("max_j ‖Uᵀ W_j(t) U − diag(x(t))‖_F = 0", diag, tol * d, size);
            if (t < steps)
            {
                net = net.GradientStep(phi, eta);
                for (int k = 0; k < d; k++)
                {
                    xk[k] = IdentityInitialization.Step(xk[k], eig[k], n, eta);
                }
            }
        }
        return new MarginSet([.. worst.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value)]);
    }
}
