using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Proposition 6 (Sec. 4.1.1, L197; proof App. I.5, Eqs. 40–43): if n ≥ 3 and ∇φ(0) ≠ 0 then
/// inf_θ λ_min(∇²f(θ)) = −∞.
/// Formalisation note: checked as the proof's construction for c ∈ {1, 10, 100}: draws ΔW'_1, ΔW'_2, W'_3..W'_n with
/// κ = ⟨∇φ(0), W'_n⋯W'_3ΔW'_2ΔW'_1⟩ (sign of ΔW'_1 flipped if κ &lt; 0), W_1 = W_2 = 0,
/// W_3 = W'_3·(−cΣ‖ΔW_j‖²)/(2κ), W_j = W'_j (j ≥ 4). Margins: the directional second derivative equals −c‖Δθ‖²
/// (central differences, Richardson tolerance) and λ_min(∇²f(θ)) ≤ −c (dense FD Hessian).
/// </summary>
public static class Prop6
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Prop6"),
        Source = Ec21.Source("Proposition 6 (Sec. 4.1.1); proof App. I.5", "L197–201"),
        Kind = StatementKind.Proposition,
        Title = "unbounded negative curvature of deep linear nets",
        Text = "If n ≥ 3 and ∇φ(0) ≠ 0 then inf_θ λ_min(∇²f(θ)) = −∞.",
        FormalisationNote = "The proof's explicit θ with Δθᵀ∇²f(θ)Δθ = −c‖Δθ‖², for c ∈ {1, 10, 100}; FD Hessians of the exact gradient.",
        Checkability = Checkability.Construction,
        Fidelity = Fidelity.Restricted("the proof's explicit construction for c ∈ {1, 10, 100}: λ_min ≤ −c is exhibited, the infimum −∞ itself is a limit no finite check reaches"),
        Hypotheses = new Hypotheses("n ∈ {3, 4}, widths 1..3, |S| ∈ 1..5, square or logistic loss, c ∈ {1, 10, 100}", Generate, Validate),
        Conclusion = (x, k, p) => Conclude(x),
        DefaultTrials = 12,
        Variants =
        [
            Variant.Mutant("NoGradientAtZero", "∇φ(0) ≠ 0 dropped: with x_i = 0 the loss is constant and no θ has negative curvature",
                s => s.WithHypotheses("x_i = 0 for all i", ctx => Generate(ctx) is var g ? g.WithMatrix("X", Matrix<double>.Build.Dense(g.Matrix("X").RowCount, g.Matrix("X").ColumnCount)) : g,
                    (x, k) => HypothesesCheck.All((x.Dims.Length - 1 >= 3, "n ≥ 3"))), trials: 2),
        ],
    };

    internal static Instance Generate(TrialContext ctx) => Generate(ctx, ctx.Rng.NextInt(3, 4), ctx.Index % 2 == 1, ctx.Rng.Pick([1.0, 10.0, 100.0]));

    internal static Instance Generate(TrialContext ctx, int n, bool logistic, double c)
    {
        var r = ctx.Rng;
        var dims = Enumerable.Range(0, n + 1).Select(_ => r.NextInt(1, 3)).ToArray();
        if (logistic)
        {
            dims[n] = 1;
        }
        var primed = Enumerable.Range(1, n).Select(j => r.GaussianMatrix(dims[j], dims[j - 1])).ToArray();
        var prob = LinearNetProblem.Random(r, dims[0], dims[n], r.NextInt(1, 5), logistic);
        var inst = prob.Store(new Instance { Family = logistic ? "logistic" : "square", Dims = [.. dims] }.WithScalar("c", c));
        return inst with { MatrixLists = inst.MatrixLists.SetItem("Primed", [.. primed]) };
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var prob = LinearNetProblem.From(x);
        var zero = Matrix<double>.Build.Dense(x.Dims[^1], x.Dims[0]);
        return HypothesesCheck.All((x.Dims.Length - 1 >= 3, "n ≥ 3"), (prob.GradPhi(zero).FrobeniusNorm() > 0, "∇φ(0) ≠ 0"));
    }

    /// <summary>The proof's point θ and direction Δθ (flattened), for the given c.</summary>
    internal static (double[] Theta, double[] Delta, int[] Dims) Construct(Instance x, double c)
    {
        var prob = LinearNetProblem.From(x);
        var p = x.MatrixLists["Primed"];
        int n = p.Length;
        var dims = x.Dims.ToArray();
        var zero = Matrix<double>.Build.Dense(dims[n], dims[0]);
        var chain = p[1] * p[0];
        for (int j = 3; j <= n; j++)
        {
            chain = p[j - 1] * chain;
        }
        double kappa = prob.GradPhi(zero).PointwiseMultiply(chain).Enumerate().Sum();
        var d1 = kappa < 0 ? -p[0] : p[0];
        kappa = Math.Abs(kappa);
        // κ = 0 only when the hypothesis ∇φ(0) ≠ 0 fails (or on a null set): attempt the construction anyway.
        if (kappa < 1e-300)
        {
            kappa = 1;
        }
        var delta = new Matrix<double>[n];
        var ws = new Matrix<double>[n];
        for (int j = 1; j <= n; j++)
        {
            delta[j - 1] = j == 1 ? d1 : j == 2 ? p[1] : Matrix<double>.Build.Dense(dims[j], dims[j - 1]);
        }
        double sq = delta.Sum(d => d.FrobeniusNorm() * d.FrobeniusNorm());
        for (int j = 1; j <= n; j++)
        {
            ws[j - 1] = j <= 2 ? Matrix<double>.Build.Dense(dims[j], dims[j - 1]) : j == 3 ? p[2] * (-c * sq / (2 * kappa)) : p[j - 1];
        }
        return (ParameterLayout.Flatten(ws), ParameterLayout.Flatten(delta), dims);
    }

    private static MarginSet Conclude(Instance x)
    {
        double c = x.Scalar("c");
        var prob = LinearNetProblem.From(x);
        var (theta, delta, dims) = Construct(x, c);
        double sq = VectorOps.Norm(delta) * VectorOps.Norm(delta);
        var (q, qerr) = prob.DirectionalSecond(theta, delta, dims, 1e-4);
        var (lmin, lerr) = prob.MinEigen(theta, dims);
        return MarginSet.Of(
            Ec21.AtMost("Δθᵀ∇²fΔθ ≤ −c‖Δθ‖²", q, -c * sq, Tolerance.Heuristic(qerr, "Richardson estimate of the central difference").Plus(Tolerance.FromRounding(64, c * sq, "c‖Δθ‖²"))),
            Ec21.AtMost("λ_min(∇²f(θ)) ≤ −c", lmin, -c, LinearNetProblem.MinEigenTolerance(lerr)))
            .WithObservation("lambda_min", lmin);
    }
}
