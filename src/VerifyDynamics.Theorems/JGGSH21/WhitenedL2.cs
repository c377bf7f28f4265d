using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// The exact whitened instance of Sec. 4 (catalog Prop5/6/7, derived): for C(A) = ‖A − B‖_F², C^Sch_{2/L,λL} decouples over
/// the singular values b_i of B into f_i(τ) = (τ^L − b_i)² + λLτ² (s = τ^L); its critical τ &gt; 0 are the roots of
/// τ^{2L−2} − b τ^{L−2} + λ = 0. Roots are bracketed on a grid and bisected to full precision.
/// </summary>
public static class WhitenedL2
{
    /// <summary>f(τ) = (τ^L − b)² + λLτ².</summary>
    public static double F(double tau, double b, double lambda, int depth) => Math.Pow(Math.Pow(tau, depth) - b, 2) + lambda * depth * tau * tau;

    /// <summary>The positive roots of τ^{2L−2} − bτ^{L−2} + λ, ascending.</summary>
    public static List<double> PositiveCriticalPoints(double b, double lambda, int depth)
    {
        double G(double t) => Math.Pow(t, 2 * depth - 2) - b * Math.Pow(t, depth - 2) + lambda;
        double hi = Math.Pow(Math.Abs(b) + lambda + 1, 1.0 / depth) * 1.5;
        const int grid = 1000;
        var roots = new List<double>();
        double prev = G(hi / grid), prevT = hi / grid;
        for (int i = 2; i <= grid; i++)
        {
            double t = hi * i / grid, g = G(t);
            if (Math.Sign(g) != Math.Sign(prev) && prev != 0)
            {
                double lo = prevT, up = t;
                for (int it = 0; it < 200 && up - lo > 0; it++)
                {
                    double mid = 0.5 * (lo + up);
                    if (mid <= lo || mid >= up)
                    {
                        break;
                    }
                    if (Math.Sign(G(mid)) == Math.Sign(G(lo)))
                    {
                        lo = mid;
                    }
                    else
                    {
                        up = mid;
                    }
                }
                roots.Add(0.5 * (lo + up));
            }
            prev = g;
            prevT = t;
        }
        return roots;
    }

    /// <summary>The local-minimum τ &gt; 0 of f (the largest positive critical point), or null when f has only τ = 0.</summary>
    public static double? LargestRoot(double b, double lambda, int depth)
    {
        var r = PositiveCriticalPoints(b, lambda, depth);
        return r.Count == 0 ? null : r[^1];
    }

    /// <summary>min_{τ≥0} f(τ): over τ = 0 and the positive critical points.</summary>
    public static double ScalarMinimum(double b, double lambda, int depth) =>
        PositiveCriticalPoints(b, lambda, depth).Select(t => F(t, b, lambda, depth)).Append(F(0, b, lambda, depth)).Min();

    /// <summary>A* = Σ_{i∈I} τ_i^L u_i v_iᵀ for the kept index set I (τ_i the largest root; components without a root are dropped).</summary>
    public static Matrix<double> Candidate(Matrix<double> b, IEnumerable<int> kept, double lambda, int depth)
    {
        var svd = b.Svd(computeVectors: true);
        var a = Matrix<double>.Build.Dense(b.RowCount, b.ColumnCount);
        foreach (int i in kept)
        {
            var tau = LargestRoot(svd.S[i], lambda, depth);
            if (tau is double t)
            {
                a += Math.Pow(t, depth) * svd.U.Column(i).OuterProduct(svd.VT.Row(i));
            }
        }
        return a;
    }

    /// <summary>Instance of a whitened L2 problem: B, depth, width, λ and the kept index set (as a bit mask).</summary>
    public static Instance Build(string family, Rng rng, double[] singularValues, int n, int depth, int width, double lambda, int keptMask) =>
        new Instance { Family = family }
            .WithCost(new FrobeniusDistance(Jggsh21Fixtures.WithSingularValues(rng, n, n, singularValues)))
            .WithScalar("depth", depth).WithScalar("width", width).WithScalar("lambda", lambda).WithScalar("kept", keptMask)
            .WithScalar("rotationSeed", rng.NextInt(0, int.MaxValue - 1));

    public static IEnumerable<int> Kept(Instance x) => Enumerable.Range(0, 8).Where(i => (((int)x.Scalar("kept")) >> i & 1) == 1);

    /// <summary>The Morse–Bott margins (gradient ≈ 0, λ_min ≥ −tol, kernel = orbit, else NaN = inconclusive) of θ.</summary>
    public static List<Margin> LocalMinimumMargins(DeepLinearCost net, Vector<double> theta, int rank, int width, double scale)
    {
        var mb = Jggsh21Fixtures.MorseBottTest(net, theta, rank, width);
        // The constructed point is exact up to the roots (bisected to ≈ 4ε relative) and the products: γ_{16P}·scale.
        var gTol = Tolerance.FromRounding(16 * net.ParameterCount, scale * scale, "scale² of the constructed point");
        return
        [
            Margin.Deviation("−‖∇C^NN(θ*)‖", mb.GradientNorm, scale, gTol),
            Margin.Bound("λ_min(∇²C^NN(θ*))", mb.MinEigenvalue, scale, Tolerance.Heuristic(mb.KernelThreshold, "eigensolver kernel threshold max(1e−7, γ_P·P)·‖H‖")),
            Margin.Bound("kernel dim = rotation-orbit dim (else inconclusive)", mb.KernelIsOrbit ? 0 : (mb.KernelDimension > mb.OrbitDimension && mb.MinEigenvalue >= -mb.KernelThreshold ? double.NaN : mb.OrbitDimension - mb.KernelDimension - 0.5 * Math.Sign(mb.OrbitDimension - mb.KernelDimension)), Math.Max(mb.OrbitDimension, 1), Tolerance.Heuristic(0, "an eigenvalue count below the kernel threshold of a floating-point Hessian")),
        ];
    }
}
