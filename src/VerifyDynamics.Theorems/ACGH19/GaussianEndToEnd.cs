using VerifyDynamics.Core.Randomness;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// Samplers for App. D.4–D.5 (d_N = 1): the end-to-end row vector W_{1:N} = W_N⋯W_1 of a network whose entries are
/// i.i.d. N(0, s²), formed right to left as row-vector products (O(Σ d_j d_{j−1}) per draw, no matrices), and
/// vectors with a uniform direction.
/// </summary>
public static class GaussianEndToEnd
{
    /// <summary>
    /// One draw of W_{1:N} ∈ R^{1×d_0} for dims d_0..d_N (d_N = 1) into <paramref name="result"/>; column 1 of W_1 is
    /// multiplied by <paramref name="firstColumnScale"/> (1 = the paper's i.i.d. law; 2 = Lemma 13's heteroscedastic mutant).
    /// </summary>
    public static void Draw(IReadOnlyList<int> dims, double s, Rng rng, double[] result, double firstColumnScale = 1)
    {
        int n = dims.Count - 1;
        // v = W_N (1×d_{N−1}), then v ← v·W_j for j = N−1, …, 1; entries of W_j drawn on the fly (each used once).
        var v = new double[dims[n - 1]];
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = s * rng.NextGaussian();
        }
        for (int j = n - 1; j >= 1; j--)
        {
            var next = new double[dims[j - 1]];
            for (int row = 0; row < dims[j]; row++)
            {
                for (int col = 0; col < dims[j - 1]; col++)
                {
                    next[col] += v[row] * s * rng.NextGaussian();
                }
            }
            v = next;
        }
        for (int i = 0; i < v.Length; i++)
        {
            result[i] = i == 0 ? firstColumnScale * v[i] : v[i];
        }
    }

    /// <summary>A uniform direction on S^{d−1} scaled to radius r.</summary>
    public static void UniformOnSphere(Rng rng, double r, double[] result)
    {
        double norm2 = 0;
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = rng.NextGaussian();
            norm2 += result[i] * result[i];
        }
        double scale = r / Math.Sqrt(norm2);
        for (int i = 0; i < result.Length; i++)
        {
            result[i] *= scale;
        }
    }

    public static double SquaredNorm(ReadOnlySpan<double> v)
    {
        double sum = 0;
        foreach (double x in v)
        {
            sum += x * x;
        }
        return sum;
    }
}
