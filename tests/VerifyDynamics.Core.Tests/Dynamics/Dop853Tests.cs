using VerifyDynamics.Core.Dynamics;
using Xunit;

namespace VerifyDynamics.Core.Tests.Dynamics;

public class Dop853Tests
{
    private static OdeProblem Decay(double lambda = -1.3, double t1 = 2) =>
        new((t, y, dy) => dy[0] = lambda * y[0], 0, [1.0], t1, "decay");

    // y'' = −ω² y as a first-order system; exact y = cos ωt, y' = −ω sin ωt.
    private static OdeProblem Oscillator(double omega = 2, double t1 = 10) =>
        new((t, y, dy) => { dy[0] = y[1]; dy[1] = -omega * omega * y[0]; }, 0, [1.0, 0.0], t1, "oscillator");

    // Logistic (a Riccati equation) y' = y(1 − y), y(0) = 0.1: y = 1/(1 + 9e^{−t}).
    private static OdeProblem Logistic(double t1 = 8) =>
        new((t, y, dy) => dy[0] = y[0] * (1 - y[0]), 0, [0.1], t1, "logistic");

    private static double LogisticExact(double t) => 1 / (1 + 9 * Math.Exp(-t));

    [Fact]
    public void ObservedOrderOnFixedStepsIsAboutEight()
    {
        // Errors with k and 2k steps on the oscillator; order = log2(e_k / e_2k). Step counts chosen so that
        // errors stay far above rounding (≈1e−14) and in the asymptotic regime.
        double Error(int steps)
        {
            var sol = OdeSolver.Solve(Oscillator(1, 10), OdeSettings.Fixed(steps));
            return Math.Abs(sol.FinalState[0] - Math.Cos(10));
        }
        double e1 = Error(20), e2 = Error(40);
        double order = Math.Log2(e1 / e2);
        Assert.InRange(order, 7.3, 9.0);
    }

    [Fact]
    public void ExponentialDecayMatchesClosedForm()
    {
        var sol = OdeSolver.Solve(Decay(), new OdeSettings(Rtol: 1e-12, Atol: 1e-14));
        Assert.Equal(OdeOutcome.Success, sol.Outcome);
        Assert.Equal(2.0, sol.TEnd);
        Assert.True(Math.Abs(sol.FinalState[0] - Math.Exp(-2.6)) < 1e-12);
        Assert.True(sol.Statistics.AcceptedSteps > 0);
        Assert.True(sol.Statistics.FunctionEvaluations >= 12 * sol.Statistics.AcceptedSteps);
    }

    [Fact]
    public void HarmonicOscillatorMatchesClosedFormAndConservesEnergyWithinTolerance()
    {
        var sol = OdeSolver.Solve(Oscillator(), new OdeSettings(Rtol: 1e-11, Atol: 1e-13));
        Assert.True(sol.Succeeded);
        Assert.True(Math.Abs(sol.FinalState[0] - Math.Cos(20)) < 1e-9);
        Assert.True(Math.Abs(sol.FinalState[1] + 2 * Math.Sin(20)) < 2e-9);
    }

    [Fact]
    public void LogisticMatchesClosedForm()
    {
        var sol = OdeSolver.Solve(Logistic(), new OdeSettings(Rtol: 1e-12, Atol: 1e-14));
        Assert.True(Math.Abs(sol.FinalState[0] - LogisticExact(8)) < 1e-12);
    }

    [Fact]
    public void DenseOutputIsAccurateBetweenSteps()
    {
        var sol = OdeSolver.Solve(Logistic(), new OdeSettings(Rtol: 1e-10, Atol: 1e-12));
        double worst = 0;
        for (int i = 0; i <= 400; i++)
        {
            double t = 8.0 * i / 400;
            worst = Math.Max(worst, Math.Abs(sol.Evaluate(t)[0] - LogisticExact(t)));
        }
        // The 7th-order interpolant is as accurate as the steps themselves (a few times the tolerance).
        Assert.True(worst < 1e-9, $"dense output error {worst}");
        var withOutput = OdeSolver.Solve(Logistic(), new OdeSettings(StoreDenseOutput: false, OutputTimes: [0, 1.5, 3.25, 8]));
        Assert.Equal(4, withOutput.OutputStates.Count);
        Assert.True(Math.Abs(withOutput.OutputStates[2][0] - LogisticExact(3.25)) < 1e-9);
    }

