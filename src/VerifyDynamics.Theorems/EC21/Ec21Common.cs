using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// Paper-local helpers shared by the EC21 statements: source references, the factory for statements that cannot be
/// checked, the rescaling construction of Props 6/10/22 and margins with derived tolerances. Numerics (integrators,
/// networks, Hessians, finite differences, vector helpers) are Core's.
/// </summary>
public static class Ec21
{
    public static SourceRef Source(string location, string lines) => new(Papers.EC21, location, lines);

    public static StatementId Id(string name) => new(Papers.EC21, name);

    /// <summary>
    /// A statement that has no check of its own (a definition, a cited tool, a remark, an experiment
    /// left to the CLI): the reason says why and where the quantity it defines is exercised.
    /// </summary>
    public static Statement NotCheckable(string name, string location, string lines, StatementKind kind, string title, string text, string reason, StatementId? aliasOf = null) => new()
    {
        Id = Id(name),
        Source = Source(location, lines),
        Kind = kind,
        Title = title,
        Text = text,
        // A reason that says the check is simply not written yet makes the statement Pending (inconclusive), not "not checkable".
        Checkability = reason.StartsWith("Not yet encoded", StringComparison.Ordinal) ? Checkability.Pending : Checkability.NotCheckable,
        NotCheckableReason = reason,
        FormalisationNote = reason,
        AliasOf = aliasOf,
        Hypotheses = new Hypotheses("none (not checkable)", _ => Instance.OfScalars("none"), (_, _) => HypothesesCheck.Fail("not checkable: " + reason)),
        Conclusion = (_, _, _) => MarginSet.Of(Margin.Uncomputable("not checkable")),
        DefaultTrials = 0,
    };

    /// <summary>
    /// The rescaling constructions of Props 6/10/22: doubles a (a = 1, 2, …, 2^39) until the Rayleigh quotient
    /// Δᵀ∇²f(θ(a))Δ / ‖Δ‖² of the form at scale a is ≤ −c, and returns the last quotient, its error and a.
    /// </summary>
    public static (double Quotient, double Error, double A) DoubleScaleUntilCurvature(double c, Func<double, (double Value, double Error, double[] Delta)> formAt)
    {
        double a = 1, q = 0, err = 0;
        for (int i = 0; i < 40; i++, a *= 2)
        {
            var (v, e, delta) = formAt(a);
            double sq = VectorOps.Norm(delta) * VectorOps.Norm(delta);
            q = v / sq;
            err = e / sq;
            if (q <= -c)
            {
                break;
            }
        }
        return (q, err, a);
    }

    /// <summary>
    /// A margin "lhs ≤ rhs" with an explicitly derived tolerance. Shape: an identity checked as a deviation
    /// (rhs = 0 ≤ lhs, the "|a − b| ≤ 0" form) is an equality (use <see cref="Margin.Deviation"/> directly to give the
    /// sides' size); otherwise a bound with the larger side as scale (utilization lhs/rhs for 0 ≤ lhs ≤ rhs).
    /// </summary>
    public static Margin AtMost(string name, double lhs, double rhs, Tolerance tol) =>
        rhs == 0 && lhs >= 0
            ? Margin.Deviation(name, lhs, Math.Max(lhs, double.Epsilon), tol)
            : Margin.AtMost(name, lhs, rhs, tol);

    /// <summary>A margin "lhs ≥ rhs" with an explicitly derived tolerance.</summary>
    public static Margin AtLeast(string name, double lhs, double rhs, Tolerance tol) => AtMost(name, rhs, lhs, tol);
}
