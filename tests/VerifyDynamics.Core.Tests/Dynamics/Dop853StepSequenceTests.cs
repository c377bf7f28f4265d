using System.Text.Json;
using VerifyDynamics.Core.Dynamics;
using Xunit;

namespace VerifyDynamics.Core.Tests.Dynamics;

/// <summary>
/// OdeSolver's adaptive DOP853 against an independent replica of Hairer's driver (dop853.f: HINIT, the combined
/// 5th/3rd-order error norm, the step-ratio clamp [1/6, 1/0.333] with safety 0.9, no growth right after a rejection, the
/// 1.01 look-ahead to T1), written in numpy from the Fortran with scipy's copy of the coefficients
/// (<c>Dynamics/reference/dop853_replica.py</c>, which writes <c>dop853-steps.json</c>). On three problems whose error
/// estimates are not zero — a forced oscillator (time-dependent f), Van der Pol μ = 2, a stiff relaxation at a loose
/// tolerance that forces many rejections, and a five-component chain (the SIMD error-estimate path and its tail) — and on
/// f = 0 (HINIT's micro-step branch), the accepted step times, the rejected and evaluation counts and the local-error
/// proxy must agree. The earlier control tests saw only zero-error problems, where the error norm, HINIT's derivative
/// estimate and the step-ratio formula are invisible (the Core group-A Stryker run left 40 such mutants alive).
/// Tolerances: the counts must agree exactly. The two sides round differently (numpy's dot products vs the solver's stage
/// sums), and the error estimate e5 = Σ E5_s k_s cancels heavily, so err carries a relative rounding of u·cond (cond from
/// the replica, up to 1e16 on steps whose estimate is at rounding level); where the step ratio is not clamped h moves by
/// 1/8 of that, compounding along the run. The replica reports 10× that first-order prediction as timeTolerance
/// (3e−9 … 4e−5); the stiff run exceeded the first-order prediction by 97× (state differences feed back at the stability
/// boundary), so times are compared to max(1e−6·T1, timeTolerance): above every observed disagreement (≤ 3e−8) and far
/// below what a changed control law does (it moves h by percent and changes the counts). Final states to 1e−10 relative
/// (observed ≤ 2e−15), the local-error proxy to 1e−6 relative.
/// </summary>
public sealed class Dop853StepSequenceTests
{
    private static readonly Dictionary<string, (OdeProblem Problem, double Rtol, double Atol)> Problems = new()
    {
        ["forced-oscillator"] = (new OdeProblem((t, y, dy) => { dy[0] = y[1]; dy[1] = -y[0] + (0.5 * Math.Sin(2 * t)); }, 0, [1.0, 0.0], 10, "forced oscillator"), 1e-6, 1e-9),
        ["van-der-pol-mu2"] = (new OdeProblem((t, y, dy) => { dy[0] = y[1]; dy[1] = (2.0 * (1 - (y[0] * y[0])) * y[1]) - y[0]; }, 0, [2.0, 0.0], 6, "Van der Pol μ = 2"), 1e-8, 1e-10),
        ["stiff-relaxation"] = (new OdeProblem((t, y, dy) => dy[0] = -50.0 * (y[0] - Math.Cos(t)), 0, [0.0], 3, "stiff relaxation"), 1e-4, 1e-6),
        ["chain-5"] = (new OdeProblem(Chain5, 0, [1.0, 0.0, -1.0, 0.5, 0.25], 4, "chain of 5"), 1e-7, 1e-9),
        ["zero-slope"] = (new OdeProblem((t, y, dy) => dy[0] = 0, 0, [3.0], 1, "y' = 0"), 1e-6, 1e-9),
    };

    // Five components: the four-wide SIMD error-estimate path and its one-component tail both run.
    private static void Chain5(double t, double[] y, double[] dy)
    {
        for (int i = 0; i < 5; i++)
        {
            dy[i] = y[(i + 1) % 5] - (0.5 * y[i]) + (0.1 * Math.Sin((i + 1) * t));
        }
    }

    public static TheoryData<string> Names() => new(Problems.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void StepSequence_MatchesTheReplicaOfDop853f(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Dynamics", "reference", "dop853-steps.json")));
        var expected = json.RootElement.GetProperty(name);
        var (problem, rtol, atol) = Problems[name];
        var sol = OdeSolver.Solve(problem, new OdeSettings(Rtol: rtol, Atol: atol, StoreDenseOutput: false));
        Assert.Equal(OdeOutcome.Success, sol.Outcome);

        var times = expected.GetProperty("times").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(expected.GetProperty("accepted").GetInt32(), sol.Statistics.AcceptedSteps);
        Assert.Equal(expected.GetProperty("rejected").GetInt32(), sol.Statistics.RejectedSteps);
        Assert.Equal(expected.GetProperty("evaluations").GetInt32(), sol.Statistics.FunctionEvaluations);
        Assert.Equal(times.Length, sol.Times.Count);
        double timeTolerance = Math.Max(1e-6 * problem.T1, expected.GetProperty("timeTolerance").GetDouble());
        double worst = 0;
        for (int i = 0; i < times.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(sol.Times[i] - times[i]));
        }
        Assert.True(worst <= timeTolerance, $"{name}: step times differ by up to {worst:G3}, tolerance {timeTolerance:G3}");
        var final = expected.GetProperty("finalState").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (int k = 0; k < final.Length; k++)
        {
            Assert.True(Math.Abs(sol.FinalState[k] - final[k]) <= 1e-10 * Math.Max(1, Math.Abs(final[k])), $"{name}, y[{k}]: {sol.FinalState[k]:R}, replica {final[k]:R}");
        }
        double accumulated = expected.GetProperty("accumulatedLocalError").GetDouble();
        double max = expected.GetProperty("maxLocalError").GetDouble();
        Assert.True(Math.Abs(sol.AccumulatedLocalError - accumulated) <= 1e-6 * accumulated, $"{name}: accumulated {sol.AccumulatedLocalError:R}, replica {accumulated:R}");
        Assert.True(Math.Abs(sol.MaxLocalError - max) <= 1e-6 * max, $"{name}: max {sol.MaxLocalError:R}, replica {max:R}");
    }
}
