using System.Globalization;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Core.Statistics;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// Monte-Carlo plumbing shared by ACGH19's probabilistic statements (catalog §0 "Probabilistic checks"):
/// an instance carries its own draw seed and draw count, so a certificate replays the same draws; the
/// confirmation pass draws four times as many from an independent stream (seed.Split("confirm")).
/// A claim "P ≥ p0" becomes the margin CP-upper − p0 with tolerance 0 (refuted only if the one-sided
/// Clopper–Pearson upper bound at level 1e-3 is below p0); "P ≤ p0" becomes p0 − CP-lower.
/// </summary>
public static class MonteCarlo
{
    /// <summary>Level of every one-sided Clopper–Pearson bound (catalog §0).</summary>
    public static Rational Level { get; } = Rational.Of(1, 1000);

    /// <summary>Confirmation draws per standard draw: a 4× larger, independent sample halves the interval width.</summary>
    public const int ConfirmFactor = 4;

    /// <summary>A 52-bit draw seed from the trial's stream (exact as a double, so it survives the instance's JSON form).</summary>
    public static Instance WithDraws(this Instance instance, Rng rng, int draws) =>
        instance.WithScalar("mcSeed", rng.NextUInt64() >> 12).WithScalar("draws", draws);

    /// <summary>The draw stream of an instance at a precision: the standard stream, or an independent one for confirmation.</summary>
    public static Rng Stream(Instance x, Precision precision, string label = "")
    {
        var seed = new Seed((ulong)x.Scalar("mcSeed"));
        if (label.Length > 0)
        {
            seed = seed.Split(label);
        }
        return (precision == Precision.Confirm ? seed.Split("confirm") : seed).CreateRng();
    }

    public static int Draws(Instance x, Precision precision) =>
        (int)x.Scalar("draws") * (precision == Precision.Confirm ? ConfirmFactor : 1);

    /// <summary>Counts successes of a Bernoulli experiment over n draws.</summary>
    public static ProbabilityEstimate Estimate(int draws, Rng rng, Func<Rng, bool> success)
    {
        int k = 0;
        for (int i = 0; i < draws; i++)
        {
            k += success(rng) ? 1 : 0;
        }
        return new ProbabilityEstimate(k, draws);
    }
}

/// <summary>k successes in n draws with its one-sided Clopper–Pearson bounds at <see cref="MonteCarlo.Level"/>.</summary>
public sealed record ProbabilityEstimate(int Successes, int Draws)
{
    private static double Alpha => MonteCarlo.Level.ToDouble();

    public double Estimate => (double)Successes / Draws;

    public double Lower => ClopperPearson.Lower(Successes, Draws, Alpha);

    public double Upper => ClopperPearson.Upper(Successes, Draws, Alpha);

    /// <summary>Claim P ≥ p0: margin CP-upper − p0 (refuted only when even the upper bound is below p0).</summary>
    public Margin AtLeast(string name, double p0) =>
        Margin.AtLeast(name, Upper, p0, Tolerance.ValidatedEstimate(0, $"one-sided Clopper–Pearson upper bound at level {Fmt(Alpha)} (n = {Draws}, k = {Successes}): exact binomial confidence bound, valid with probability ≥ 1 − {Fmt(Alpha)}"));

    /// <summary>Claim P ≤ p0: margin p0 − CP-lower.</summary>
    public Margin AtMost(string name, double p0) =>
        Margin.AtMost(name, Lower, p0, Tolerance.ValidatedEstimate(0, $"one-sided Clopper–Pearson lower bound at level {Fmt(Alpha)} (n = {Draws}, k = {Successes}): exact binomial confidence bound, valid with probability ≥ 1 − {Fmt(Alpha)}"));

    /// <summary>Records estimate, both bounds and n under a prefix.</summary>
    public MarginSet Observe(MarginSet set, string prefix) => set
        .WithObservation(prefix + ".estimate", Estimate)
        .WithObservation(prefix + ".cpLower", Lower)
        .WithObservation(prefix + ".cpUpper", Upper)
        .WithObservation(prefix + ".n", Draws);

    private static string Fmt(double x) => x.ToString("G3", CultureInfo.InvariantCulture);
}
