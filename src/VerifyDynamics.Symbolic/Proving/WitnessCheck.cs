using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Symbolic.Evaluation;
using VerifyDynamics.Symbolic.Expressions;

namespace VerifyDynamics.Symbolic.Proving;

/// <summary>
/// The independent re-check every refuting point must pass before it counts: the point lies in the
/// domain and violates the claim, decided in exact rational arithmetic, or, where the claim needs
/// sqrt/exp/ln/real powers at irrational values, by guaranteed interval arithmetic at the point.
/// A point where the claim is undefined (e.g. Z3's 1/0 = 0) never refutes it.
/// </summary>
public static class WitnessCheck
{
    /// <summary>Whether <paramref name="point"/> refutes the obligation, and how that was decided.</summary>
    public static (bool Confirmed, string How) Confirm(ScalarObligation obligation, IReadOnlyDictionary<string, Rational> point)
    {
        if (obligation.Variables.Any(v => !point.ContainsKey(v.Name)))
        {
            return (false, "the point does not give every variable a value");
        }
        var formula = obligation.DomainImpliesClaim();
        switch (ExactEvaluator.TryEvaluate(formula, point))
        {
            case false:
                return (true, "re-checked in exact rational arithmetic");
            case true:
                return (false, "in exact rational arithmetic the claim holds at this point");
        }
        var truth = IntervalEvaluator.Evaluate(formula, IntervalEvaluator.PointBox(point));
        if (truth is { Value: Truth.False, IsGuaranteed: true })
        {
            return (true, "re-checked in guaranteed interval arithmetic (the point is exact, the functions enclosed)");
        }
        return (false, truth.Value == Truth.True
            ? "in interval arithmetic the claim holds at this point"
            : "the claim is undefined or too close to its boundary at this point to decide");
    }
}
