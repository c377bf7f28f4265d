using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;

namespace VerifyDynamics.Core.Dynamics;

/// <summary>
/// Gradient flow θ'(t) = −∇f(θ(t)) (EC21 Eq. 5 continuous side) integrated with DOP853.
/// <para>API: <c>GradientFlow.Solve(objective, θ0, T, settings)</c> → <see cref="GradientFlowSolution"/>
/// (θ(t) by dense output, f(θ(t)), invariant drift as an error signal); <c>GradientFlow.SolveValidated</c> adds the
/// reference run at tolerances /100. Objectives: <see cref="DeepLinearObjective"/>, <see cref="HomogeneousNetwork"/>.</para>
/// </summary>
public static class GradientFlow
{
    public static OdeProblem Problem(IDifferentiableObjective objective, double[] theta0, double tEnd)
    {
        if (objective is DeepLinearObjective deep)
        {
            // The problem owns its kernel: stage evaluations are allocation-free (one solve runs on one thread).
            return KernelProblem(deep.CreateKernel(), theta0, tEnd);
        }
        return new((t, y, dy) =>
        {
            var g = objective.Gradient(y);
            for (int i = 0; i < g.Length; i++)
            {
                dy[i] = -g[i];
            }
        }, 0, (double[])theta0.Clone(), tEnd, "gradient flow");
    }

    /// <summary>Gradient flow on a caller's kernel (e.g. <see cref="HomogeneousNetwork.CreateKernel"/>): stage evaluations in place.</summary>
    public static OdeProblem KernelProblem(IGradientKernel kernel, double[] theta0, double tEnd)
    {
        if (theta0.Length != kernel.Dimension)
        {
            throw new ArgumentException($"θ0 has {theta0.Length} entries, the kernel {kernel.Dimension}", nameof(theta0));
        }
        return new((t, y, dy) => kernel.NegativeGradient(y, dy), 0, (double[])theta0.Clone(), tEnd, "gradient flow");
    }

    /// <summary>
    /// <see cref="Solve(IDifferentiableObjective, double[], double, OdeSettings?, Func{double, double[], bool}?)"/> with the
    /// right-hand side evaluated by <paramref name="kernel"/> (which must compute <paramref name="objective"/>'s gradient;
    /// the objective gives the solution its loss and invariants).
    /// </summary>
    public static GradientFlowSolution SolveOnKernel(
        IDifferentiableObjective objective, IGradientKernel kernel, double[] theta0, double tEnd, OdeSettings? settings = null,
        Func<double, double[], bool>? onStep = null)
    {
        if (kernel.Dimension != objective.Dimension)
        {
            throw new ArgumentException($"the kernel has {kernel.Dimension} parameters, the objective {objective.Dimension}", nameof(kernel));
        }
        return new(objective, OdeSolver.Solve(KernelProblem(kernel, theta0, tEnd), settings, onStep), null);
    }

    /// <param name="objective">f and its gradient.</param>
    /// <param name="theta0">θ(0).</param>
    /// <param name="tEnd">Final time T.</param>
    /// <param name="settings">Default: rtol 1e−10, atol 1e−12 (catalog "GF integration").</param>
    /// <param name="onStep">Observer of accepted steps (t, θ); return false to stop (e.g. on leaving an activation region).</param>
    public static GradientFlowSolution Solve(
        IDifferentiableObjective objective, double[] theta0, double tEnd, OdeSettings? settings = null, Func<double, double[], bool>? onStep = null) =>
        new(objective, OdeSolver.Solve(Problem(objective, theta0, tEnd), settings, onStep), null);

    /// <summary>Solve plus a reference run with tolerances / <paramref name="tightening"/>; values come from the reference.</summary>
    public static GradientFlowSolution SolveValidated(
        IDifferentiableObjective objective, double[] theta0, double tEnd, OdeSettings? settings = null, double tightening = 100)
    {
        var v = OdeSolver.SolveValidated(Problem(objective, theta0, tEnd), settings, tightening);
        return new(objective, v.Reference, v);
    }
}

/// <summary>A gradient-flow trajectory: the ODE solution with the objective it follows.</summary>
public sealed class GradientFlowSolution
{
    private readonly double[] _invariants0;

    internal GradientFlowSolution(IDifferentiableObjective objective, OdeSolution ode, ValidatedOdeSolution? validation)
    {
        Objective = objective;
        Ode = ode;
        Validation = validation;
        _invariants0 = objective.Invariants(ode.Problem.Y0);
    }

