using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;

namespace VerifyDynamics.Core.Dynamics;

/// <summary>What a gradient-descent run did, with the step at which it stopped and why.</summary>
public enum DescentOutcome
{
    /// <summary>All requested steps were taken.</summary>
    Completed,
    /// <summary>A weight or the loss stopped being finite; <see cref="GradientDescentRun.Steps"/> is the last finite step.</summary>
    Diverged,
    /// <summary>The observer asked to stop.</summary>
    Stopped,
}

public sealed record GradientDescentRun(DeepLinearNetwork Final, int Steps, DescentOutcome Outcome, string? Message);

/// <summary>
/// Gradient descent on ½‖W_{1:N} − Φ‖_F² (ACGH19 Eq. 4) with a cancellation-free loss difference:
/// for steps whose relative decrease is near machine precision, ℓ(t+1) − ℓ(t) is computed as
/// ⟨G, ΔW⟩ + ½‖ΔW‖_F² with ΔW telescoped layer by layer (catalog, Thm 1 "Precision").
/// </summary>
public static class GradientDescent
{
    /// <summary>
    /// Runs up to <paramref name="steps"/> steps. The observer sees (t, network at t, network at t+1)
    /// after each step and returns false to stop.
    /// </summary>
    public static GradientDescentRun Run(
        DeepLinearNetwork start,
        Matrix<double> target,
        double eta,
        int steps,
        Func<int, DeepLinearNetwork, DeepLinearNetwork, bool>? observer = null)
    {
        if (observer is null)
        {
            return RunFast(start, target, eta, steps);
        }
        var current = start;
        for (int t = 0; t < steps; t++)
        {
            var next = current.GradientStep(target, eta);
            if (!next.IsFinite())
            {
                return new GradientDescentRun(current, t, DescentOutcome.Diverged,
                    $"weights stopped being finite at step {t + 1} (‖W_1:N‖_F was {current.EndToEnd().FrobeniusNorm():G6} at step {t})");
            }
            if (observer is not null && !observer(t, current, next))
            {
                return new GradientDescentRun(next, t + 1, DescentOutcome.Stopped, null);
            }
            current = next;
        }
        return new GradientDescentRun(current, steps, DescentOutcome.Completed, null);
    }

    private static GradientDescentRun RunFast(DeepLinearNetwork start, Matrix<double> target, double eta, int steps)
    {
        var kernel = new DeepLinearDescentKernel(start, target);
        for (int t = 0; t < steps; t++)
        {
            if (!kernel.Step(eta))
            {
                return new GradientDescentRun(kernel.ToNetwork(), t, DescentOutcome.Diverged,
                    $"the loss stopped being finite at step {t} (it was {kernel.LastLoss:G6})");
            }
        }
        var final = kernel.ToNetwork();
        if (!final.IsFinite())
        {
            return new GradientDescentRun(final, steps, DescentOutcome.Diverged, $"weights stopped being finite by step {steps}");
        }
        return new GradientDescentRun(final, steps, DescentOutcome.Completed, null);
    }

    /// <summary>
    /// ΔW = W_{1:N}(t+1) − W_{1:N}(t) = Σ_j W_N(t+1)⋯W_{j+1}(t+1)(W_j(t+1) − W_j(t))W_{j−1}(t)⋯W_1(t),
    /// formed without subtracting two nearly equal products.
    /// </summary>
    public static Matrix<double> EndToEndIncrement(DeepLinearNetwork before, DeepLinearNetwork after)
    {
        int n = before.Depth;
        Matrix<double>? sum = null;
        for (int j = 1; j <= n; j++)
        {
            var term = after.Product(j + 1, n) * (after[j] - before[j]) * before.Product(1, j - 1);
            sum = sum is null ? term : sum + term;
        }
        return sum!;
    }

    /// <summary>ℓ(t+1) − ℓ(t) = ⟨G, ΔW⟩ + ½‖ΔW‖_F² with G = W_{1:N}(t) − Φ.</summary>
    public static double LossDifference(DeepLinearNetwork before, DeepLinearNetwork after, Matrix<double> target)
    {
        var g = before.EndToEnd() - target;
        var dw = EndToEndIncrement(before, after);
        double f = dw.FrobeniusNorm();
        return g.PointwiseMultiply(dw).Enumerate().Sum() + 0.5 * f * f;
    }
}
