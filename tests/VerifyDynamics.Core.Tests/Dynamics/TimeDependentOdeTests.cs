using VerifyDynamics.Core.Dynamics;
using Xunit;
using T = VerifyDynamics.Core.Dynamics.RungeKuttaTableaus.Dop853;

namespace VerifyDynamics.Core.Tests.Dynamics;

/// <summary>
/// Non-autonomous ODEs pin the DOP853 nodes c_i (issue 15: a changed node went unnoticed because every tested ODE was
/// autonomous, where f never reads t). Checked against closed forms to 1e−10, with adaptive and fixed steps, and the
/// tableau's row-sum condition c_i = Σ_j a_ij.
/// </summary>
public sealed class TimeDependentOdeTests
{
    private static readonly OdeSettings Tight = new(Rtol: 1e-12, Atol: 1e-14);

    public static TheoryData<string> Problems() => ["cos t + 0·y", "t·y", "−2t·y from t0 = 1", "rotation with forcing", "t^7"];

    /// <summary>(problem, exact solution at t).</summary>
    private static (OdeProblem Problem, Func<double, double[]> Exact) Get(string name) => name switch
    {
        // y' = cos t + 0·y, y(0) = 0: y = sin t.
        "cos t + 0·y" => (new OdeProblem((t, y, dy) => dy[0] = Math.Cos(t) + 0 * y[0], 0, [0.0], 6, name), t => [Math.Sin(t)]),
        // y' = t·y, y(0) = 1: y = e^{t²/2}.
        "t·y" => (new OdeProblem((t, y, dy) => dy[0] = t * y[0], 0, [1.0], 2, name), t => [Math.Exp(t * t / 2)]),
        // y' = −2t·y, y(1) = 1: y = e^{1 − t²}.
        "−2t·y from t0 = 1" => (new OdeProblem((t, y, dy) => dy[0] = -2 * t * y[0], 1, [1.0], 2.5, name), t => [Math.Exp(1 - t * t)]),
        // u' = v, v' = −u + cos 2t: u = cos t − (cos 2t − cos t)/3 for u(0) = 1, v(0) = 0.
        "rotation with forcing" => (new OdeProblem((t, y, dy) => { dy[0] = y[1]; dy[1] = -y[0] + Math.Cos(2 * t); }, 0, [1.0, 0.0], 8, name),
            t => [Math.Cos(t) - (Math.Cos(2 * t) - Math.Cos(t)) / 3, -Math.Sin(t) + (2 * Math.Sin(2 * t) - Math.Sin(t)) / 3]),
        // y' = 8t^7, y(0) = 0: y = t^8 (a quadrature; DOP853 integrates degree ≤ 7 exactly per step only with the right nodes).
        "t^7" => (new OdeProblem((t, y, dy) => dy[0] = 8 * Math.Pow(t, 7), 0, [0.0], 1.5, name), t => [Math.Pow(t, 8)]),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Adaptive_MatchesTheClosedForm_To1e10(string name)
    {
        var (problem, exact) = Get(name);
        var sol = OdeSolver.Solve(problem, Tight);
        Assert.Equal(OdeOutcome.Success, sol.Outcome);
        var want = exact(problem.T1);
        for (int i = 0; i < want.Length; i++)
        {
            Assert.True(Math.Abs(sol.FinalState[i] - want[i]) <= 1e-10 * Math.Max(1, Math.Abs(want[i])),
                $"{name}: y{i}({problem.T1}) = {sol.FinalState[i]:R}, exact {want[i]:R}");
        }
        // Dense output at interior times too (it uses the dense-output nodes c_14..c_16).
        for (int j = 1; j < 10; j++)
        {
            double t = problem.T0 + (problem.T1 - problem.T0) * j / 10.3;
            var y = sol.Evaluate(t);
            var w = exact(t);
            for (int i = 0; i < w.Length; i++)
            {
                Assert.True(Math.Abs(y[i] - w[i]) <= 1e-9 * Math.Max(1, Math.Abs(w[i])), $"{name}: dense y{i}({t:R}) = {y[i]:R}, exact {w[i]:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void FixedSteps_MatchTheClosedForm(string name)
    {
        // 200 equal steps: an 8th-order method is at rounding level here; a wrong node drops the order on a t-dependent f.
        var (problem, exact) = Get(name);
        var sol = OdeSolver.Solve(problem, OdeSettings.Fixed(200));
        var want = exact(problem.T1);
        for (int i = 0; i < want.Length; i++)
        {
            Assert.True(Math.Abs(sol.FinalState[i] - want[i]) <= 1e-10 * Math.Max(1, Math.Abs(want[i])),
                $"{name}: fixed-step y{i}({problem.T1}) = {sol.FinalState[i]:R}, exact {want[i]:R}");
        }
    }

    [Fact]
    public void ObservedOrder_OnATimeDependentProblem_IsAboutEight()
    {
        double Error(int steps)
        {
            var sol = OdeSolver.Solve(new OdeProblem((t, y, dy) => dy[0] = t * y[0], 0, [1.0], 2), OdeSettings.Fixed(steps));
            return Math.Abs(sol.FinalState[0] - Math.Exp(2));
        }
        double order = Math.Log2(Error(8) / Error(16));
        Assert.InRange(order, 7.0, 9.5);
    }

    [Fact]
    public void Nodes_AreTheRowSumsOfTheRungeKuttaMatrix()
    {
        Assert.Equal(16, T.C.Length);
        Assert.Equal(0.0, T.C[0]);
        for (int s = 1; s < T.Stages; s++)
        {
            Assert.Equal(s, T.A[s].Length);
            Assert.True(Math.Abs(T.A[s].Sum() - T.C[s]) <= 1e-14, $"c_{s + 1} = {T.C[s]:R} but Σ_j a_{s + 1},j = {T.A[s].Sum():R}");
        }
        Assert.Equal(1.0, T.C[T.Stages - 1]);
        Assert.Equal(1.0, T.C[12]);
        Assert.True(Math.Abs(T.A14.Sum() - T.C[13]) <= 1e-14, $"c_14 = {T.C[13]:R}, row sum {T.A14.Sum():R}");
        Assert.True(Math.Abs(T.A15.Sum() - T.C[14]) <= 1e-14, $"c_15 = {T.C[14]:R}, row sum {T.A15.Sum():R}");
        Assert.True(Math.Abs(T.A16.Sum() - T.C[15]) <= 1e-14, $"c_16 = {T.C[15]:R}, row sum {T.A16.Sum():R}");
        // The weights sum to one and reproduce ∫₀¹ c^k = 1/(k+1) for k ≤ 7 (order conditions of the quadrature).
        for (int k = 0; k <= 7; k++)
        {
            double q = 0;
            for (int s = 0; s < T.Stages; s++)
            {
                q += T.B[s] * Math.Pow(T.C[s], k);
            }
            Assert.True(Math.Abs(q - 1.0 / (k + 1)) <= 1e-14, $"Σ b_i c_i^{k} = {q:R}, want 1/{k + 1}");
        }
    }
}
