using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 62 proof (L1630), citing Arora et al. (2018, App. A): for a deep linear net f(θ) = φ(W_{n:1}),
/// ∇_{W_j}f = W_{n:j+1}ᵀ∇φ(W_{n:1})W_{j−1:1}ᵀ.
/// Formalisation note: the formula assembled from products (Core <see cref="DeepLinearNetwork.Product"/>) with the
/// paper-local data loss (square or logistic) is checked (a) against central differences of f along a random Δθ
/// (Richardson estimate + rounding γ·|f|/h), and (b) against Core's <see cref="DeepLinearObjective.Gradient"/> (the gradient
/// every linear-net check uses), entrywise up to rounding.
/// </summary>
public static class Fact_GradLinear
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Fact.GradLinear"),
        Source = Ec21.Source("Lemma 62 proof (Arora et al. 2018, App. A)", "L1630"),
        Kind = StatementKind.Unnumbered,
        Title = "gradient of a deep linear net",
        Text = "∇_{W_j}f = W_{n:j+1}ᵀ∇φ(W_{n:1})W_{j−1:1}ᵀ.",
        FormalisationNote = "⟨formula, Δθ⟩ vs central differences of f (Richardson) and formula vs Core's gradient; n ∈ 1..4, square/logistic data losses.",
        Fidelity = Fidelity.Full(),
        Hypotheses = new Hypotheses("n ∈ 1..4, widths 1..3, Gaussian weights, |S| ≤ 4, square or logistic data loss, Gaussian direction", ctx => Generate(ctx, false),
            (x, k) => HypothesesCheck.All((x.Weights.Length >= 1, "n ≥ 1"))),
        Conclusion = (x, k, p) => Conclude(x, true),
        DefaultTrials = 30,
        Variants =
        [
            Variant.Mutant("NoTransposes", "W_{n:j+1}∇φW_{j−1:1} without transposes (shapes fit when all widths are equal)",
                s => s.WithGenerator("all widths equal (2..3), square loss", ctx => Generate(ctx, true)).WithConclusion((x, k, p) => Conclude(x, false)), trials: 6),
        ],
    };

    private static Instance Generate(TrialContext ctx, bool square)
    {
        var r = ctx.Rng;
        int n = square ? r.NextInt(2, 3) : r.NextInt(1, 4);
        int width = r.NextInt(2, 3);
        var dims = Enumerable.Range(0, n + 1).Select(_ => square ? width : r.NextInt(1, 3)).ToArray();
        bool logistic = !square && ctx.Index % 2 == 1;
        if (logistic)
        {
            dims[n] = 1;
        }
        var ws = Enumerable.Range(1, n).Select(j => r.GaussianMatrix(dims[j], dims[j - 1])).ToArray();
        var data = LinearNetProblem.Random(r, dims[0], dims[n], r.NextInt(1, 4), logistic);
        var inst = data.Store(new Instance { Family = $"n = {n}, {(logistic ? "logistic" : "square")}" }.WithNetwork(new DeepLinearNetwork(ws)));
        return inst with { MatrixLists = inst.MatrixLists.SetItem("Delta", [.. Enumerable.Range(1, n).Select(j => r.GaussianMatrix(dims[j], dims[j - 1]))]) };
    }

    private static Matrix<double>[] Formula(DeepLinearNetwork net, Matrix<double> gradPhi, bool transposes) =>
        [.. Enumerable.Range(1, net.Depth).Select(j => transposes
            ? net.Product(j + 1, net.Depth).Transpose() * gradPhi * net.Product(1, j - 1).Transpose()
            : net.Product(j + 1, net.Depth) * gradPhi * net.Product(1, j - 1))];

    private static MarginSet Conclude(Instance x, bool transposes)
    {
        var data = LinearNetProblem.From(x);
        var net = x.Network;
        var dims = net.Dims;
        var theta = ParameterLayout.Flatten(x.Weights);
        var delta = ParameterLayout.Flatten(x.MatrixLists["Delta"]);
        var formula = ParameterLayout.Flatten(Formula(net, data.GradPhi(net.EndToEnd()), transposes));
        double directional = formula.Select((g, i) => g * delta[i]).Sum();
        double h = 1e-4 * Math.Max(VectorOps.Norm(theta), 1) / VectorOps.Norm(delta);
        double Fd(double step) => (data.F(VectorOps.AddScaled(theta, step, delta), dims) - data.F(VectorOps.AddScaled(theta, -step, delta), dims)) / (2 * step);
        double q1 = Fd(h), q2 = Fd(h / 2);
        double fScale = Math.Abs(data.F(theta, dims)) + 1e-300;
        var fdTol = Tolerance.Heuristic(Math.Abs(q1 - q2) * 4 / 3 + Tolerance.Gamma(16 * net.Depth * dims.Max() + 16) * fScale / (h / 2), "Richardson estimate + rounding of f/h");
        var f = new DeepLinearObjective(dims, new DataLoss(data.Logistic ? Losses.Logistic : Losses.Square, data.X, data.Y));
        var core = f.Gradient(f.Pack(net));
        double maxDiff = formula.Select((g, i) => Math.Abs(g - core[i])).Max();
        double gScale = formula.Select(Math.Abs).Max() + core.Select(Math.Abs).Max();
        return MarginSet.Of(
            Ec21.AtMost("|⟨formula, Δθ⟩ − d/ds f(θ + sΔθ)| ≤ 0", Math.Abs(directional - q2), 0, fdTol.Plus(Tolerance.FromRounding(2 * theta.Length, Math.Abs(directional), "inner product"))),
            Ec21.AtMost("max |formula − Core gradient| ≤ 0", maxDiff, 0, Tolerance.FromRounding(8 * net.Depth * dims.Max() + 8 * data.N, gScale, "products")));
    }
}
