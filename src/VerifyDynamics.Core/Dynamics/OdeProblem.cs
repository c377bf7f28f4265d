namespace VerifyDynamics.Core.Dynamics;

/// <summary>Right-hand side of y' = f(t, y): writes f(t, y) into <paramref name="dydt"/> (never aliases y).</summary>
public delegate void OdeFunction(double t, double[] y, double[] dydt);

/// <summary>An initial-value problem y' = f(t, y), y(T0) = Y0, to be solved on [T0, T1] (T1 &gt; T0).</summary>
public sealed record OdeProblem(OdeFunction F, double T0, double[] Y0, double T1, string Name = "ode")
{
    public int Dimension => Y0.Length;
}

/// <summary>
/// Integrator settings. Error control follows Hairer–Nørsett–Wanner (II.4): a step is accepted when
/// the scaled error ‖e_i / (Atol + Rtol·max(|y_i|, |y_new,i|))‖_RMS ≤ 1. With <see cref="FixedSteps"/> set,
/// the step size is (T1 − T0)/FixedSteps and no step is rejected (used for observed-order tests).
/// </summary>
/// <param name="Rtol">Relative tolerance (per component).</param>
/// <param name="Atol">Absolute tolerance (per component); must be ≪ the scale of the solution (e.g. a near-zero init).</param>
/// <param name="MaxSteps">Accepted + rejected step budget; exceeding it ends the run with <see cref="OdeOutcome.MaxStepsReached"/>.</param>
/// <param name="InitialStep">First trial step; 0 = Hairer's automatic choice (HNW II.4, "Starting step size").</param>
/// <param name="MaxStep">Largest step allowed (0 = T1 − T0).</param>
/// <param name="FixedSteps">If positive, take exactly this many equal steps without error control.</param>
/// <param name="StoreDenseOutput">Keep the 7th-order interpolant of every step so that <see cref="OdeSolution.Evaluate"/> works anywhere
/// (8·n doubles per step; switch off for large n and use <see cref="OutputTimes"/>).</param>
/// <param name="OutputTimes">Times at which the state is recorded via dense output (increasing, inside [T0, T1]).</param>
/// <param name="Tableau">An explicit method other than DOP853 (e.g. <see cref="RungeKuttaTableaus.ClassicalRk4"/>), fixed steps only;
/// dense output is then the cubic Hermite interpolant of the step's end values and slopes. Null = DOP853.</param>
/// <param name="StoreStates">Keep the state of every accepted step in <see cref="OdeSolution.States"/> (n doubles per step). When
/// false, <see cref="OdeSolution.Times"/> and <see cref="OdeSolution.States"/> hold T0 and the last two accepted steps only (enough
/// for <see cref="OdeSolution.FinalState"/> and <see cref="OdeSolution.HorizonBeforeStop"/>): long runs of large systems then
/// do not keep every state alive (62,000 steps × 2,816 parameters would be 1.4 GB).</param>
public sealed record OdeSettings(
    double Rtol = 1e-10,
    double Atol = 1e-12,
    int MaxSteps = 1_000_000,
    double InitialStep = 0,
    double MaxStep = 0,
    int FixedSteps = 0,
    bool StoreDenseOutput = true,
    IReadOnlyList<double>? OutputTimes = null,
    bool StoreStates = true,
    ExplicitTableau? Tableau = null)
{
    /// <summary>The catalog default for gradient-flow checks (EC21 catalog "GF integration"): rtol 1e−10, atol 1e−12.</summary>
    public static OdeSettings Default { get; } = new();

    /// <summary>The same settings with rtol and atol divided by <paramref name="factor"/> (reference runs, Precision.Confirm).</summary>
    public OdeSettings Tightened(double factor) => this with { Rtol = Rtol / factor, Atol = Atol / factor };

    /// <summary>Fixed-step mode with <paramref name="steps"/> equal steps.</summary>
    public static OdeSettings Fixed(int steps) => new(FixedSteps: steps);

    /// <summary><paramref name="steps"/> equal steps of an explicit method (e.g. classical RK4).</summary>
    public static OdeSettings Fixed(int steps, ExplicitTableau tableau) => new(FixedSteps: steps, Tableau: tableau);
}

/// <summary>How a run ended.</summary>
public enum OdeOutcome
{
    /// <summary>T1 was reached.</summary>
    Success,
    /// <summary>The step budget ran out before T1; the solution is valid on [T0, <see cref="OdeSolution.TEnd"/>].</summary>
    MaxStepsReached,
    /// <summary>The step size fell below 10·u·|t| (stiffness or a singularity, e.g. finite-time blow-up).</summary>
    StepSizeUnderflow,
    /// <summary>f or the state stopped being finite.</summary>
    NonFinite,
    /// <summary>The step observer asked to stop.</summary>
    Stopped,
}

/// <summary>Work counters of a run.</summary>
public sealed record OdeStatistics(int AcceptedSteps, int RejectedSteps, int FunctionEvaluations);