    [Fact]
    public void TwoTolerancesAgreeAndValidationReportsTheirDeviation()
    {
        var v = OdeSolver.SolveValidated(Oscillator(), new OdeSettings(Rtol: 1e-8, Atol: 1e-10));
        Assert.True(v.Succeeded);
        Assert.True(v.MaxDeviation < 1e-6, $"deviation {v.MaxDeviation}");
        // The deviation estimates the loose run's true error within a modest factor.
        double trueError = Math.Abs(v.Solution.FinalState[0] - Math.Cos(20));
        Assert.True(trueError <= 10 * v.MaxDeviation + 1e-15);
        Assert.True(Math.Abs(v.Reference.FinalState[0] - Math.Cos(20)) <= v.Tolerance.Absolute);
    }

    [Fact]
    public void BlowUpEndsWithAnExplainedOutcome()
    {
        // y' = y², y(0) = 1 blows up at t = 1.
        var sol = OdeSolver.Solve(new OdeProblem((t, y, dy) => dy[0] = y[0] * y[0], 0, [1.0], 2), new OdeSettings(MaxSteps: 5000));
        Assert.True(sol.Outcome != OdeOutcome.Success, $"{sol.Outcome} {sol.Message} {sol.TEnd} {sol.FinalState[0]}");
        Assert.NotNull(sol.Message);
        Assert.True(sol.TEnd < 1.0 + 1e-6, $"{sol.Outcome} {sol.Message} {sol.TEnd}");
    }

    [Fact]
    public void StepBudgetIsReported()
    {
        var sol = OdeSolver.Solve(Oscillator(2, 1000), new OdeSettings(MaxSteps: 10));
        Assert.Equal(OdeOutcome.MaxStepsReached, sol.Outcome);
        Assert.Contains("t =", sol.Message);
    }

    [Fact]
    public void VectorizedStages_GiveEveryComponentTheScalarTrajectory()
    {
        // Seven identical logistic components: 0–3 go through the four-wide stage sums, 4–6 through the scalar tail.
        // The stage sums use the scalar operations in the scalar order, so all seven agree bit for bit, at every step,
        // at the output times (dense output) and at the end. (A one-component solve is not bit-comparable: the error
        // norm sums seven equal terms, so its step sizes differ in the last bits.)
        var times = new[] { 0.5, 1.7, 4.0 };
        var seven = OdeSolver.Solve(
            new OdeProblem((t, y, dy) => { for (int i = 0; i < y.Length; i++) { dy[i] = y[i] * (1 - y[i]); } }, 0, [.. Enumerable.Repeat(0.1, 7)], 8),
            new OdeSettings(Rtol: 1e-9, Atol: 1e-12, InitialStep: 0.01, OutputTimes: times));
        Assert.True(seven.Succeeded);
        foreach (var state in seven.States.Concat(seven.OutputStates))
        {
            Assert.All(state, x => Assert.Equal(state[0], x));
        }
        Assert.Equal(times.Length, seven.OutputStates.Count);
        Assert.True(Math.Abs(seven.FinalState[0] - LogisticExact(8)) < 1e-8);
    }

    [Fact]
    public void OutputTimes_WithoutStoredDenseOutput_EvaluateExtraStagesOnlyForStepsThatContainOne()
    {
        var stored = OdeSolver.Solve(Logistic(8), new OdeSettings(Rtol: 1e-9, Atol: 1e-12));
        var lean = OdeSolver.Solve(Logistic(8), new OdeSettings(Rtol: 1e-9, Atol: 1e-12, StoreDenseOutput: false, OutputTimes: [3.0, 8.0]));
        Assert.Equal(stored.Times, lean.Times);
        Assert.Equal(stored.Evaluate(3.0)[0], lean.OutputStates[0][0]);
        Assert.Equal(stored.FinalState[0], lean.OutputStates[1][0]);
        // 12 + 1 evaluations per step (FSAL) plus 3 for the one step that contains t = 3.
        Assert.True(lean.Statistics.FunctionEvaluations < stored.Statistics.FunctionEvaluations);
    }

    [Fact]
    public void WithoutStoredStates_TheRunIsTheSameAndKeepsT0AndTheLastTwoSteps()
    {
        var all = OdeSolver.Solve(Oscillator(2, 10), new OdeSettings(Rtol: 1e-9, Atol: 1e-12, OutputTimes: [5.0]));
        var lean = OdeSolver.Solve(Oscillator(2, 10), new OdeSettings(Rtol: 1e-9, Atol: 1e-12, OutputTimes: [5.0], StoreDenseOutput: false, StoreStates: false));
        Assert.Equal([all.Times[0], all.Times[^2], all.Times[^1]], lean.Times);
        Assert.Equal(all.FinalState, lean.FinalState);
        Assert.Equal(all.States[^2], lean.States[1]);
        Assert.Equal(all.OutputStates[0], lean.OutputStates[0]);
        Assert.Equal(all.Statistics.AcceptedSteps, lean.Statistics.AcceptedSteps);
    }
}
