using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Dynamics;

namespace VerifyDynamics.Harness.Experiments;

/// <summary>
/// Transitional name for the two JGGSH21 experiments (Jggsh21SaddlesExperiment, Jggsh21L2MinimaExperiment), which still call
/// <c>StepHalvingRk4Flow.Integrate</c>: JGGSH21's step-halving RK4 moved to Core as <see cref="StepDoubling.Integrate"/> (same
/// parameters, bit-identical trajectories). Delete this file once those experiments call <see cref="StepDoubling"/> directly.
/// </summary>
internal static class StepHalvingRk4Flow
{
    public static StepDoubling.Result Integrate(
        Func<Vector<double>, Vector<double>> f,
        Vector<double> x0,
        double tEnd,
        double tolerance,
        Action<double, Vector<double>>? observer = null,
        IReadOnlyList<double>? outputTimes = null,
        Func<double, Vector<double>, bool>? stop = null,
        double initialStep = 1e-3,
        int maxSteps = 200_000) =>
        StepDoubling.Integrate(f, x0, tEnd, tolerance, observer, outputTimes, stop, initialStep, maxSteps);
}
