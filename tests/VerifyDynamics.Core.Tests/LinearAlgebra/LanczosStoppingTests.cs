using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using Xunit;

namespace VerifyDynamics.Core.Tests.LinearAlgebra;

/// <summary>
/// The parts of <see cref="Lanczos"/> that the bracket tests do not see: the start vector comes from the given seed, a capped
/// run returns the Ritz pair of its Krylov space (the start's Rayleigh quotient after one step), the stop happens at the
/// first step whose Ritz residual meets RelativeTolerance·max(|θ|, ‖T‖_∞) (checked against a dense Rayleigh–Ritz of the
/// recorded Krylov basis), an invariant subspace stops even at tolerance 0, the reported Residual is the recomputed
/// ‖Hx − θx‖ plus γ_{d+2}(‖Hx‖ + |θ|), and Converged compares the residual with 100·tol·max(|θ|, ‖Hx‖, ‖T‖_∞) (the stopping rule's scale).
/// </summary>
public sealed class LanczosStoppingTests
{
    private static Func<double[], double[]> Apply(Matrix<double> m, List<double[]>? record = null) => x =>
    {
        record?.Add((double[])x.Clone());
        return (m * Vector<double>.Build.DenseOfArray(x)).ToArray();
    };

    private static Matrix<double> Diagonal(params double[] d) => Matrix<double>.Build.DenseOfDiagonalArray(d);

    private static double Rayleigh(Matrix<double> m, double[] x)
    {
        var v = Vector<double>.Build.DenseOfArray(x);
        return v.DotProduct(m * v) / v.DotProduct(v);
    }

    [Fact]
    public void TheStartVectorIsTheSeedsGaussian_AndACappedRunReturnsTheRitzPairOfItsKrylovSpace()
    {
        var h = Diagonal(1, 2, 3, 4, 5, 6, 7, 8);
        var rng = new Seed(7).CreateRng();
        var start = Vector<double>.Build.Dense(8, _ => rng.NextGaussian());
        start /= start.L2Norm();

        // One step: the Ritz value of span{v} is vᵀHv, the vector ±v; one Lanczos product plus the residual product.
        var inputs = new List<double[]>();
        var one = Lanczos.MinEigenvalue(Apply(h, inputs), 8, new LanczosSettings(MaxIterations: 1, Seed: new Seed(7)));
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(start[i], inputs[0][i], 1e-15);
        }
        Assert.Equal(start.ToArray().Select(Math.Abs), one.Vector.Select(Math.Abs), (p, q) => Math.Abs(p - q) <= 1e-14);
        Assert.Equal(Rayleigh(h, start.ToArray()), one.Value, 1e-13);
        Assert.Equal(2, one.Iterations);
        Assert.False(one.Converged);

        // Two steps: the smaller Ritz value of span{v, Hv}, from a dense Rayleigh–Ritz on an orthonormal basis of it.
        var two = Lanczos.MinEigenvalue(Apply(h), 8, new LanczosSettings(MaxIterations: 2, Seed: new Seed(7)));
        var basis = Matrix<double>.Build.DenseOfColumnVectors(start, h * start).QR().Q.SubMatrix(0, 8, 0, 2);
        double ritz2 = (basis.Transpose() * h * basis).Evd(Symmetricity.Symmetric).EigenValues.Min(z => z.Real);
        Assert.Equal(ritz2, two.Value, 1e-12);
        Assert.True(two.Value < one.Value);
        Assert.Equal(3, two.Iterations);

        // No step at all: the start's Rayleigh quotient with the residual product only.
        var none = Lanczos.MinEigenvalue(Apply(h), 8, new LanczosSettings(MaxIterations: 0, Seed: new Seed(7)));
        Assert.Equal(Rayleigh(h, start.ToArray()), none.Value, 1e-13);
        Assert.Equal(1, none.Iterations);

