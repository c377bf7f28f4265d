using VerifyDynamics.Core.Dynamics;
using Xunit;

namespace VerifyDynamics.Core.Tests.Dynamics;

/// <summary>
/// The DOP853 driver's control flow against closed forms: on y' = const the embedded error estimates vanish, so the step
/// sequence is Hairer's starting step (HINIT, computed here by hand for a scalar problem) followed by growth at the maximal
/// ratio 6 (dop853.f FAC2); a forced first step over a jump in f is rejected and shrunk by the minimal ratio 0.333 (FAC1);
/// the number of f evaluations is 12 per fixed step plus 3 per dense-output step; every failure path has its outcome and message.
/// </summary>
public sealed class OdeSolverControlTests
{
    private static OdeProblem Constant(double y0, double t1) => new((t, y, dy) => dy[0] = 1, 0, [y0], t1, "y' = 1");

    private static OdeProblem Switch() => new((t, y, dy) => dy[0] = t > 2.5 ? 1e12 * Math.Pow(t - 2.5, 8) : 0, 0, [0.0], 4, "switch at 2.5");

    private static double[] Steps(OdeSolution sol) => [.. sol.Times.Zip(sol.Times.Skip(1), (a, b) => b - a)];

    /// <summary>The step sequence h_0, 6h_0, 36h_0, … (capped at hmax) until t + 1.01h reaches T1, then the remainder.</summary>
    private static List<double> ExpectedSixfold(double h0, double hmax, double t1)
    {
        var steps = new List<double>();
        double t = 0, h = h0;
        while (t + 1.01 * h < t1)
        {
            steps.Add(h);
            t += h;
            h = Math.Min(6 * h, hmax);
        }
        steps.Add(t1 - t);
        return steps;
    }

