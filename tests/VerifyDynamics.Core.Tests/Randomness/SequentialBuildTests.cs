using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Randomness;
using Xunit;

namespace VerifyDynamics.Core.Tests.Randomness;

/// <summary>Seeded draws land in index order (column-major for matrices), whatever the size.</summary>
public sealed class SequentialBuildTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(100_000)]
    public void Vector_DrawsInIndexOrder(int length)
    {
        var a = new Rng(new Seed(5));
        var b = new Rng(new Seed(5));
        var v = SequentialBuild.Vector(length, _ => a.NextGaussian());
        for (int i = 0; i < length; i++)
        {
            Assert.Equal(b.NextGaussian(), v[i]);
        }
    }

    [Fact]
    public void Matrix_DrawsInColumnMajorOrder()
    {
        var a = new Rng(new Seed(6));
        var b = new Rng(new Seed(6));
        var m = SequentialBuild.Matrix(300, 200, (_, _) => a.NextDouble());
        for (int j = 0; j < 200; j++)
        {
            for (int i = 0; i < 300; i++)
            {
                Assert.Equal(b.NextDouble(), m[i, j]);
            }
        }
    }
}
