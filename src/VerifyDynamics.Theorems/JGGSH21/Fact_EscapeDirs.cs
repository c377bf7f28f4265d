using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Fact.EscapeDirs (Sec 3.2.3, L180–188; unnumbered): (i) at the origin the escape directions are RI^{(1→w)}(ρ),
/// ρ = (v_1ᵀ, 1, …, 1, u_1) with u_1, v_1 the top singular vectors of ∇C(0); (ii) at a saddle ϑ^k = RI^{(k→w)}(ϑ̲^k), k &lt; w, they
/// are RI^{(k+1→w)}(ρ) with ρ zero except (V_ℓ)_{k+1,k+1} = 1 (1 &lt; ℓ &lt; L), row (V_1)_{k+1,·} = v_1ᵀ and column (V_L)_{·,k+1} = u_1,
/// u_1, v_1 the top singular vectors of ∇C(A_{ϑ^k}); (iv) for L &gt; 2 the Hessian at such a saddle is positive along the inclusion and
/// escape happens only through its null space; (v) at the origin the first L − 1 derivatives vanish.
/// Formalisation note: whitened C(A) = ‖A − B‖_F² (B n×n, n ∈ {2, 3}, distinct singular values), w = n, L ∈ {2, 3, 4},
/// ϑ^k = balanced factorization of the best rank-k approximation B_k (an exact critical point; width-k local minimum, Eckart–Young),
/// R = identity, k ∈ {0, …, n−1}. Along a direction ρ supported on the new unit, C(A_{ϑ^k + sρ}) = C(A_{ϑ^k}) + s^L⟨∇C(A_{ϑ^k}), A_ρ⟩ +
/// O(s^{2L}) exactly (the new unit is decoupled), so "escape direction" = minimizer of the order-L coefficient c_L(ρ) = ⟨G_k, A_ρ⟩
/// over unit ρ: min = −‖G_k‖_op L^{−L/2} (derived, AM–GM). Margins: (i/ii) c_L at the stated ρ — normalized by 1/√L and with the
/// sign that makes A_ρ ∝ −u_1v_1ᵀ (omitted in print, as in Thm 37) — equals −‖G_k‖_op L^{−L/2}; 24 random unit ρ on the new unit stay
/// above it; (iv) k ≥ 1, L ≥ 3: λ_min(Hessian of C^NN at ϑ^k) ≥ −tol; L = 2: λ_min &lt; 0 strictly (strict saddle); (v) k = 0, L ≥ 3:
/// the Hessian at 0 vanishes. Tolerances: γ_{64}-rounding of the products; eigen backward error P·γ_P·‖H‖ plus the construction
/// error (‖∇C^NN(ϑ^k)‖, at rounding level).
/// </summary>
public static class Fact_EscapeDirs
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fact.EscapeDirs"),
        Source = new SourceRef(Papers.JGGSH21, "Sec 3.2.3 (unnumbered)", "L180–188"),
        Kind = StatementKind.Unnumbered,
        Title = "escape directions at saddles and Hessian structure (unnumbered)",
        Text = "At the origin the escape directions are RI^{(1→w)}(ρ) for ρ = (v_1ᵀ, 1, …, 1, u_1), u_1, v_1 the singular vectors of the largest "
            + "singular value of ∇C(0). At a saddle ϑ^k = RI^{(k→w)}(ϑ̲^k) with k < w they are RI^{(k+1→w)}(ρ) for ρ = (V_1, …, V_L) zero except "
            + "(V_ℓ)_{k+1,k+1} = 1 (1 < ℓ < L), the line (V_1)_{k+1,·} = v_1ᵀ and the column (V_L)_{·,k+1} = u_1, for u_1, v_1 the largest singular "
            + "vectors of ∇C(A_{ϑ^k}). Shallow networks escape along eigenvectors of the most negative Hessian eigenvalue; for L > 2, if ϑ̲^1 is a "
            + "width-1 local minimum, the Hessian at ϑ^1 is positive along Im[RI^{(1→w)}] and the dynamics escape only through the Hessian "
            + "null space; at the origin the first L − 1 derivatives vanish.",
        FormalisationNote = "Whitened ‖A − B‖², exact balanced saddles ϑ^k (R = I), order-L coefficient of the cost along directions on the new unit "
            + "(stated ρ attains the AM–GM minimum −‖∇C(A_{ϑ^k})‖_op L^{−L/2}; random unit directions do not beat it), dense Hessians (P ≤ 42). "
            + "No mutant claims a negative Hessian eigenvalue for L ≥ 3: the Hessian is PSD with an exact zero eigenvalue, which floating point "
            + "cannot refute (λ_min ≈ ±1e−15); the former mutant was 'refuted' only at rounding level (audit 2026-12-07).",
        Errata = ["The printed ρ = (v_1ᵀ, 1, …, 1, u_1) omits the normalization 1/√L and the sign: as printed A_ρ ∝ +u_1v_1ᵀ, an ascent direction; Thm 37 has −v_1ᵀ (catalog)."],
        Constants =
        [
        ],
        Fidelity = Fidelity.Restricted("whitened costs, n ≤ 3, w = n, L ≤ 4, the exact balanced saddles with R = I"),
        Hypotheses = new Hypotheses("B n×n (n ∈ {2, 3}) with singular values separated by ≥ 20%, w = n, L ∈ {2, 3, 4}, k ∈ {0, …, n−1}", ctx => Generate(ctx, 0, 2), Validate),
        Conclusion = Conclude,
        DefaultTrials = 12,
        Variants =
        [
            Variant.Mutant("OriginVectorsAtEverySaddle", "ρ at ϑ^k from the singular vectors of ∇C(0): they lie in the already-fitted directions, c_L = 0 — refuted",
                s => s.WithSwitch("useOriginVectors", R(1)).WithGenerator("k ≥ 1", ctx => Generate(ctx, 1, 2))),
        ],
    };

    private static Instance Generate(TrialContext ctx, int minK, int minDepth)
    {
        var rng = ctx.Rng;
        int n = rng.NextInt(2, 3), depth = rng.NextInt(minDepth, 4), k = rng.NextInt(minK, n - 1);
        var s = new double[n];
        s[0] = rng.Uniform(1, 3);
        for (int i = 1; i < n; i++)
        {
            s[i] = s[i - 1] * rng.Uniform(0.3, 0.8);
        }
        return new Instance { Family = $"whitened saddle k={k} L={depth}", Target = WithSingularValues(rng, n, n, s) }
            .WithScalar("depth", depth).WithScalar("width", n).WithScalar("k", k).WithScalar("probeSeed", rng.NextUInt64() >> 12);
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues c)
    {
        var s = x.RequireTarget.Svd(false).S.ToArray();
        return HypothesesCheck.All(
            (s.Zip(s.Skip(1)).All(p => p.Second <= 0.85 * p.First) && s[^1] > 0, "distinct non-zero singular values (unique escape direction, ϑ̲^k a strict width-k minimum)"),
            (x.Scalar("k") < x.Scalar("width"), "k < w (room for a new unit)"),
            (x.Scalar("depth") >= 2, "L ≥ 2"));
    }

    private static MarginSet Conclude(Instance x, ConstantValues c, Precision precision)
    {
        var b = x.RequireTarget;
        int depth = (int)x.Scalar("depth"), width = (int)x.Scalar("width"), k = (int)x.Scalar("k"), n = b.RowCount;
        var cost = new FrobeniusDistance(b);
        var net = DeepLinearCost.Rectangular(cost, depth, width);
        var svd = b.Svd(true);
        var bk = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < k; i++)
        {
            bk += svd.S[i] * svd.U.Column(i).OuterProduct(svd.VT.Row(i));
        }
        var saddle = k == 0 ? Vector<double>.Build.Dense(net.ParameterCount) : net.ToVector(BalancedFactorization(bk, depth, width, null, 1e-12));
        var gk = cost.Gradient(net.EndToEnd(saddle));
        var gSvd = (c.Switch("useOriginVectors") == 1 ? cost.Gradient(Matrix<double>.Build.Dense(n, n)) : gk).Svd(true);
        double opNorm = gk.Svd(false).S[0], bound = -opNorm * Math.Pow(depth, -depth / 2.0);
        Matrix<double> EndToEndOnUnit(Vector<double> first, double[] middle, Vector<double> last)
        {
            // A_ρ for ρ supported on unit k: V_L[:,k] · Π V_ℓ[k,k] · V_1[k,:].
            return middle.Aggregate(1.0, (acc, v) => acc * v) * last.OuterProduct(first);
        }
        double scale = 1 / Math.Sqrt(depth);
        var stated = EndToEndOnUnit(-scale * gSvd.VT.Row(0), [.. Enumerable.Repeat(scale, depth - 2)], scale * gSvd.U.Column(0));
        double cStated = gk.PointwiseMultiply(stated).Enumerate().Sum();
        double ops = 64 * (depth + n);
        var margins = new List<Margin>
        {
            RoundingDeviation("(i/ii) c_L(stated ρ) = −‖∇C(A_{ϑ^k})‖_op L^{−L/2}", -Math.Abs(cStated - bound), (int)ops, Math.Abs(bound), "‖G_k‖ L^{−L/2}"),
        };
        var rng = new Rng(new Seed((ulong)x.Scalar("probeSeed")));
        double worst = double.PositiveInfinity;
        for (int t = 0; t < 24; t++)
        {
            var first = SequentialBuild.Vector(n, _ => rng.NextGaussian());
            var last = SequentialBuild.Vector(n, _ => rng.NextGaussian());
            var middle = Enumerable.Range(0, depth - 2).Select(_ => rng.NextGaussian()).ToArray();
            double norm = Math.Sqrt(first * first + last * last + middle.Sum(v => v * v));
            var a = EndToEndOnUnit(first / norm, [.. middle.Select(v => v / norm)], last / norm);
            worst = Math.Min(worst, gk.PointwiseMultiply(a).Enumerate().Sum());
        }
        margins.Add(Rounding("(ii) min over 24 random unit ρ on the new unit of c_L(ρ) − (−‖G_k‖_op L^{−L/2})", worst - bound, (int)ops, Math.Abs(bound), "‖G_k‖ L^{−L/2}"));
        var hessian = net.Hessian(saddle);
        var eig = hessian.Evd(Symmetricity.Symmetric).EigenValues.Select(z => z.Real).ToArray();
        double hNorm = Math.Max(eig.Max(Math.Abs), 1e-300), lambdaMin = eig.Min();
        var eigTol = Tolerance.Bound(hessian.RowCount * Tolerance.Gamma(hessian.RowCount) * hNorm, "eigensolver backward error P·γ_P·‖H‖")
            .Plus(Tolerance.Heuristic(net.Gradient(saddle).L2Norm() * depth, "construction error of ϑ^k (L·‖∇C^NN(ϑ^k)‖)"));
        if (k >= 1 && depth >= 3)
        {
            margins.Add(Margin.Bound("(iv) λ_min(Hessian of C^NN at ϑ^k) ≥ 0 (L ≥ 3)", lambdaMin, hNorm, eigTol));
        }
        else if (k >= 1)
        {
            margins.Add(EscapeNumerics.Strictly("(iii) λ_min(Hessian at ϑ^k) < 0 (L = 2, strict saddle)", 0, lambdaMin, eigTol));
        }
        else if (depth >= 3)
        {
            margins.Add(Margin.Deviation("(v) −max |Hessian entry| at the origin (first L − 1 derivatives vanish)", hessian.Enumerate().Max(Math.Abs), 1, Tolerance.Bound(0, "structural zeros, exact in binary64: every Hessian entry at θ = 0 is a sum of products with a zero layer factor")));
        }
        return new MarginSet(margins).WithObservation("c_L_stated", cStated).WithObservation("bound", bound).WithObservation("lambda_min", lambdaMin)
            .WithObservation("minus_opnorm_G_k", -opNorm);
    }
}
