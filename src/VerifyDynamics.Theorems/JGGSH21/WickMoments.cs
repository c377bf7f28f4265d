using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Randomness;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// The pairing (Wick) formula of JGGSH21 Prop 17 (App B.3, L538–547) and its Monte-Carlo counterpart.
/// RHS = Σ_{ρ^(1),…,ρ^(L) ∈ P(2r)} Π_ℓ K_{ρ^(ℓ)} · Π_{ℓ=1}^{L−1} w^{|ρ^(ℓ) ∨ ρ^(ℓ+1)|} · Π_{(i,j)∈ρ^(1)} a_iᵀa_j · Π_{(i,j)∈ρ^(L)} b_iᵀb_j,
/// evaluated exactly as a transfer-matrix product over the |P(2r)| matchings (3 for r = 2, 15 for r = 3).
/// The Monte-Carlo side draws θ_k = Σ_m C_{km}ξ_m (CCᵀ = K, ξ_m i.i.d. standard Gaussian networks) and averages
/// Π_i b_iᵀA_{θ_i}a_i, propagating vectors (a → W_1a → …) so a draw costs O(r L w²).
/// </summary>
public static class WickMoments
{
    /// <summary>How |ρ ∨ ρ'| is counted: the join's blocks (paper), or the wrong counts of the catalog mutants.</summary>
    public enum JoinCount
    {
        /// <summary>Number of blocks of the join ρ ∨ ρ' (connected components of the union of the two matchings).</summary>
        Blocks,
        /// <summary>Number of pairs common to ρ and ρ' (mutant).</summary>
        CommonPairs,
        /// <summary>Number of pairs of ρ alone, i.e. r (mutant "w^{|ρ^(ℓ)|}").</summary>
        OwnPairs,
    }

    /// <summary>All perfect matchings of {0, …, 2r−1} as partner arrays.</summary>
    public static List<int[]> PerfectMatchings(int count)
    {
        var result = new List<int[]>();
        void Recurse(int[] partner)
        {
            int first = Array.IndexOf(partner, -1);
            if (first < 0)
            {
                result.Add((int[])partner.Clone());
                return;
            }
            for (int j = first + 1; j < partner.Length; j++)
            {
                if (partner[j] == -1)
                {
                    partner[first] = j;
                    partner[j] = first;
                    Recurse(partner);
                    partner[first] = -1;
                    partner[j] = -1;
                }
            }
        }
        Recurse(Enumerable.Repeat(-1, count).ToArray());
        return result;
    }

    /// <summary>|ρ ∨ ρ'| (or a mutant count).</summary>
    public static int Count(int[] rho, int[] rho2, JoinCount mode)
    {
        switch (mode)
        {
            case JoinCount.CommonPairs:
                return Enumerable.Range(0, rho.Length).Count(i => i < rho[i] && rho2[i] == rho[i]);
            case JoinCount.OwnPairs:
                return rho.Length / 2;
        }
        var parent = Enumerable.Range(0, rho.Length).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        for (int i = 0; i < rho.Length; i++)
        {
            parent[Find(i)] = Find(rho[i]);
            parent[Find(i)] = Find(rho2[i]);
        }
        return Enumerable.Range(0, rho.Length).Count(i => Find(i) == i);
    }

    private static double PairProduct(int[] rho, Func<int, int, double> weight)
    {
        double p = 1;
        for (int i = 0; i < rho.Length; i++)
        {
            if (i < rho[i])
            {
                p *= weight(i, rho[i]);
            }
        }
        return p;
    }

    /// <summary>The right side of Prop 17 for depth L ≥ 1, hidden width w, covariance K (2r×2r), inputs a_i, outputs b_i.</summary>
    public static double PairingSum(Matrix<double> k, IReadOnlyList<Vector<double>> a, IReadOnlyList<Vector<double>> b, int depth, int width, JoinCount mode = JoinCount.Blocks)
    {
        var matchings = PerfectMatchings(k.RowCount);
        int m = matchings.Count;
        var kRho = matchings.Select(r => PairProduct(r, (i, j) => k[i, j])).ToArray();
        // v_ρ after layer 1: K_ρ · Π a-pairs; transfer to layer ℓ+1: w^{|ρ ∨ ρ'|} K_ρ'; finally Π b-pairs.
        var v = matchings.Select((r, i) => kRho[i] * PairProduct(r, (p, q) => a[p] * a[q])).ToArray();
        for (int l = 1; l < depth; l++)
        {
            var next = new double[m];
            for (int j = 0; j < m; j++)
            {
                for (int i = 0; i < m; i++)
                {
                    next[j] += v[i] * Math.Pow(width, Count(matchings[i], matchings[j], mode)) * kRho[j];
                }
            }
            v = next;
        }
        return matchings.Select((r, i) => v[i] * PairProduct(r, (p, q) => b[p] * b[q])).Sum();
    }

    /// <summary>Sample mean and standard error of Π_i b_iᵀA_{θ_i}a_i over <paramref name="draws"/> draws.</summary>
    public static (double Mean, double StandardError) MonteCarlo(Rng rng, Matrix<double> k, IReadOnlyList<Vector<double>> a, IReadOnlyList<Vector<double>> b,
        int depth, int width, int draws)
    {
        int copies = k.RowCount, n0 = a[0].Count, nL = b[0].Count;
        var c = k.Cholesky().Factor;
        var dims = new int[depth + 1];
        dims[0] = n0;
        dims[depth] = nL;
        for (int l = 1; l < depth; l++)
        {
            dims[l] = width;
        }
        int p = Enumerable.Range(1, depth).Sum(l => dims[l] * dims[l - 1]);
        var xi = new double[copies][];
        for (int i = 0; i < copies; i++)
        {
            xi[i] = new double[p];
        }
        var theta = new double[p];
        double sum = 0, sumSq = 0;
        for (int d = 0; d < draws; d++)
        {
            for (int i = 0; i < copies; i++)
            {
                for (int q = 0; q < p; q++)
                {
                    xi[i][q] = rng.NextGaussian();
                }
            }
            double product = 1;
            for (int i = 0; i < copies; i++)
            {
                for (int q = 0; q < p; q++)
                {
                    double s = 0;
                    for (int j = 0; j <= i; j++)
                    {
                        s += c[i, j] * xi[j][q];
                    }
                    theta[q] = s;
                }
                product *= Propagate(theta, dims, a[i], b[i]);
            }
            sum += product;
            sumSq += product * product;
        }
        double mean = sum / draws;
        double variance = Math.Max(0, (sumSq / draws - mean * mean) * draws / (draws - 1));
        return (mean, Math.Sqrt(variance / draws));
    }

    /// <summary>bᵀW_L⋯W_1a with θ stored W_1 first, each block row-major (n_ℓ × n_{ℓ−1}).</summary>
    public static double Propagate(double[] theta, int[] dims, Vector<double> a, Vector<double> b)
    {
        var x = a.ToArray();
        int off = 0;
        for (int l = 1; l < dims.Length; l++)
        {
            var y = new double[dims[l]];
            for (int r = 0; r < dims[l]; r++)
            {
                double s = 0;
                for (int q = 0; q < dims[l - 1]; q++)
                {
                    s += theta[off + r * dims[l - 1] + q] * x[q];
                }
                y[r] = s;
            }
            off += dims[l] * dims[l - 1];
            x = y;
        }
        double result = 0;
        for (int r = 0; r < x.Length; r++)
        {
            result += b[r] * x[r];
        }
        return result;
    }
}
