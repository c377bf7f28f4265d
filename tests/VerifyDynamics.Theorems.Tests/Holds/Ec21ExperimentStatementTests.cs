using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Testing;
using VerifyDynamics.Theorems.EC21;
using Xunit;

namespace VerifyDynamics.Theorems.Tests.Holds;

/// <summary>
/// EC21 Exp6/ExpH1 constructions and Prop8's horizon: the adapted CNN's stride-2 convolution is a convolution followed by
/// top-left subsampling; Prop8's default trials all pass the escape from the origin.
/// </summary>
public sealed class Ec21ExperimentStatementTests
{
    [Fact]
    public void StridedConvolution_IsConvolutionThenTopLeftSubsampling()
    {
        var rng = new Seed(11).CreateRng();
        int cin = 2, cout = 3, side = 9, k = 3, s = 2;
        var layer = StepSizeComparison.StridedConvolution(cin, cout, side, k, s, out int outSide);
        Assert.Equal(4, outSide);
        var w = Enumerable.Range(0, layer.ParameterCount).Select(_ => rng.NextGaussian()).ToArray();
        var x = Enumerable.Range(0, cin * side * side).Select(_ => rng.NextGaussian()).ToArray();
        var y = layer.ToMatrix(w) * MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(x);
        int full = side - k + 1; // stride-1 "valid" convolution, then keep the top-left entry of every s×s window
        for (int o = 0; o < cout; o++)
        {
            for (int i = 0; i < outSide; i++)
            {
                for (int j = 0; j < outSide; j++)
                {
                    int fi = s * i, fj = s * j;
                    Assert.True(fi < full && fj < full);
                    double direct = 0;
                    for (int c = 0; c < cin; c++)
                    {
                        for (int a = 0; a < k; a++)
                        {
                            for (int b = 0; b < k; b++)
                            {
                                direct += w[((o * cin + c) * k + a) * k + b] * x[c * side * side + (fi + a) * side + fj + b];
                            }
                        }
                    }
                    Assert.Equal(direct, y[o * outSide * outSide + i * outSide + j], 12);
                }
            }
        }
    }

    [Fact]
    public void Prop8_EveryDefaultTrialPassesTheEscapeFromTheOrigin()
    {
        var summary = StatementChecks.AssertHolds(Catalog.Get("EC21.Prop8"));
        var escaped = summary.ObservationSeries["escape passed (‖∇f‖ back to 1% of its peak before the cap)"];
        Assert.Equal(summary.Accepted, escaped.Count);
        Assert.All(escaped, e => Assert.True(e.Value == 1, $"trial {e.Trial} was still on the plateau at the cap"));
        // Near the bound: the statement's own utilization (bound (14) is about the escape, where it is approached).
        Assert.True(summary.Utilization.Value >= 0.5, summary.Utilization.Describe());
    }
}
