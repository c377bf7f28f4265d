using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Costs;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// Algorithm A_{ε,T,η} of JGGSH21 Sec. 3.2.3 (L190–202), greedy width growth, layers in Core's order W_1..W_L.
/// Stage k+1 appends a unit along the top singular pair (u_1, v_1) of ∇C(A_θ̃): W_1 gets the row s·εv_1ᵀ, middle layers the
/// diagonal ε, W_L the column εu_1; then at most T GD steps of rate η (stopped early when ‖∇‖ ≤ gradientTolerance).
/// SIGN FIX: the printed initialization (s = +1) makes A(0) = +ε^L u_1v_1ᵀ, an ascent direction of C; the fixed version
/// uses s = −1, A(0) = −ε^L u_1v_1ᵀ, as in Thm 37. The algorithm as printed runs exactly T steps per stage: pass
/// gradientTolerance = 0 (a positive one stops early, which at the origin's stable ray hides the rounding-driven escape).
/// </summary>
public static class GreedyRankAlgorithm
{
    /// <summary>One finished stage: width k, its final cost, rank_τ(A), GD steps used, the end-to-end matrix and the final ‖∇‖.</summary>
    public sealed record Stage(int Width, double Cost, int Rank, int Steps, Matrix<double> EndToEnd, double GradientNorm = double.NaN);

    public static List<Stage> Run(IMatrixCost cost, int depth, double epsilon, double learningRate, int maxStepsPerStage,
        double gradientTolerance, int maxStages, bool printedSign = false, double rankThreshold = 1e-4, Action<int, int, Matrix<double>, double>? observer = null)
    {
        var stages = new List<Stage>();
        Matrix<double>[]? layers = null;
        double s = printedSign ? 1 : -1;
        int totalSteps = 0;
        for (int k = 1; k <= maxStages; k++)
        {
            var a = layers is null ? Matrix<double>.Build.Dense(cost.Rows, cost.Columns) : Product(layers);
            var svd = cost.Gradient(a).Svd(true);
            var u = svd.U.Column(0);
            var v = svd.VT.Row(0);
            layers = Grow(layers, depth, cost, epsilon, s * v, u);
            var net = new DeepLinearCost(cost, [cost.Columns, .. Enumerable.Repeat(k, depth - 1), cost.Rows]);
            var theta = net.ToVector(layers);
            int steps = 0;
            for (; steps < maxStepsPerStage; steps++)
            {
                var g = net.Gradient(theta);
                // gradientTolerance = 0 runs the T steps as printed (an exactly zero gradient leaves θ unchanged anyway).
                if (g.L2Norm() <= gradientTolerance)
                {
                    break;
                }
                theta -= learningRate * g;
                observer?.Invoke(k, totalSteps + steps, net.EndToEnd(theta), net.Value(theta));
            }
            totalSteps += steps;
            layers = net.Layers(theta);
            var end = net.EndToEnd(theta);
            stages.Add(new Stage(k, cost.Value(end), SchattenQuasinorm.Rank(end, rankThreshold), steps, end, net.Gradient(theta).L2Norm()));
            if (cost.Value(end) <= cost.Minimum + epsilon)
            {
                break;
            }
        }
        return stages;
    }

    private static Matrix<double> Product(Matrix<double>[] layers)
    {
        var p = layers[0];
        for (int i = 1; i < layers.Length; i++)
        {
            p = layers[i] * p;
        }
        return p;
    }

    private static Matrix<double>[] Grow(Matrix<double>[]? layers, int depth, IMatrixCost cost, double epsilon, Vector<double> row, Vector<double> column)
    {
        int k = layers is null ? 0 : layers[0].RowCount;
        var result = new Matrix<double>[depth];
        for (int l = 0; l < depth; l++)
        {
            int rows = l == depth - 1 ? cost.Rows : k + 1;
            int cols = l == 0 ? cost.Columns : k + 1;
            var m = Matrix<double>.Build.Dense(rows, cols);
            if (layers is not null)
            {
                m.SetSubMatrix(0, 0, layers[l]);
            }
            if (depth == 1)
            {
                m += epsilon * column.OuterProduct(row);
            }
            else if (l == 0)
            {
                m.SetRow(k, epsilon * row);
            }
            else if (l == depth - 1)
            {
                m.SetColumn(k, epsilon * column);
            }
            else
            {
                m[k, k] = epsilon;
            }
            result[l] = m;
        }
        return result;
    }
}