    private static void AssertSteps(List<double> expected, double[] actual)
    {
        Assert.Equal(expected.Count, actual.Length);
        for (int i = 0; i < expected.Count; i++)
        {
            // Times are sums of steps: each difference carries the rounding of t (≤ a few ulps of T1 = 10).
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-14 * Math.Max(1, expected[i]) + 1e-14, $"step {i}: {actual[i]:R}, expected {expected[i]:R}");
        }
    }

    /// <summary>
    /// On y' = 1 every stage slope is 1, so the embedded estimates are the rounding of Σ_s e_s and of Σ_s b_s − Σ bhh (≈ 1.6e−16
    /// and 4.8e−16); at rtol = atol = 1e−6 (sk ≥ 1e−6) that makes err ≤ h·8e−11 ≤ 1e−9, far below the (0.9/6)^8 ≈ 2.6e−7 under
    /// which the step ratio is clamped to its maximum 6.
    /// </summary>
    [Fact]
    public void ZeroErrorProblem_StartsWithHairersInitialStep_AndGrowsSixfold()
    {
        // HINIT for y' = 1, y(0) = 1: sk = atol + rtol·1, ‖f‖ = ‖y‖ = 1/sk, so h_0 = 0.01·‖y‖/‖f‖ = 0.01; the trial Euler step
        // changes nothing in f, so der2 = 0, der12 = ‖f‖ = 1/sk and h_1 = (0.01/der12)^{1/8}; the start is min(100·h_0, h_1, hmax).
        const double rtol = 1e-6, atol = 1e-6;
        double sk = atol + rtol;
        double h1 = Math.Pow(0.01 * sk, 1.0 / 8.0);
        double start = Math.Min(Math.Min(100 * 0.01, h1), 10);
        Assert.InRange(start, 0.1, 0.11);
        var sol = OdeSolver.Solve(Constant(1, 10), new OdeSettings(Rtol: rtol, Atol: atol));
        Assert.Equal(OdeOutcome.Success, sol.Outcome);
        AssertSteps(ExpectedSixfold(start, 10, 10), Steps(sol));
        Assert.Equal(0, sol.Statistics.RejectedSteps);
        Assert.Equal(10.0, sol.TEnd);
        Assert.Equal(11.0, sol.FinalState[0], 1e-13);
        // 1 evaluation at T0, 1 for HINIT's trial step, 11 stages + 1 FSAL per step, 3 dense-output stages per stored step.
        Assert.Equal(2 + 15 * sol.Statistics.AcceptedSteps, sol.Statistics.FunctionEvaluations);
    }

    [Fact]
    public void ZeroErrorProblem_FromAZeroState_StartsAtOneHundredTimesTheMicroStep()
    {
        // y(0) = 0: ‖y‖ = 0 ≤ 1e−10, so HINIT's first guess is 1e−6 and the start is min(100·1e−6, (0.01·atol)^{1/8} = 0.1) = 1e−4.
        var sol = OdeSolver.Solve(Constant(0, 10), new OdeSettings(Rtol: 1e-6, Atol: 1e-6, StoreDenseOutput: false));
        Assert.Equal(OdeOutcome.Success, sol.Outcome);
        AssertSteps(ExpectedSixfold(100 * 1e-6, 10, 10), Steps(sol));
        Assert.Equal(2 + 12 * sol.Statistics.AcceptedSteps, sol.Statistics.FunctionEvaluations);
    }

    [Fact]
    public void MaxStep_CapsTheStartAndTheGrowth()
    {
        var sol = OdeSolver.Solve(Constant(1, 10), new OdeSettings(Rtol: 1e-6, Atol: 1e-6, MaxStep: 0.5, InitialStep: 0.01));
        Assert.Equal(OdeOutcome.Success, sol.Outcome);
        AssertSteps(ExpectedSixfold(0.01, 0.5, 10), Steps(sol));
        var capped = OdeSolver.Solve(Constant(1, 10), new OdeSettings(MaxStep: 0.25, InitialStep: 3));
        Assert.Equal(0.25, capped.Times[1]);
        Assert.All(Steps(capped), h => Assert.True(h <= 0.25 + 1e-15, $"step {h}"));
        // The default cap is the whole interval.
        var whole = OdeSolver.Solve(Constant(1, 10), new OdeSettings(InitialStep: 30));
        Assert.Equal([0.0, 10.0], whole.Times);
    }

    [Fact]
    public void RejectedStep_ShrinksByTheMinimalRatio_AndTheStepAfterARejectionDoesNotGrow()
    {
        // f is 0 up to t = 2.5, then 1e12·(t − 2.5)^8 (C^7). The forced first step h = 3 has stages beyond 2.5: its error estimate is huge,
        // so h shrinks by the minimal ratio to 3·0.333 = 0.999 (h / (1/0.333)); [0, 0.999] is error-free and accepted; the next
        // step may not grow right after a rejection, so it is 0.999 again ([0.999, 1.998], error-free too).
        var sol = OdeSolver.Solve(Switch(), new OdeSettings(Rtol: 1e-10, Atol: 1e-12, InitialStep: 3));
        Assert.Equal(OdeOutcome.Success, sol.Outcome);
        double shrunk = 3 / (1 / 0.333);
        Assert.Equal(shrunk, sol.Times[1]);
        Assert.Equal(shrunk + shrunk, sol.Times[2]);
        Assert.True(sol.Statistics.RejectedSteps >= 1);
        // Evaluations: 1 at T0 (no HINIT: the start was given), 11 stages per attempted step, FSAL + 3 dense stages per accepted one.
        var s = sol.Statistics;
        Assert.Equal(1 + 11 * (s.AcceptedSteps + s.RejectedSteps) + 4 * s.AcceptedSteps, s.FunctionEvaluations);
        // y(4) = 1e12·1.5^9/9 (a sanity check at 1e−6 relative: rtol 1e−10 per step, f only C^7 at the switch).
        double exact = 1e12 * Math.Pow(1.5, 9) / 9;
        Assert.True(Math.Abs(sol.FinalState[0] - exact) <= 1e-6 * exact, $"y(4) = {sol.FinalState[0]:R}, exact {exact:R}");
    }

    [Fact]
    public void NonFiniteStage_IsARejection_ShrunkByTheMinimalRatio_UntilTheStepUnderflows()
    {
        // f is NaN beyond t = 1: the forced step 3 is rejected and multiplied by 0.333; steps then creep up to t = 1 until the
        // step is below 10u·t, which ends the run as a step-size underflow just before 1.
        var p = new OdeProblem((t, y, dy) => dy[0] = t > 1 ? double.NaN : 1, 0, [0.0], 4, "nan beyond 1");
        var sol = OdeSolver.Solve(p, new OdeSettings(InitialStep: 3));
        Assert.Equal(3 * 0.333, sol.Times[1]);
        Assert.Equal(OdeOutcome.StepSizeUnderflow, sol.Outcome);
        Assert.StartsWith("step size ", sol.Message);
        Assert.Contains(" underflowed at t = ", sol.Message);
        Assert.InRange(sol.TEnd, 1 - 1e-12, 1);
        Assert.Equal(sol.TEnd, sol.FinalState[0], 1e-12);
    }

    [Fact]
    public void FixedSteps_LandOnExactMultiples_AndCountTwelveEvaluationsPerStep()
    {
        var lean = OdeSolver.Solve(Constant(0, 1), OdeSettings.Fixed(4) with { StoreDenseOutput = false });
        Assert.Equal([0.0, 0.25, 0.5, 0.75, 1.0], lean.Times);
        Assert.Equal(1 + 12 * 4, lean.Statistics.FunctionEvaluations);
        Assert.Equal((4, 0), (lean.Statistics.AcceptedSteps, lean.Statistics.RejectedSteps));
        var dense = OdeSolver.Solve(Constant(0, 1), OdeSettings.Fixed(4));
        Assert.Equal(1 + 15 * 4, dense.Statistics.FunctionEvaluations);
        // Thirds are not exact in binary: t_k = T0 + k·h, and the last step ends exactly at T1.
        var thirds = OdeSolver.Solve(new OdeProblem((t, y, dy) => dy[0] = 1, 0.5, [0.0], 1.5), OdeSettings.Fixed(3));
        Assert.Equal([0.5, 0.5 + 1 * (1.0 / 3), 0.5 + 2 * (1.0 / 3), 1.5], thirds.Times);
    }

    [Fact]
    public void OutputTimes_AtAStepEnd_AreTheStepState_AndOnlyInteriorOnesCostDenseStages()
    {
        // Output times before T0 are skipped, T0 gives y0, a step end gives the accepted state without dense stages, an
        // interior time costs the 3 extra stages of its step.
        var f = new OdeProblem((t, y, dy) => dy[0] = Math.Cos(t), 0, [0.0], 1);
        var atEnds = OdeSolver.Solve(f, OdeSettings.Fixed(4) with { StoreDenseOutput = false, OutputTimes = [-1, 0, 0.5, 1] });
        Assert.Equal([0.0, 0.5, 1.0], atEnds.OutputTimes);
        Assert.Equal(0.0, atEnds.OutputStates[0][0]);
        Assert.Equal(atEnds.States[2], atEnds.OutputStates[1]);
        Assert.Equal(atEnds.FinalState, atEnds.OutputStates[2]);
        Assert.Equal(1 + 12 * 4, atEnds.Statistics.FunctionEvaluations);

        var inside = OdeSolver.Solve(f, OdeSettings.Fixed(4) with { StoreDenseOutput = false, OutputTimes = [0.3, 0.4] });
        Assert.Equal(1 + 12 * 4 + 3, inside.Statistics.FunctionEvaluations);
        Assert.Equal(Math.Sin(0.3), inside.OutputStates[0][0], 1e-9);
        Assert.Equal(Math.Sin(0.4), inside.OutputStates[1][0], 1e-9);
        Assert.Throws<InvalidOperationException>(() => inside.Evaluate(0.3));
    }

    [Fact]
    public void NonFiniteStart_IsReportedWithoutAStep()
    {
        var nanState = OdeSolver.Solve(new OdeProblem((t, y, dy) => dy[0] = 1, 0, [double.NaN], 1));
        Assert.Equal(OdeOutcome.NonFinite, nanState.Outcome);
        Assert.Equal("initial state is not finite at t = 0", nanState.Message);
        Assert.Single(nanState.Times);

        var nanSlope = OdeSolver.Solve(new OdeProblem((t, y, dy) => dy[0] = double.PositiveInfinity, 0, [1.0], 1));
        Assert.Equal(OdeOutcome.NonFinite, nanSlope.Outcome);
        Assert.Equal("f is not finite at t = 0 (‖y‖₂ = 1)", nanSlope.Message);
        Assert.Equal(1, nanSlope.Statistics.FunctionEvaluations);
    }

    [Fact]
    public void NonFiniteFixedStep_StopsAtTheStepStart()
    {
        var p = new OdeProblem((t, y, dy) => dy[0] = t > 0.55 ? double.NaN : 1, 0, [0.0], 1);
        var sol = OdeSolver.Solve(p, OdeSettings.Fixed(10));
        Assert.Equal(OdeOutcome.NonFinite, sol.Outcome);
        Assert.Equal(0.5, sol.TEnd, 1e-15);
        Assert.StartsWith("state stopped being finite in the step from t = 0.5 ", sol.Message);
    }

    [Fact]
    public void NonFiniteSlopeAtTheNewState_FailsTheStep()
    {
        // One fixed step: call 1 is f(T0), calls 2–12 the stages, call 13 the FSAL slope at (T1, y_new), made infinite here.
        int calls = 0;
        var p = new OdeProblem((t, y, dy) => dy[0] = ++calls == 13 ? double.NegativeInfinity : 1, 0, [0.0], 1);
        var sol = OdeSolver.Solve(p, OdeSettings.Fixed(1));
        Assert.Equal(13, calls);
        Assert.Equal(OdeOutcome.NonFinite, sol.Outcome);
        Assert.Equal("f stopped being finite at t = 1 (‖y‖₂ = 1)", sol.Message);
        Assert.Single(sol.Times);
    }

    [Fact]
    public void Observer_StopsTheRun_ExceptOnTheLastStep()
    {
        int seen = 0;
        var stopped = OdeSolver.Solve(Constant(0, 1), OdeSettings.Fixed(4), (t, y) => ++seen < 2);
        Assert.Equal(OdeOutcome.Stopped, stopped.Outcome);
        Assert.Equal("stopped by the observer at t = 0.5", stopped.Message);
        Assert.Equal([0.0, 0.25, 0.5], stopped.Times);

        var lastStep = OdeSolver.Solve(Constant(0, 1), OdeSettings.Fixed(4), (t, y) => t < 1);
        Assert.Equal(OdeOutcome.Success, lastStep.Outcome);
        Assert.Null(lastStep.Message);
        Assert.Equal(1.0, lastStep.TEnd);
    }

    [Fact]
    public void StepBudget_CountsAcceptedAndRejectedSteps()
    {
        var sol = OdeSolver.Solve(Switch(), new OdeSettings(InitialStep: 3, MaxSteps: 4));
        Assert.Equal(OdeOutcome.MaxStepsReached, sol.Outcome);
        Assert.Equal(4, sol.Statistics.AcceptedSteps + sol.Statistics.RejectedSteps);
        Assert.StartsWith("step budget 4 exhausted at t = ", sol.Message);
    }

    [Fact]
    public void InvalidProblemsAndSettings_AreRefused()
    {
        var p = Constant(1, 1);
        Assert.Throws<ArgumentException>(() => OdeSolver.Solve(p with { T1 = 0 }));
        Assert.Throws<ArgumentException>(() => OdeSolver.Solve(p with { T1 = double.NaN }));
        Assert.Throws<ArgumentException>(() => OdeSolver.Solve(p, new OdeSettings(Rtol: 0)));
        Assert.Throws<ArgumentException>(() => OdeSolver.Solve(p, new OdeSettings(Rtol: double.NaN)));
        Assert.Throws<ArgumentException>(() => OdeSolver.Solve(p, new OdeSettings(Atol: -1e-300)));
        Assert.True(OdeSolver.Solve(p, new OdeSettings(Atol: 0)).Succeeded);
        // Fixed steps need no tolerances.
        Assert.True(OdeSolver.Solve(p, new OdeSettings(Rtol: 0, Atol: -1, FixedSteps: 2)).Succeeded);
    }

    [Fact]
    public void Validation_IsTheMaxDeviationAtTheLooseSteps_AndNaNWhenARunFails()
    {
        var osc = new OdeProblem((t, y, dy) => { dy[0] = y[1]; dy[1] = -y[0]; }, 0, [1.0, 0.0], 6);
        var v = OdeSolver.SolveValidated(osc, new OdeSettings(Rtol: 1e-7, Atol: 1e-9), tightening: 1000);
        Assert.Equal(1e-10, v.Reference.Settings.Rtol, 1e-25);
        Assert.Equal(1e-12, v.Reference.Settings.Atol, 1e-27);
        double max = 0;
        for (int i = 0; i < v.Solution.Times.Count; i++)
        {
            var r = v.Reference.Evaluate(v.Solution.Times[i]);
            max = Math.Max(max, Math.Max(Math.Abs(r[0] - v.Solution.States[i][0]), Math.Abs(r[1] - v.Solution.States[i][1])));
        }
        Assert.Equal(max, v.MaxDeviation);
        Assert.True(max > 0);
        // Against the closed form cos t: the deviation is within a factor 10 of the loose run's true error at T1.
        Assert.InRange(Math.Abs(v.Solution.FinalState[0] - Math.Cos(6)), 0, 10 * v.MaxDeviation);

        var blowUp = OdeSolver.SolveValidated(new OdeProblem((t, y, dy) => dy[0] = y[0] * y[0], 0, [1.0], 2), new OdeSettings(MaxSteps: 3000));
        Assert.False(blowUp.Succeeded);
        Assert.True(double.IsNaN(blowUp.MaxDeviation));
    }
}
