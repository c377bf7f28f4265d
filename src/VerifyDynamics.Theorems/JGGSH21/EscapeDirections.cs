using System.Collections.Immutable;
using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// The escape directions of H(θ) = Tr[GᵀA_θ] from App C.1.1 (L662–668) and the instances the App C
/// statements share: G = Σ s_i u_i v_iᵀ ∈ R^{n_L×n_0}, ρ = (1/√L)(±u_i w_{L−1}ᵀ, w_{L−1}w_{L−2}ᵀ, …, w_1v_iᵀ)
/// in the paper's order (W_L..W_1); stored W_1 first. Speed ±s_i L^{−(L−2)/2}; optimal s* = −s_1L^{−(L−2)/2}.
/// </summary>
public static class EscapeDirections
{
    /// <summary>Random G ∈ R^{n_L×n_0} with singular values s_1 &gt; s_2 &gt; … separated by at least 10% of s_1 (distinct, as Lemma 24 needs).</summary>
    public static Matrix<double> RandomG(Rng rng, int nL, int n0)
    {
        int r = Math.Min(nL, n0);
        var s = new double[r];
        double current = rng.Uniform(1, 2);
        for (int i = 0; i < r; i++)
        {
            s[i] = current;
            current *= rng.Uniform(0.3, 0.8);
        }
        return Jggsh21Fixtures.WithSingularValues(rng, nL, n0, s);
    }

    /// <summary>(U, s, V) of G with singular values in non-increasing order.</summary>
    public static (Matrix<double> U, double[] S, Matrix<double> V) Svd(Matrix<double> g)
    {
        var svd = g.Svd(computeVectors: true);
        return (svd.U, svd.S.ToArray(), svd.VT.Transpose());
    }

    /// <summary>
    /// The escape direction with singular index i (1-based), the sign of W_L and unit hidden vectors w_1..w_{L−1}
    /// (the columns of <paramref name="hidden"/>, width × (L−1)).
    /// </summary>
    public static Matrix<double>[] Direction(Matrix<double> g, int depth, int index, int sign, Matrix<double> hidden)
    {
        var (u, _, v) = Svd(g);
        double c = 1 / Math.Sqrt(depth);
        var layers = new Matrix<double>[depth];
        var ui = u.Column(index - 1);
        var vi = v.Column(index - 1);
        layers[0] = c * hidden.Column(0).OuterProduct(vi);
        for (int l = 2; l <= depth - 1; l++)
        {
            layers[l - 1] = c * hidden.Column(l - 1).OuterProduct(hidden.Column(l - 2));
        }
        layers[depth - 1] = sign * c * ui.OuterProduct(hidden.Column(depth - 2));
        return layers;
    }

    /// <summary>Random unit hidden vectors w_1..w_{L−1} ∈ S^{w−1} as columns.</summary>
    public static Matrix<double> RandomHidden(Rng rng, int width, int depth)
    {
        var h = Matrix<double>.Build.Dense(width, depth - 1);
        for (int l = 0; l < depth - 1; l++)
        {
            h.SetColumn(l, EscapeNumerics.UnitVector(rng, width));
        }
        return h;
    }

    /// <summary>Speed ±s_i L^{−(L−2)/2} (catalog Fact.DLNEscape); <paramref name="exponentShift"/> only for mutants.</summary>
    public static double Speed(double si, int depth, int sign, double exponentShift = 0) =>
        sign * si * Math.Pow(depth, -(depth - 2 + exponentShift) / 2.0);

    /// <summary>The optimal speed s* = −s_1L^{−(L−2)/2}.</summary>
    public static double OptimalSpeed(Matrix<double> g, int depth) => Speed(Svd(g).S[0], depth, -1);

    /// <summary>
    /// A standard escape instance: G, depth, width, singular index, sign and hidden vectors, with the direction ρ as
    /// the network weights (replayable: everything the checks need is in the instance).
    /// </summary>
    public static Instance Build(string family, Matrix<double> g, int depth, int index, int sign, Matrix<double> hidden)
    {
        var rho = Direction(g, depth, index, sign, hidden);
        return new Instance
        {
            Family = family,
            Dims = [rho[0].ColumnCount, .. rho.Select(w => w.RowCount)],
            Weights = [.. rho],
        }
        .WithMatrix("G", g)
        .WithMatrix("hidden", hidden)
        .WithScalar("L", depth)
        .WithScalar("index", index)
        .WithScalar("sign", sign);
    }

    /// <summary>Random escape instance: n_0, n_L, w ∈ 1..4, L ∈ 2..maxDepth.</summary>
    public static Instance Random(TrialContext ctx, string family, int maxDepth = 5, bool optimal = false, bool nonOptimal = false)
    {
        var rng = ctx.Rng;
        int n0 = rng.NextInt(1, 4), nL = rng.NextInt(1, 4), w = rng.NextInt(1, 4), depth = rng.NextInt(2, maxDepth);
        if (nonOptimal)
        {
            n0 = Math.Max(n0, 2);
            nL = Math.Max(nL, 2);
        }
        var g = RandomG(rng, nL, n0);
        int r = Math.Min(n0, nL);
        int index = optimal ? 1 : rng.NextInt(1, r);
        int sign = optimal ? -1 : (rng.NextBool() ? 1 : -1);
        if (nonOptimal && index == 1)
        {
            sign = 1;
        }
        return Build(family, g, depth, index, sign, RandomHidden(rng, w, depth));
    }

    public static int Depth(Instance x) => (int)x.Scalar("L");

    /// <summary>Rounding bound for products of L factors of size ≤ n with unit-scale entries, relative to s_1.</summary>
    public static Tolerance ProductRounding(Instance x, double scale, string what)
    {
        int n = x.Dims.Max();
        return Tolerance.FromRounding(4 * (Depth(x) + 2) * (n + 2), scale, what);
    }

    public static ImmutableArray<Matrix<double>> Layers(Instance x) => x.Weights;
}
