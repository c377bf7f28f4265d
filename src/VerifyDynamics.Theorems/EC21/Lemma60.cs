using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 60 (App. I.12, L1545): (‖w‖^{1/n} + ε)^n ≤ ‖w‖ + 2nε for ‖w‖ ≤ 1 and ε ≤ 1/(2n).
/// Formalisation note: with y := ‖w‖^{1/n} ∈ [0, 1] the claim is the polynomial inequality (y + ε)^n ≤ y^n + 2nε (catalog S3);
/// checked in exact rational arithmetic at random rational (n, y, ε), including the corners y = 1, ε = 1/(2n). (The
/// universal statement per fixed n is an obligation for the Z3 bank.)
/// </summary>
public static class Lemma60
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma60"),
        Source = Ec21.Source("Lemma 60 (App. I.12)", "L1545–1564"),
        Kind = StatementKind.Lemma,
        Title = "(‖w‖^{1/n} + ε)^n ≤ ‖w‖ + 2nε",
        Text = "For ‖w‖ ≤ 1 and ε ∈ (0, 1/(2n)]: (‖w‖^{1/n} + ε)^n ≤ ‖w‖ + 2nε.",
        FormalisationNote = "Exact rationals at random (n ∈ 2..20, y ∈ [0,1], ε ∈ (0, 1/(2n)]); every 4th trial at the corner y = 1, ε = 1/(2n).",
        Fidelity = Fidelity.Full("exact rationals at sampled n ∈ 2..20, y ∈ [0, 1], ε ∈ (0, 1/(2n)], every 4th trial at the corner y = 1, ε = 1/(2n)"),
        Hypotheses = new Hypotheses("n ∈ 2..20, y = ‖w‖^{1/n} ∈ [0, 1], ε ∈ (0, 1/(2n)]", ctx =>
        {
            int n = ctx.Rng.NextInt(2, 20);
            bool corner = ctx.Index % 4 == 0;
            return Instance.OfScalars("scalar", ("n", n), ("y", corner ? 1 : ctx.Rng.NextDouble()), ("eps", corner ? 1.0 / (2 * n) : ctx.Rng.Uniform(1e-6, 1.0 / (2 * n))));
        }, (x, k) => HypothesesCheck.All((x.Scalar("y") is >= 0 and <= 1, "‖w‖ ≤ 1"), (x.Scalar("eps") > 0 && x.Scalar("eps") <= 1.0 / (2 * x.Scalar("n")) * (1 + 1e-15), "ε ≤ 1/(2n)"))),
        Conclusion = (x, k, p) => Conclude(x, 2),
        DefaultTrials = 64,
        Variants =
        [
            Variant.Mutant("FactorN", "2nε → nε: refuted at the corner y = 1, ε = 1/(2n) ((1 + 1/(2n))^n > 1.5)", s => s.WithConclusion((x, k, p) => Conclude(x, 1))),
        ],
    };

    private static MarginSet Conclude(Instance x, int factor)
    {
        int n = (int)x.Scalar("n");
        var y = Rational.FromDouble(x.Scalar("y"));
        // ε ≤ 1/(2n) exactly: take the rational nearest below when the double rounds above.
        var eps = Rational.FromDouble(x.Scalar("eps"));
        var cap = Rational.Of(1, 2 * n);
        if (eps > cap)
        {
            eps = cap;
        }
        var lhs = (y + eps).Pow(n);
        var rhs = y.Pow(n) + Rational.Of(factor * n) * eps;
        var diff = rhs - lhs;
        // Both sides share y^n: the bound's own size is the slack 2nε it allows (utilization ((y + ε)^n − y^n)/(2nε), at most
        // (1 + 1/(2n))^n − 1 ≈ 0.56–0.65 at the corner y = 1, ε = 1/(2n)).
        return MarginSet.Of(Margin.Bound("(y + ε)^n ≤ y^n + 2nε (exact)", diff.Sign >= 0 ? diff.ToDouble() : -Math.Max(Math.Abs(diff.ToDouble()), double.Epsilon), (Rational.Of(factor * n) * eps).ToDouble(), Tolerance.Exact));
    }
}
