using VerifyDynamics.Core.Randomness;

namespace VerifyDynamics.Core.Networks;

/// <summary>All entries of every W_j i.i.d. N(0, s²) (ACGH19 App. B).</summary>
public static class GaussianInitialization
{
    public static DeepLinearNetwork Create(IReadOnlyList<int> dims, double std, Rng rng) =>
        new(Enumerable.Range(1, dims.Count - 1).Select(j => rng.GaussianMatrix(dims[j], dims[j - 1], std)));
}