    public IDifferentiableObjective Objective { get; }
    public OdeSolution Ode { get; }

    /// <summary>The loose/reference pair when solved with <see cref="GradientFlow.SolveValidated"/>.</summary>
    public ValidatedOdeSolution? Validation { get; }

    public bool Succeeded => Ode.Succeeded && (Validation?.Succeeded ?? true);
    public double TEnd => Ode.TEnd;
    public double[] FinalTheta => Ode.FinalState;

    /// <summary>θ(t) (dense output, or a stored output time).</summary>
    public double[] Theta(double t)
    {
        for (int i = 0; i < Ode.OutputTimes.Count; i++)
        {
            if (Ode.OutputTimes[i] == t)
            {
                return Ode.OutputStates[i];
            }
        }
        return Ode.Evaluate(t);
    }

    public double Loss(double t) => Objective.Value(Theta(t));

    /// <summary>max_k |I_k(θ) − I_k(θ(0))| for the objective's invariants (0 when it has none).</summary>
    public double InvariantDrift(double[] theta)
    {
        var inv = Objective.Invariants(theta);
        double m = 0;
        for (int k = 0; k < inv.Length; k++)
        {
            m = Math.Max(m, Math.Abs(inv[k] - _invariants0[k]));
        }
        return m;
    }

    /// <summary>Largest invariant drift over the accepted step points (balancedness drift for linear nets).</summary>
    public double MaxInvariantDrift() => Ode.States.Max(InvariantDrift);

    /// <summary>
    /// The error tolerance for θ(t): the validated deviation when available, else 10× the accumulated
    /// local error estimate (see <see cref="OdeSolution.AccumulatedLocalError"/> for its limits).
    /// </summary>
    public Tolerance ThetaTolerance() => Validation is { } v
        ? v.Tolerance
        : Ode.LocalErrorTolerance();
}

/// <summary>Gradient descent θ_{k+1} = θ_k − η∇f(θ_k) on any objective (EC21 Eq. 5 discrete side).</summary>
public static class ObjectiveGradientDescent
{
    /// <summary>
    /// Runs <paramref name="steps"/> steps; the observer sees (k, θ_k) for k = 0..steps (return false to stop).
    /// Returns the last finite iterate and the number of steps taken.
    /// </summary>
    public static (double[] Theta, int Steps, bool Diverged) Run(
        IDifferentiableObjective objective, double[] theta0, double eta, int steps, Func<int, double[], bool>? observer = null)
    {
        var theta = (double[])theta0.Clone();
        if (observer is not null && !observer(0, theta))
        {
            return (theta, 0, false);
        }
        for (int k = 0; k < steps; k++)
        {
            var next = VectorOps.AddScaled(theta, -eta, objective.Gradient(theta));
            if (!VectorOps.AllFinite(next))
            {
                return (theta, k, true);
            }
            theta = next;
            if (observer is not null && !observer(k + 1, theta))
            {
                return (theta, k + 1, false);
            }
        }
        return (theta, steps, false);
    }

    /// <summary>
    /// <see cref="Run(IDifferentiableObjective, double[], double, int, Func{int, double[], bool}?)"/> on an in-place kernel:
    /// the same update θ_{k+1} = θ_k + (−η)·∇f(θ_k) entry by entry, two iterate buffers and one gradient buffer in all.
    /// The observer's array is reused by later steps: clone what it keeps.
    /// </summary>
    public static (double[] Theta, int Steps, bool Diverged) RunOnKernel(
        IGradientKernel kernel, double[] theta0, double eta, int steps, Func<int, double[], bool>? observer = null)
    {
        if (theta0.Length != kernel.Dimension)
        {
            throw new ArgumentException($"θ0 has {theta0.Length} entries, the kernel {kernel.Dimension}", nameof(theta0));
        }
        var theta = (double[])theta0.Clone();
        var next = new double[theta.Length];
        var g = new double[theta.Length];
        if (observer is not null && !observer(0, theta))
        {
            return (theta, 0, false);
        }
        for (int k = 0; k < steps; k++)
        {
            kernel.ValueAndGradient(theta, g);
            bool finite = true;
            for (int i = 0; i < theta.Length; i++)
            {
                double x = theta[i] + -eta * g[i];
                next[i] = x;
                finite &= double.IsFinite(x);
            }
            if (!finite)
            {
                return (theta, k, true);
            }
            (theta, next) = (next, theta);
            if (observer is not null && !observer(k + 1, theta))
            {
                return (theta, k + 1, false);
            }
        }
        return (theta, steps, false);
    }
}
