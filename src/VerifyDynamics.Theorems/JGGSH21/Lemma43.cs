using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Lemma 43 (App D.2, L1160–1164): for continuous ψ: Rⁿ → Rᵐ and C: Rᵐ → R, if ψ(x) is a local minimum of C
/// then x is a local minimum of C∘ψ.
/// Formalisation note: C(y) = Σ_i (y_i² − 1)² + c·y_i (tilt c ∈ [−0.3, 0.3], so the local minima y_i* near ±1 are not all
/// global), ψ(x) = y* + J(x − x_0) + q‖x − x_0‖² (polynomial, ψ(x_0) = y*); probes C(ψ(x_0 + δv)) − C(ψ(x_0)) ≥ 0
/// for δ ∈ {10⁻², 10⁻³, 10⁻⁴} and 4 random unit v. "Local" is only sampled (a check of the lemma's consequence).
/// The converse (mutant) is refuted by the catalog's ψ(x) = x², C(y) = y at x = 0. Tolerance: γ_n·(C scale).
/// </summary>
public static class Lemma43
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Lemma43"),
        Source = new SourceRef(Papers.JGGSH21, "Lemma 43 (App D.2)", "L1160–1164"),
        Kind = StatementKind.Lemma,
        Title = "local minima pull back through continuous maps",
        Text = "If ψ(x) is a local minimum of C, x is a local minimum of C∘ψ.",
        FormalisationNote = "Sampled local-minimality probes on polynomial ψ and tilted double-well C. The validator checks the hypothesis "
            + "(y* a strict local minimum of C), so the boundary search cannot leave it (it once perturbed y* off the minimum and reported that "
            + "as a counterexample).",
        Fidelity = Fidelity.Restricted("polynomial ψ and a tilted double-well C with n, m ≤ 4; local minimality of C∘ψ only sampled by 12 probes at δ ∈ {10^{−2}, 10^{−3}, 10^{−4}}"),
        Hypotheses = new Hypotheses("n, m ∈ 1..4, tilt c, random signs for y*, J Gaussian, q Gaussian", Generate, Validate),
        Conclusion = (x, k, p) => Conclude(x, converse: false),
        DefaultTrials = 40,
        Variants =
        [
            Variant.Mutant("Converse", "x local min of C∘ψ ⇒ ψ(x) local min of C: refuted by ψ(x) = x², C(y) = y at x = 0",
                s => s.WithConclusion((x, k, p) => Conclude(x, converse: true)).WithGenerator("ψ(x) = x², C(y) = y, x_0 = 0", ctx => Instance.OfScalars("square-linear", ("kind", 1))), trials: 2),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int n = rng.NextInt(1, 4), m = rng.NextInt(1, 4);
        double c = rng.Uniform(-0.3, 0.3);
        var y = Enumerable.Range(0, m).Select(_ => WellMinimum(rng.NextBool() ? 1 : -1, c)).ToArray();
        var inst = Instance.OfScalars("double-well", ("kind", 0), ("tilt", c))
            .WithMatrix("ystar", MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfColumnArrays(y))
            .WithMatrix("J", rng.GaussianMatrix(m, n))
            .WithMatrix("q", rng.GaussianMatrix(m, 1))
            .WithMatrix("x0", rng.GaussianMatrix(n, 1))
            .WithMatrix("probes", rng.GaussianMatrix(n, 4));
        return inst;
    }

    /// <summary>
    /// The hypothesis: ψ(x_0) = y* is a local minimum of C, i.e. every y*_i is a critical point 4y³ − 4y + c = 0 of the tilted well
    /// with positive curvature 12y² − 4 &gt; 0 (the boundary search perturbs y* and the tilt; this keeps it inside the hypotheses).
    /// </summary>
    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        if (x.Scalar("kind") == 1)
        {
            return HypothesesCheck.Ok;
        }
        double c = x.Scalar("tilt");
        var y = x.Matrix("ystar").Column(0);
        return HypothesesCheck.All(
            (y.All(v => Math.Abs(4 * v * v * v - 4 * v + c) <= 1e-12 * (1 + Math.Abs(v * v * v))), "ψ(x_0) = y* critical for C (4y³ − 4y + c = 0)"),
            (y.All(v => 12 * v * v - 4 > 0.5), "C'' > 0 at y* (local minimum)"));
    }

    /// <summary>The local minimum of y ↦ (y² − 1)² + cy near ±1 (Newton on 4y³ − 4y + c = 0).</summary>
    private static double WellMinimum(int sign, double c)
    {
        double y = sign;
        for (int i = 0; i < 60; i++)
        {
            y -= (4 * y * y * y - 4 * y + c) / (12 * y * y - 4);
        }
        return y;
    }

    private static MarginSet Conclude(Instance x, bool converse)
    {
        var margins = new List<Margin>();
        double[] deltas = [1e-2, 1e-3, 1e-4];
        if (x.Scalar("kind") == 1)
        {
            // ψ(x) = x², C(y) = y: C∘ψ = x² has a local min at 0; the converse claims y = 0 is a local min of C(y) = y.
            foreach (double d in deltas)
            {
                margins.Add(Margin.AtLeast($"C∘ψ(±δ) − C∘ψ(0), δ = {d}", d * d, 0));
                if (converse)
                {
                    margins.Add(Margin.AtLeast($"C(ψ(0) − δ) − C(ψ(0)), δ = {d}", -d, 0));
                }
            }
            return new MarginSet(margins);
        }
        double c = x.Scalar("tilt");
        var ystar = x.Matrix("ystar").Column(0);
        var j = x.Matrix("J");
        var q = x.Matrix("q").Column(0);
        var x0 = x.Matrix("x0").Column(0);
        var probes = x.Matrix("probes");
        double C(MathNet.Numerics.LinearAlgebra.Vector<double> y) => y.Sum(v => (v * v - 1) * (v * v - 1) + c * v);
        MathNet.Numerics.LinearAlgebra.Vector<double> Psi(MathNet.Numerics.LinearAlgebra.Vector<double> z) => ystar + j * (z - x0) + q * Math.Pow((z - x0).L2Norm(), 2);
        double c0 = C(Psi(x0));
        foreach (double d in deltas)
        {
            for (int i = 0; i < probes.ColumnCount; i++)
            {
                var v = probes.Column(i);
                double ci = C(Psi(x0 + d * v / v.L2Norm()));
                margins.Add(Margin.AtLeast($"C(ψ(x_0 + δv_{i})) − C(ψ(x_0)), δ = {d}", ci, c0, 64));
            }
        }
        return new MarginSet(margins);
    }
}
