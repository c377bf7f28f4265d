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
/// Where the margin's gradient is itself tight at that corner, a monotonicity test (the sign of a
/// partial derivative, found recursively up to second order) reduces the box to a face.
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
        var margins = new Dictionary<Compare, Expr>(ReferenceEqualityComparer.Instance);
        var derivatives = new DerivativeCache();
        var queue = new Queue<Dictionary<string, Interval>>();
        queue.Enqueue(initial);
        int examined = 0, unsplittable = 0, unguaranteed = 0;
        while (queue.Count > 0)
        {
            // An interrupt stops the search (it is never turned into "unknown"): see ProverInterrupt.
            ProverInterrupt.ThrowIfRequested();
            if (examined >= budget)
            {
                return new(ProofStatus.Unknown, $"budget of {budget} boxes exhausted with {queue.Count + unsplittable} boxes undecided", examined);
            }
            var box = queue.Dequeue();
            examined++;
            var truth = IntervalEvaluator.Evaluate(formula, box, c => MeanValueMargin(c, box, names, gradients, margins, derivatives));
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
    private static Interval? MeanValueMargin(Compare c, Dictionary<string, Interval> box, string[] names, Dictionary<Compare, Expr?[]?> cache, Dictionary<Compare, Expr> margins, DerivativeCache derivatives)
    {
        if (!margins.TryGetValue(c, out var marginExpr))
        {
            marginExpr = new Sub(c.Right, c.Left);
            margins[c] = marginExpr;
        }
        var monotone = names.Length == 0 ? (Interval?)null : MonotoneEnclosure(marginExpr, box, names, MonotonicityDepth, derivatives);
        var meanValue = MeanValueForms(c, marginExpr, box, names, cache, derivatives);
        return (monotone, meanValue) switch
        {
            ({ IsDefined: true } m, { IsDefined: true } v) => IntervalMath.Intersect(m, v),
            ({ IsDefined: true } m, _) => m,
            (_, { } v) => v,
            _ => null,
        };
    }

    private static Interval? MeanValueForms(Compare c, Expr margin, Dictionary<string, Interval> box, string[] names, Dictionary<Compare, Expr?[]?> cache, DerivativeCache derivatives)
    {
        if (!cache.TryGetValue(c, out var gradient))
        {
            var parts = names.Select(n => derivatives.Of(margin, n)).ToArray();
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
            var value = IntervalEvaluator.Evaluate(margin, corner);
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

    /// <summary>How many derivatives deep <see cref="MonotoneEnclosure"/> looks for a sign.</summary>
    /// <remarks>
    /// Two levels decide claims whose margin and its first derivative both vanish at a corner
    /// (e^(−z) ≤ 1 − z + z²/2 at z = 0: the second derivative 1 − e^(−z) is ≥ 0, so the first is
    /// increasing from 0, so the margin is increasing from 0). Each level multiplies the work per box.
    /// </remarks>
    private const int MonotonicityDepth = 2;

    /// <summary>
    /// Enclosure of g on a box using monotonicity: when an enclosure of ∂g/∂xᵢ (found the same way, one
    /// level shallower) has a sign on the whole box, g is monotone in xᵢ there, so its range lies between
    /// its enclosures on the two faces xᵢ = lo and xᵢ = hi (which have one free variable fewer). Sound
    /// only where g is defined on the whole box, which the natural enclosure checks first; intersected
    /// with the natural enclosure.
    /// </summary>
    private static Interval MonotoneEnclosure(Expr g, Dictionary<string, Interval> box, string[] names, int depth, DerivativeCache derivatives)
    {
        var natural = IntervalEvaluator.Evaluate(g, box);
        if (depth == 0 || !natural.IsDefined)
        {
            return natural;
        }
        foreach (var name in names)
        {
            var x = box[name];
            if (!(x.Width > 0) || derivatives.Of(g, name) is not { } dg)
            {
                continue;
            }
            var slope = MonotoneEnclosure(dg, box, names, depth - 1, derivatives);
            if (!slope.IsDefined || (slope.Lo < 0 && slope.Hi > 0) || double.IsNaN(slope.Lo) || double.IsNaN(slope.Hi))
            {
                continue;
            }
            bool increasing = slope.Lo >= 0;
            var atLo = MonotoneEnclosure(g, new Dictionary<string, Interval>(box, StringComparer.Ordinal) { [name] = Interval.Point(x.Lo) }, names, depth, derivatives);
            var atHi = MonotoneEnclosure(g, new Dictionary<string, Interval>(box, StringComparer.Ordinal) { [name] = Interval.Point(x.Hi) }, names, depth, derivatives);
            if (!atLo.IsDefined || !atHi.IsDefined)
            {
                continue;
            }
            var (low, high) = increasing ? (atLo, atHi) : (atHi, atLo);
            var range = new Interval(low.Lo, high.Hi, true, slope.IsGuaranteed && low.IsGuaranteed && high.IsGuaranteed);
            return IntervalMath.Intersect(natural, range);
        }
        return natural;
    }

    /// <summary>Symbolic partial derivatives computed once per expression object and variable.</summary>
    private sealed class DerivativeCache
    {
        private readonly Dictionary<Expr, Dictionary<string, Expr?>> cache = new(ReferenceEqualityComparer.Instance);

        public Expr? Of(Expr g, string name)
        {
            if (!cache.TryGetValue(g, out var byName))
            {
                byName = new Dictionary<string, Expr?>(StringComparer.Ordinal);
                cache[g] = byName;
            }
            if (!byName.TryGetValue(name, out var d))
            {
                d = Derivative.Of(g, name);
                byName[name] = d;
            }
            return d;
        }
    }
}
