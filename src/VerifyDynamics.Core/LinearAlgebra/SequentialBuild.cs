using MathNet.Numerics.LinearAlgebra;

namespace VerifyDynamics.Core.LinearAlgebra;

/// <summary>
/// Vectors and matrices filled by an initializer called in a fixed order (index order; column-major for matrices).
/// MathNet's <c>Vector.Build.Dense(n, init)</c> / <c>Matrix.Build.Dense(r, c, init)</c> may call <c>init</c> from several
/// threads for large sizes, so an initializer that draws from an <see cref="Randomness.Rng"/> would assign the draws to
/// entries in a thread-dependent order (observed: the same seed gave different θ in different processes). Every
/// initializer with side effects — random draws above all — goes through these instead.
/// </summary>
public static class SequentialBuild
{
    public static Vector<double> Vector(int length, Func<int, double> init)
    {
        var data = new double[length];
        for (int i = 0; i < length; i++)
        {
            data[i] = init(i);
        }
        return Vector<double>.Build.Dense(data);
    }

    public static Matrix<double> Matrix(int rows, int columns, Func<int, int, double> init)
    {
        var data = new double[rows * columns];
        for (int j = 0; j < columns; j++)
        {
            for (int i = 0; i < rows; i++)
            {
                data[j * rows + i] = init(i, j);
            }
        }
        return Matrix<double>.Build.Dense(rows, columns, data);
    }
}
