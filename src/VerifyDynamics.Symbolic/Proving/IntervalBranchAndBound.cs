using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Symbolic.Evaluation;
using VerifyDynamics.Symbolic.Expressions;

namespace VerifyDynamics.Symbolic.Proving;

/// <summary>What the interval prover concluded.</summary>
public sealed record BranchAndBoundOutcome(ProofStatus Status, string Detail, int BoxesExamined, IReadOnlyDictionary<string, Rational>? Witness = null);

/// <summary>
/// Interval branch-and-bound for claims Z3 cannot decide (exp, ln, real powers). The domain's hull is
/// split breadth-first (widest variable in half) until the formula "domain ⇒ claim" is true on every
/// box in guaranteed interval arithmetic (proven), a point violates it and passes
/// <see cref="WitnessCheck"/> (refuted), or the box budget runs out (unknown).
/// <para>
/// Each comparison's margin is enclosed both naturally and by mean-value forms at the two extreme
/// corners of the box, f(X) ⊆ f(c) + Σ ∂ᵢf(X)·(Xᵢ − cᵢ); this is what proves claims that are tight at
/// a corner of the domain (1 − x ≤ e^(−x) at x = 0), where natural enclosures never separate.
/// </para>
/// </summary>
public static class IntervalBranchAndBound
{
    public static BranchAndBoundOutcome Decide(ScalarObligation obligation, int budget)
    {
        var names = obligation.Variables.Select(v => v.Name).ToArray();
        var initial = new Dictionary<string, Interval>(StringComparer.Ordinal);
        foreach (var v in obligation.Variables)
        {
            if (v.Lower is null || v.Upper is null)
            {
                return new(ProofStatus.Unknown, $"the interval prover needs a bounded domain, and '{v.Name}' is unbounded", 0);
            }
            var lo = IntervalEvaluator.Evaluate(v.Lower, initial);
            var hi = IntervalEvaluator.Evaluate(v.Upper, initial);
            if (!lo.IsDefined || !hi.IsDefined || !double.IsFinite(lo.Lo) || !double.IsFinite(hi.Hi))
            {
                return new(ProofStatus.Unknown, $"the bounds of '{v.Name}' could not be enclosed in finite intervals", 0);
            }
            if (lo.Lo > hi.Hi)
            {
                return new(ProofStatus.Proven, $"the domain of '{v.Name}' is empty, so the claim holds vacuously", 0);
            }
            initial[v.Name] = Interval.Of(lo.Lo, hi.Hi);
        }
        var formula = obligation.DomainImpliesClaim();
        var gradients = new Dictionary<Compare, Expr?[]?>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<Dictionary<string, Interval>>();
        queue.Enqueue(initial);
        int examined = 0, unsplittable = 0, unguaranteed = 0;
        while (queue.Count > 0)
        {
            if (examined >= budget)
            {
                return new(ProofStatus.Unknown, $"budget of {budget} boxes exhausted with {queue.Count + unsplittable} boxes undecided", examined);
            }
            var box = queue.Dequeue();
            examined++;
            var truth = IntervalEvaluator.Evaluate(formula, box, c => MeanValueMargin(c, box, names, gradients));
            if (truth.Value == Truth.True)
            {
                if (!truth.IsGuaranteed)
                {
                    unguaranteed++;
                }
                continue;
            }
            var midpoint = Midpoint(box, names);
            bool violatedAtMidpoint = truth.Value == Truth.False
                || !DoubleEvaluator.Evaluate(formula, midpoint.ToDictionary(kv => kv.Key, kv => kv.Value.ToDouble(), StringComparer.Ordinal));
            if (violatedAtMidpoint)
            {
                var (confirmed, how) = WitnessCheck.Confirm(obligation, midpoint);
                if (confirmed)
                {
                    return new(ProofStatus.Refuted, $"counterexample found after {examined} boxes, {how}", examined, midpoint);
                }
            }
            if (!Split(box, names, queue))
            {
                unsplittable++;
            }
        }
        if (unsplittable > 0 || unguaranteed > 0)
        {
            return new(ProofStatus.Unknown,
                unguaranteed > 0 ? $"{unguaranteed} boxes rest on non-guaranteed intervals" : $"{unsplittable} boxes reached double resolution undecided", examined);
        }
        return new(ProofStatus.Proven, $"the claim holds on all {examined} boxes in guaranteed interval arithmetic", examined);
    }

    private static Dictionary<string, Rational> Midpoint(Dictionary<string, Interval> box, string[] names) =>
        names.ToDictionary(n => n, n => (Rational.FromDouble(box[n].Lo) + Rational.FromDouble(box[n].Hi)) / Rational.Of(2), StringComparer.Ordinal);

    /// <summary>Bisects the widest variable at a double midpoint; false when no variable can be split further.</summary>
    private static bool Split(Dictionary<string, Interval> box, string[] names, Queue<Dictionary<string, Interval>> queue)
    {
        string? widest = null;
        double width = 0;
        foreach (var n in names)
        {
            var x = box[n];
            double mid = x.Lo / 2 + x.Hi / 2;
            if (x.Width > width && mid > x.Lo && mid < x.Hi)
            {
                width = x.Width;
                widest = n;
            }
        }
        if (widest is null)
        {
            return false;
        }
        var w = box[widest];
        double m = w.Lo / 2 + w.Hi / 2;
        var left = new Dictionary<string, Interval>(box, StringComparer.Ordinal) { [widest] = Interval.Of(w.Lo, m) };
        var right = new Dictionary<string, Interval>(box, StringComparer.Ordinal) { [widest] = Interval.Of(m, w.Hi) };
        queue.Enqueue(left);
        queue.Enqueue(right);
        return true;
    }

    /// <summary>Mean-value enclosures of right − left at the lower and upper corners, intersected; null when a derivative is unavailable.</summary>
    private static Interval? MeanValueMargin(Compare c, Dictionary<string, Interval> box, string[] names, Dictionary<Compare, Expr?[]?> cache)
    {
        if (!cache.TryGetValue(c, out var gradient))
        {
            Expr margin = new Sub(c.Right, c.Left);
            var parts = names.Select(n => Derivative.Of(margin, n)).ToArray();
            gradient = parts.Any(p => p is null) ? null : parts;
            cache[c] = gradient;
        }
        if (gradient is null || names.Length == 0)
        {
            return null;
        }
        var slopes = new Interval[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            slopes[i] = IntervalEvaluator.Evaluate(gradient[i]!, box);
            if (!slopes[i].IsDefined)
            {
                return null;
            }
        }
        Interval? result = null;
        foreach (bool upper in new[] { false, true })
        {
            var corner = names.ToDictionary(n => n, n => Interval.Point(upper ? box[n].Hi : box[n].Lo), StringComparer.Ordinal);
            var value = IntervalEvaluator.Evaluate(new Sub(c.Right, c.Left), corner);
            if (!value.IsDefined)
            {
                continue;
            }
            for (int i = 0; i < names.Length; i++)
            {
                value = IntervalMath.Add(value, IntervalMath.Mul(slopes[i], IntervalMath.Sub(box[names[i]], corner[names[i]])));
            }
            result = result is { } r ? IntervalMath.Intersect(r, value) : value;
        }
        return result;
    }
}
