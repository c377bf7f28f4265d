using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Lemma 35 (App C.4.2, L927–945): for a k-homogeneous polynomial H with ‖H‖_∞ = max_{S^{d−1}}|H|,
/// ‖∇H(x) − ∇H(y)‖ ≤ k‖H‖_∞‖x − y‖ Σ_{i=0}^{k−2}‖x‖^i‖y‖^{k−2−i}.
/// Formalisation note: only polynomials with an EXACT ‖H‖_∞ are used (a multi-start estimate would be a lower bound
/// and could fake violations): quadratic forms xᵀSx (k = 2, ‖H‖_∞ = ‖S‖_op, sharp along the top eigenvector; even
/// trials take x − y there) and the DLN H = Tr[GᵀA_θ] (k = L ∈ 3..4, ‖H‖_∞ = s_1L^{−L/2}, Fact.DLNEscape).
/// Tolerance: γ_n rounding relative to the right-hand side.
/// </summary>
public static class Lemma35
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Lemma35"),
        Source = new SourceRef(Papers.JGGSH21, "Lemma 35 (App C.4.2)", "L927–945"),
        Kind = StatementKind.Lemma,
        Title = "Lipschitz bound for gradients of homogeneous polynomials",
        Text = "‖∇H(x) − ∇H(y)‖ ≤ k‖H‖_∞‖x − y‖Σ_{i=0}^{k−2}‖x‖^i‖y‖^{k−2−i}.",
        FormalisationNote = "Quadratic forms (sharp) and DLN H with exact sup norms.",
        Fidelity = Fidelity.Restricted("quadratic forms and DLN homogeneous parts with L ≤ 4 (the lemma is for any k-homogeneous H)"),
        Hypotheses = new Hypotheses("quadratic form (trials 0,1 mod 3) with x − y along the top eigenvector on even trials, or DLN H with L ∈ 3..4", Generate, (x, k) => HypothesesCheck.Ok),
        Conclusion = (x, k, p) => Conclude(x, 0),
        DefaultTrials = 60,
        Variants =
        [
            Variant.Mutant("ConstantKMinusOne", "constant k − 1 instead of k: refuted along the top eigenvector of a quadratic form", s => s.WithConclusion((x, k, p) => Conclude(x, 1))),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        if (ctx.Index % 3 != 2)
        {
            int d = rng.NextInt(1, 5);
            var a = rng.GaussianMatrix(d, d);
            var s = 0.5 * (a + a.Transpose());
            var x = EscapeNumerics.UnitVector(rng, d) * rng.Uniform(0.2, 2);
            Vector<double> y;
            if (ctx.Index % 2 == 0)
            {
                var evd = s.Evd(Symmetricity.Symmetric);
                int top = Enumerable.Range(0, d).OrderByDescending(i => Math.Abs(evd.EigenValues[i].Real)).First();
                y = x + rng.Uniform(-2, 2) * evd.EigenVectors.Column(top);
            }
            else
            {
                y = EscapeNumerics.UnitVector(rng, d) * rng.Uniform(0.2, 2);
            }
            return new Instance { Family = "quadratic" }.WithMatrix("S", s).WithMatrix("x", x.ToColumnMatrix()).WithMatrix("y", y.ToColumnMatrix());
        }
        int depth = rng.NextInt(3, 4), n0 = rng.NextInt(1, 3), nL = rng.NextInt(1, 3), w = rng.NextInt(1, 3);
        var g = EscapeDirections.RandomG(rng, nL, n0);
        var xs = EscapeNumerics.GaussianLayers(rng, n0, w, nL, depth);
        var ys = EscapeNumerics.GaussianLayers(rng, n0, w, nL, depth);
        var inst = new Instance { Family = "dln", Dims = [n0, .. xs.Select(m => m.RowCount)], Weights = [.. xs] }.WithMatrix("G", g);
        return inst with { MatrixLists = inst.MatrixLists.SetItem("y", [.. ys]) };
    }

    private static MarginSet Conclude(Instance inst, int constantShift)
    {
        double lhs, hInf, nx, ny, dxy;
        int k;
        if (inst.Family == "quadratic")
        {
            var s = inst.Matrix("S");
            var x = inst.Matrix("x").Column(0);
            var y = inst.Matrix("y").Column(0);
            k = 2;
            lhs = (2 * s * (x - y)).L2Norm();
            hInf = s.Evd(Symmetricity.Symmetric).EigenValues.Max(z => Math.Abs(z.Real));
            (nx, ny, dxy) = (x.L2Norm(), y.L2Norm(), (x - y).L2Norm());
        }
        else
        {
            var g = inst.Matrix("G");
            var xs = inst.Weights;
            var ys = inst.MatrixLists["y"];
            k = xs.Length;
            var gx = EscapeNumerics.Flatten(EscapeNumerics.HGradient(g, xs));
            var gy = EscapeNumerics.Flatten(EscapeNumerics.HGradient(g, ys));
            lhs = EscapeNumerics.Distance(gx, gy);
            hInf = EscapeDirections.Svd(g).S[0] * Math.Pow(k, -k / 2.0);
            var fx = EscapeNumerics.Flatten(xs);
            var fy = EscapeNumerics.Flatten(ys);
            (nx, ny, dxy) = (EscapeNumerics.Norm(fx), EscapeNumerics.Norm(fy), EscapeNumerics.Distance(fx, fy));
        }
        double sum = 0;
        for (int i = 0; i <= k - 2; i++)
        {
            sum += Math.Pow(nx, i) * Math.Pow(ny, k - 2 - i);
        }
        double rhs = (k - constantShift) * hInf * dxy * sum;
        return MarginSet.Of(Margin.AtMost("‖∇H(x) − ∇H(y)‖ ≤ k‖H‖_∞‖x − y‖Σ‖x‖^i‖y‖^{k−2−i}", lhs, rhs, 64 * (k + 2)));
    }
}
