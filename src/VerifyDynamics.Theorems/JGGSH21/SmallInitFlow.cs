using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// Gradient flow θ̇ = −∇C^NN(θ) of a deep linear network (Core's <see cref="DeepLinearCost"/>) with Core's DOP853
/// (<see cref="OdeSolver"/>), for the small-initialization statements of JGGSH21 Sec 3.2 (Thm 4, Conj 3, figures).
/// A first pass may fix the end time with a stopping rule (e.g. "a cost crossing was seen: go on for T_+ more");
/// the run on [0, T_end] is then validated by <see cref="OdeSolver.SolveValidated"/> (rtol and rtol/100): the returned
/// path is the tighter run, its error the max-norm deviation between the two runs. Steps grow on plateaus, so the
/// α^{−(L−2)}-long escapes of deep networks cost few steps.
/// </summary>
public static class SmallInitFlow
{
    private static readonly VectorBuilder<double> V = Vector<double>.Build;

    /// <summary>A validated gradient-flow path with dense output.</summary>
    public sealed record Path(DeepLinearCost Net, OdeSolution Reference, double Error)
    {
        public double TEnd => Reference.TEnd;

        public Vector<double> Theta(double t) => V.Dense(Reference.Evaluate(Math.Clamp(t, 0, TEnd)));

        public Matrix<double> EndToEnd(double t) => Net.EndToEnd(Theta(t));

        public double Cost(double t) => Net.Value(Theta(t));

        /// <summary>
        /// The first time the cost reaches <paramref name="level"/>: the first step point at or below it, then bisection
        /// on the dense output inside that step (the cost is non-increasing along a gradient flow, so the bracket is valid).
        /// Null when the level is never reached.
        /// </summary>
        public double? FirstCostBelow(double level)
        {
            var times = Reference.Times;
            for (int i = 0; i < times.Count; i++)
            {
                if (Net.Value(V.Dense(Reference.States[i])) <= level)
                {
                    if (i == 0)
                    {
                        return 0;
                    }
                    double lo = times[i - 1], hi = times[i];
                    for (int k = 0; k < 60 && hi - lo > 1e-15 * Math.Max(1, hi); k++)
                    {
                        double mid = 0.5 * (lo + hi);
                        if (Cost(mid) <= level)
                        {
                            hi = mid;
                        }
                        else
                        {
                            lo = mid;
                        }
                    }
                    return hi;
                }
            }
            return null;
        }

        /// <summary>
        /// First-order bound on ‖A_θ − A_θ'‖_F when ‖θ − θ'‖_∞ ≤ Error: Σ_ℓ Π_{k≠ℓ}(‖W_k‖_F + δ_k)·δ_ℓ with
        /// δ_ℓ = √(n_ℓn_{ℓ−1})·Error (the product rule; exact as an upper bound, not first-order only).
        /// </summary>
        public double EndToEndError(double t)
        {
            var layers = Net.Layers(Theta(t));
            double total = 0;
            for (int l = 0; l < layers.Length; l++)
            {
                double term = Math.Sqrt(layers[l].RowCount * layers[l].ColumnCount) * Error;
                for (int k = 0; k < layers.Length; k++)
                {
                    if (k != l)
                    {
                        term *= layers[k].FrobeniusNorm() + Math.Sqrt(layers[k].RowCount * layers[k].ColumnCount) * Error;
                    }
                }
                total += term;
            }
            return total;
        }
    }

    /// <summary>DOP853 relative tolerance: 1e−8 (Standard), 1e−10 (Confirm); the reference run uses /100.</summary>
    public static double Rtol(Precision precision) => precision == Precision.Confirm ? 1e-10 : 1e-8;

    /// <summary>
    /// Solves the flow from θ_0. <paramref name="endTime"/> is asked after every accepted step of a first pass; once it
    /// returns a time, the pass stops there and that time is the end of the validated run (else <paramref name="tMax"/>).
    /// The absolute tolerance is rtol·10^{−2}·‖θ_0‖_∞, far below the size of the (small) initialization. Null when a run fails.
    /// </summary>
    public static Path? Solve(DeepLinearCost net, Vector<double> theta0, double tMax, Precision precision,
        Func<double, Vector<double>, double?>? endTime = null, int maxSteps = 200_000)
    {
        double rtol = Rtol(precision);
        double atol = rtol * 1e-2 * Math.Max(theta0.AbsoluteMaximum(), 1e-300);
        var settings = new OdeSettings(rtol, atol, MaxSteps: maxSteps);
        void F(double t, double[] y, double[] dy)
        {
            var g = net.Gradient(V.Dense(y));
            for (int i = 0; i < dy.Length; i++)
            {
                dy[i] = -g[i];
            }
        }
        double tEnd = tMax;
        if (endTime is not null)
        {
            double? wanted = null;
            var first = OdeSolver.Solve(new OdeProblem(F, 0, theta0.ToArray(), tMax, "jggsh21 gradient flow (first pass)"),
                settings with { StoreDenseOutput = false },
                (t, y) =>
                {
                    wanted ??= endTime(t, V.Dense(y));
                    return wanted is not { } w || t < w;
                });
            if (first.Outcome is not (OdeOutcome.Success or OdeOutcome.Stopped))
            {
                return null;
            }
            tEnd = Math.Min(tMax, wanted ?? tMax);
        }
        var run = OdeSolver.SolveValidated(new OdeProblem(F, 0, theta0.ToArray(), tEnd, "jggsh21 gradient flow"), settings);
        return run.Succeeded && double.IsFinite(run.MaxDeviation) ? new Path(net, run.Reference, run.MaxDeviation) : null;
    }

    /// <summary>A unit direction ρ_0 ∈ S^{P−1} (normalized Gaussian) drawn from a seed.</summary>
    public static Vector<double> Direction(Core.Randomness.Rng rng, int count) => EscapeNumerics.UnitVector(rng, count);
}