        // Another seed, another start.
        var other = new List<double[]>();
        Lanczos.MinEigenvalue(Apply(h, other), 8, new LanczosSettings(MaxIterations: 1, Seed: new Seed(8)));
        Assert.NotEqual(inputs[0], other[0]);
    }

    [Fact]
    public void StopsAtTheFirstStepWhoseRitzResidualMeetsTheTolerance()
    {
        // λ = −1 and 59 eigenvalues spread over [1, 15]: ‖T‖_∞ ≈ 16 while |θ| ≈ 1, and the residual falls by a modest
        // factor per step, so a threshold off by |θ|/‖T‖ or ‖T‖² stops at another step.
        const int d = 60;
        var h = Diagonal([-1.0, .. Enumerable.Range(0, d - 1).Select(i => 1 + 14.0 * i / (d - 2))]);
        var inputs = new List<double[]>();
        var full = Lanczos.MinEigenvalue(Apply(h, inputs), d, new LanczosSettings(RelativeTolerance: 1e-15, Seed: new Seed(3)));
        int steps = full.Iterations - 1;
        Assert.True(steps >= 12, $"{steps} steps");

        // Rayleigh–Ritz on the first m recorded Krylov vectors: θ_m, its residual ‖Hy − θy‖ and max(|θ_m|, ‖T_m‖_∞).
        var ratio = new double[steps + 1];
        for (int m = 1; m <= steps; m++)
        {
            var q = Matrix<double>.Build.DenseOfColumnArrays(inputs.Take(m));
            var t = q.Transpose() * h * q;
            var evd = t.Evd(Symmetricity.Symmetric);
            var values = evd.EigenValues.Select(z => z.Real).ToArray();
            int k = Array.IndexOf(values, values.Min());
            var y = q * evd.EigenVectors.Column(k);
            double residual = (h * y - values[k] * y).L2Norm();
            ratio[m] = residual / Math.Max(Math.Abs(values[k]), t.InfinityNorm());
        }
        int stop = Enumerable.Range(1, steps).First(m => ratio[m] < 1e-6);
        double tolerance = 1.1 * ratio[stop];
        for (int m = 1; m < stop; m++)
        {
            Assert.True(ratio[m] > 2 * tolerance, $"step {m}: {ratio[m]} too close to the threshold {tolerance}");
        }

        var est = Lanczos.MinEigenvalue(Apply(h), d, new LanczosSettings(RelativeTolerance: tolerance, Seed: new Seed(3)));
        Assert.Equal(stop + 1, est.Iterations);
        Assert.True(est.Converged);
        Assert.InRange(-1.0, est.Lower, est.Upper);
    }

    [Fact]
    public void AnInvariantSubspaceStops_EvenAtToleranceZero()
    {
        // H = 10⁶·I: Hv ∥ v, so β_1 is rounding (≈ 10⁻¹⁰ ≤ 10⁻¹⁴·10⁶) and the first step is the last.
        var est = Lanczos.MinEigenvalue(Matrix<double>.Build.DenseIdentity(25) * 1e6, new LanczosSettings(RelativeTolerance: 0, Seed: new Seed(2)));
        Assert.Equal(2, est.Iterations);
        Assert.Equal(1e6, est.Value, 1e-9);
        Assert.InRange(1e6, est.Lower, est.Upper);
    }

    [Fact]
    public void Residual_IsTheRecomputedResidualPlusGammaDPlus2TimesTheProductScale()
    {
        // H = 2I (d = 25): Hx = 2x exactly, θ = 2xᵀx, ‖Hx − θx‖ is rounding; the slack γ_27·(‖Hx‖ + |θ|) ≈ 1.2e−14 dominates.
        const int d = 25;
        var h = Matrix<double>.Build.DenseIdentity(d) * 2;
        var est = Lanczos.MinEigenvalue(h, new LanczosSettings(Seed: new Seed(4)));
        var x = Vector<double>.Build.DenseOfArray(est.Vector);
        var hx = h * x;
        double rq = x.DotProduct(hx);
        double residual = (hx - rq * x).L2Norm();
        double slack = Tolerance.Gamma(d + 2) * (hx.L2Norm() + Math.Abs(rq));
        Assert.Equal(rq, est.Value, 1e-15);
        Assert.Equal(residual + slack, est.Residual, 5e-16);
        Assert.Equal(rq - residual - slack, est.Lower, 1e-15);
        Assert.Equal(rq + slack, est.Upper, 1e-15);
        Assert.InRange(2.0, est.Lower, est.Upper);
    }

    [Fact]
    public void Converged_IsRelativeToTheEigenvalue_ForAShiftedSpectrum()
    {
        // H = 1000·I + diag(−1, 1 … 15), d = 60: λ_min = 999 with a relative gap of 2/14, so the run stops well before d
        // products (tolerance relative to ‖T‖ ≈ 1016), and the final residual is far below 100·tol·|θ| ≈ 1e−5.
        const int d = 60;
        var h = Diagonal([999.0, .. Enumerable.Range(0, d - 1).Select(i => 1001 + 14.0 * i / (d - 2))]);
        var est = Lanczos.MinEigenvalue(h, new LanczosSettings(Seed: new Seed(6)));
        Assert.True(est.Iterations - 1 < d, $"{est.Iterations - 1} products: the flag must come from the residual, not from a full run");
        Assert.True(est.Converged, $"residual {est.Residual}");
        Assert.InRange(999.0, est.Lower, est.Upper);
        Assert.Equal(999.0, est.Value, 1e-9);
    }
    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-4)]
    [InlineData(0.01)]
    public void Converged_ForAnEigenvalueSmallAgainstTheNorm_NearAMinimum(double lambda0)
    {
        // diag(λ0, 1 … 15) repeated to d = 200: at most 16 distinct eigenvalues, so the Krylov space is invariant after ≤ 16
        // products and θ meets the stopping rule (residual ~1e−9 against tol·‖T‖ ≈ 1.5e−9). The flag measured the residual
        // against 100·tol·max(|θ|, ‖Hx‖) ≈ 100·tol·λ0 only, and said "not converged" here at λ0 = 0 (the case that fails
        // with the old flag; found by mutation testing of this class, 2026-12-07); it now uses the stopping rule's scale too.
        const int d = 200;
        var h = Diagonal([lambda0, .. Enumerable.Range(0, d - 1).Select(i => 1.0 + i % 15)]);
        var est = Lanczos.MinEigenvalue(h, new LanczosSettings(Seed: new Seed(7)));
        Assert.True(est.Iterations - 1 < d, $"{est.Iterations - 1} products");
        Assert.True(est.Converged, $"λ0 = {lambda0}: residual {est.Residual}, θ = {est.Value}");
        Assert.InRange(lambda0, est.Lower, est.Upper);
        Assert.Equal(lambda0, est.Value, 1e-8);
    }

    [Theory]
    [InlineData(1e-7)]
    [InlineData(1e-9)]
    [InlineData(1e-11)]
    public void ANearlyInvariantKrylovSpace_IsReorthogonalizedTwice_AndResolvesASplitCluster(double split)
    {
        // diag(−1, −1 + split, 1, 2, 3, 4) spread over d = 120 (each value 20 times): six distinct eigenvalues, the two lowest
        // `split` apart. After five products the Krylov space is invariant up to `split`, so β_5 is about split·‖H‖ and the
        // first Gram–Schmidt pass leaves components of size ε‖H‖/β_5 along the basis: only the second pass (the DGKS
        // criterion) restores orthogonality. λ_min = −1 must come out to rounding, below the split.
        const int d = 120;
        double[] values = [-1, -1 + split, 1, 2, 3, 4];
        var h = Diagonal([.. Enumerable.Range(0, d).Select(i => values[i % values.Length])]);
        var est = Lanczos.MinEigenvalue(h, new LanczosSettings(RelativeTolerance: 0, Seed: new Seed(12)));
        Assert.True(Math.Abs(est.Value + 1) <= 1e-13, $"split {split}: λ_min {est.Value:R}, error {est.Value + 1:G3}, {est.Iterations} HVPs");
        Assert.InRange(-1.0, est.Lower, est.Upper);
    }

    [Fact]
    public void Reorthogonalization_KeepsGhostsOut_OfAWideSpectrum()
    {
        // diag(−1, −0.99 … 1 (398 values), 10⁴), d = 400: the outlier 10⁴ converges in a few steps, and without
        // reorthogonalization its ghost copies reappear every few steps, each costing products before λ_min = −1 converges.
        // Measured (2026-12-07): 85 products with the reorthogonalization, 107 with ProjectOut removed; the bound sits between.
        const int d = 400;
        var h = Diagonal([-1.0, .. Enumerable.Range(0, d - 2).Select(i => -0.99 + 1.99 * i / (d - 3)), 1e4]);
        var est = Lanczos.MinEigenvalue(h, new LanczosSettings(Seed: new Seed(13)));
        Assert.True(est.Converged, $"residual {est.Residual}");
        Assert.True(est.Iterations <= 95, $"{est.Iterations} products: ghosts of the outlier slowed λ_min");
        Assert.Equal(-1.0, est.Value, 1e-10);
        Assert.InRange(-1.0, est.Lower, est.Upper);
    }
}
