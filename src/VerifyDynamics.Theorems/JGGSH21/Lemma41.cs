using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Lemma 41 (App D.1, L1088–1114): for convex differentiable C and λ &gt; 0, (1) the subgradients of
/// C + λ‖·‖_* at A are ∇C(A) + λG̃ with Tr[G̃ᵀA] = ‖A‖_* and ‖G̃‖_op ≤ 1; (2) A is a global minimum iff
/// Tr[∇C(A)ᵀA] = −λ‖A‖_* and ‖∇C(A)‖_op ≤ λ.
/// Formalisation note: C(A) = ‖A − B‖_F² (whitened MSE), whose minimizer of C + λ‖·‖_* is the singular-value
/// soft-threshold of B at λ/2 (exact). (1): G̃ = U_rV_rᵀ + P_U^⊥ZP_V^⊥ (‖Z‖_op ≤ 1) at a random rank-r A, subgradient
/// inequality at a random A′. (2): the candidate is the minimizer A*, 0, or a random matrix; λ = ‖B‖_op·u, u ∈ [1, 2],
/// so 0 is not optimal; margins: A* meets the criterion, and any candidate meeting it (within tolerance) has
/// F(A) ≤ F(A*). Tolerance: γ_n of the SVDs times the scale of F.
/// </summary>
public static class Lemma41
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Lemma41"),
        Source = new SourceRef(Papers.JGGSH21, "Lemma 41 (App D.1)", "L1080–1114"),
        Kind = StatementKind.Lemma,
        Title = "subgradients of C + λ‖·‖_* and the global-minimum criterion",
        Text = "Subgradients are ∇C + λG̃ with Tr[G̃ᵀA] = ‖A‖_*, ‖G̃‖_op ≤ 1; A is a global minimum iff Tr[∇C(A)ᵀA] = −λ‖A‖_* and ‖∇C(A)‖_op ≤ λ.",
        FormalisationNote = "Printed '‖A‖^*', 'Tr[G̃A]', '‖G̃‖_{ap}' read as ‖A‖_*, Tr[G̃ᵀA], ‖G̃‖_op.",
        Fidelity = Fidelity.Full("the nuclear-norm optimality conditions as printed, B Gaussian of size ≤ 4×4, λ ∈ ‖B‖_op·[1, 2]"),
        Hypotheses = new Hypotheses("B Gaussian n×m (1..4), λ = ‖B‖_op·[1, 2], candidate A* / 0 / random, random rank-r A and A′ for (1)", Generate, (x, k) => HypothesesCheck.All((x.Scalar("lambda") > 0, "λ > 0"))),
        Conclusion = (x, k, p) => Conclude(x, 1),
        DefaultTrials = 60,
        Variants =
        [
            Variant.Mutant("OperatorBoundTwoLambda", "criterion with ‖∇C(A)‖_op ≤ 2λ: A = 0 meets it but is not a minimum", s => s.WithConclusion((x, k, p) => Conclude(x, 2))),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int n = rng.NextInt(1, 4), m = rng.NextInt(1, 4);
        var b = rng.GaussianMatrix(n, m);
        double lambda = b.L2Norm() * rng.Uniform(1, 2);
        int kind = ctx.Index % 3;
        var candidate = kind switch { 0 => SoftThreshold(b, lambda / 2), 1 => 0 * b, _ => rng.GaussianMatrix(n, m) };
        int r = rng.NextInt(0, Math.Min(n, m));
        var s = Enumerable.Range(0, Math.Min(n, m)).Select(i => i < r ? rng.Uniform(0.2, 2) : 0.0).OrderByDescending(z => z).ToArray();
        var a = Jggsh21Fixtures.WithSingularValues(rng, n, m, s);
        return new Instance { Family = kind switch { 0 => "minimizer", 1 => "zero", _ => "random" }, Target = b }
            .WithScalar("lambda", lambda).WithScalar("rank", r)
            .WithMatrix("candidate", candidate).WithMatrix("A", a).WithMatrix("Aprime", rng.GaussianMatrix(n, m)).WithMatrix("Z", rng.GaussianMatrix(n, m));
    }

    /// <summary>U max(S − τ, 0) Vᵀ.</summary>
    internal static Matrix<double> SoftThreshold(Matrix<double> b, double tau)
    {
        var svd = b.Svd(computeVectors: true);
        var result = Matrix<double>.Build.Dense(b.RowCount, b.ColumnCount);
        for (int i = 0; i < svd.S.Count; i++)
        {
            result += Math.Max(svd.S[i] - tau, 0) * svd.U.Column(i).OuterProduct(svd.VT.Row(i));
        }
        return result;
    }

    private static MarginSet Conclude(Instance x, double operatorFactor)
    {
        var b = x.RequireTarget;
        double lambda = x.Scalar("lambda");
        int n = Math.Max(b.RowCount, b.ColumnCount);
        double F(Matrix<double> a) => Math.Pow((a - b).FrobeniusNorm(), 2) + lambda * SchattenQuasinorm.Nuclear(a);
        var star = SoftThreshold(b, lambda / 2);
        double fStar = F(star);
        var tol = Tolerance.FromRounding(32 * (n + 2), fStar + lambda * b.L2Norm() + Math.Pow(b.FrobeniusNorm(), 2), "F(A*) + λ‖B‖ + ‖B‖² (SVD backward error)");
        bool Meets(Matrix<double> a, out double traceGap, out double opGap)
        {
            var g = 2 * (a - b);
            traceGap = Math.Abs(EscapeNumerics.Inner(g, a) + lambda * SchattenQuasinorm.Nuclear(a));
            opGap = operatorFactor * lambda - g.L2Norm();
            return traceGap <= tol.Absolute && opGap >= -tol.Absolute;
        }
        var margins = new List<Margin>();
        Meets(star, out double tStar, out double oStar);
        margins.Add(Margin.Deviation("A*: |Tr[∇C(A*)ᵀA*] + λ‖A*‖_*|", tStar, fStar, tol));
        margins.Add(Margin.Bound("A*: λ − ‖∇C(A*)‖_op", oStar, lambda, tol));
        var cand = x.Matrix("candidate");
        if (Meets(cand, out _, out _))
        {
            margins.Add(Margin.AtMost("criterion ⇒ F(A) ≤ F(A*)", F(cand), fStar) with { Tolerance = tol });
        }

        // (1) subgradient inequality with G̃ = U_rV_rᵀ + P_U^⊥ Z P_V^⊥, ‖Z‖_op ≤ 1.
        var a = x.Matrix("A");
        int r = (int)x.Scalar("rank");
        var svd = a.Svd(computeVectors: true);
        var ur = svd.U.SubMatrix(0, a.RowCount, 0, r);
        var vr = svd.VT.Transpose().SubMatrix(0, a.ColumnCount, 0, r);
        var pu = Matrix<double>.Build.DenseIdentity(a.RowCount) - ur * ur.Transpose();
        var pv = Matrix<double>.Build.DenseIdentity(a.ColumnCount) - vr * vr.Transpose();
        var z = x.Matrix("Z");
        z /= Math.Max(z.L2Norm(), 1e-300);
        var gTilde = ur * vr.Transpose() + pu * z * pv;
        var ap = x.Matrix("Aprime");
        var sub = 2 * (a - b) + lambda * gTilde;
        double lhs = F(ap);
        double rhs = F(a) + EscapeNumerics.Inner(sub, ap - a);
        margins.Add(Margin.AtLeast("F(A′) ≥ F(A) + Tr[Gᵀ(A′ − A)]", lhs, rhs) with
        {
            Tolerance = Tolerance.FromRounding(32 * (n + 2), Math.Abs(lhs) + Math.Abs(rhs) + lambda * (SchattenQuasinorm.Nuclear(ap) + SchattenQuasinorm.Nuclear(a)), "|F(A′)| + |rhs| + λ(‖A′‖_* + ‖A‖_*)"),
        });
        return new MarginSet(margins);
    }
}
