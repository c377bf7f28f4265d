using System.Globalization;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Harness.Search;

/// <summary>Which way a constant makes its statement stronger (the bound tighter).</summary>
public enum TightenDirection
{
    /// <summary>Larger values make the statement stronger.</summary>
    Up,
    /// <summary>Smaller values make the statement stronger.</summary>
    Down,
}

/// <summary>Budget and knobs of <see cref="ConstantTightener"/>; every count is in evaluations or steps, never time.</summary>
/// <param name="Seed">Root seed; candidate v searches with <c>Seed.Split(name + "=" + v)</c>.</param>
/// <param name="Search">Spent at every candidate value.</param>
/// <param name="BracketSteps">Candidates tried to bracket the edge: factors 2, 4, 16, 256, 2^16, … away from the paper's value.</param>
/// <param name="BisectionSteps">Bisection steps at most once bracketed.</param>
/// <param name="RelativeTolerance">Bisection stops when |bad − good| ≤ this · max(|good|, |bad|).</param>
/// <param name="Direction">Forced direction (null: decided from the statement, see <see cref="ConstantTightener.DecideDirection"/>).</param>
/// <param name="Parallelism">Threads for the sampled trials; results do not depend on it.</param>
/// <param name="DirectionProbes">Instances generated (three evaluations each) to decide the direction.</param>
/// <param name="MaxEvaluations">No new candidate value is tried once the candidates have spent this many evaluations (null: no cap); a campaign budget for statements with costly conclusions (ODE solves).</param>
public sealed record TightenOptions(
    Seed Seed,
    SearchBudget Search,
    int BracketSteps = 5,
    int BisectionSteps = 10,
    double RelativeTolerance = 1.0 / 128,
    TightenDirection? Direction = null,
    int Parallelism = 1,
    int? MaxEvaluations = null,
    int DirectionProbes = ConstantTightener.DefaultDirectionProbes);

/// <summary>One constant value tried and what the search found there.</summary>
public sealed record TightenCandidate(Rational Value, bool Counterexample, string? FoundBy, double? WorstNormalized, int Evaluations, int Accepted, Seed Seed);

/// <summary>
/// The empirical edge of one constant. "Empirical" always: the absence of a counterexample at <see cref="LastGood"/> is
/// evidence from a bounded search, not a proof; only <see cref="FirstBad"/> comes with a confirmed, replayable instance.
/// </summary>
public sealed record TightenResult(
    Statement Statement,
    NamedConstant Constant,
    TightenDirection Direction,
    string DirectionReason,
    bool PaperHolds,
    Rational? LastGood,
    Rational? FirstBad,
    TrialRecord? Counterexample,
    string? FoundBy,
    string Status,
    IReadOnlyList<TightenCandidate> Candidates,
    TightenOptions Options)
{
    public Rational Paper => Constant.Default;

    public int Evaluations => Candidates.Sum(c => c.Evaluations);

    /// <summary>Edge over paper, oriented so that ≥ 1 means the paper's constant is conservative; null when a ratio means nothing (zero, sign change).</summary>
    public double? SlackRatio
    {
        get
        {
            if (LastGood is not { } g || g.Sign == 0 || Paper.Sign == 0 || g.Sign != Paper.Sign)
            {
                return null;
            }
            double r = (g / Paper).ToDouble();
            return Direction == TightenDirection.Up == (Paper.Sign > 0) ? r : 1 / r;
        }
    }

    /// <summary>Edge − paper (signed, exact).</summary>
    public Rational? SlackDifference => LastGood is { } g ? g - Paper : null;
}

/// <summary>
/// Finds the most aggressive value of a named constant at which a targeted search (<see cref="CounterexampleSearch"/>)
/// finds no counterexample: brackets the edge by factors 2, 4, 16, 256, … from the paper's value in the tightening
/// direction (or the loosening one when the paper's value already fails), then bisects in exact rationals (geometric
/// bisection by powers of two while the bracket spans more than a factor 2). The worst instances of each candidate seed the
/// local search of the next one, so the search follows the margin toward the edge.
/// </summary>
public static class ConstantTightener
{
    /// <summary>Instances used to decide the direction by default, generated with the same seeds on both sides.</summary>
    public const int DefaultDirectionProbes = 8;

    public static TightenResult Run(Statement statement, string constantName, TightenOptions options, CancellationToken cancel = default)
    {
        var constant = statement.Constants.FirstOrDefault(c => c.Name == constantName)
            ?? throw new KeyNotFoundException($"{statement.Id} has no constant '{constantName}'");
        var (direction, reason) = options.Direction is { } forced
            ? (forced, "given (--direction)")
            : ConstantDirections.For(statement, constant)
              ?? DecideDirection(statement, constant, options.Seed.Split("direction:" + constant.Name), options.Parallelism, options.DirectionProbes)
              ?? throw new InvalidOperationException(
                  $"cannot tell which way '{constant.Name}' tightens {statement.Id}: moving it ±25% changed neither the margins nor the validator's verdict on {options.DirectionProbes} generated instances (give --direction up|down)");
        var candidates = new List<TightenCandidate>();
        var starts = new List<Instance>();
        TrialRecord? bestCounterexample = null;
        string? bestFoundBy = null;

        bool OverBudget() => options.MaxEvaluations is { } max && candidates.Sum(c => c.Evaluations) >= max;

        SearchResult Try(Rational v)
        {
            var seed = options.Seed.Split(constant.Name + "=" + v);
            var k = statement.DefaultConstants().With(constant.Name, v);
            var r = CounterexampleSearch.Run(statement, k, seed, options.Search, starts, options.Parallelism, cancel);
            candidates.Add(new TightenCandidate(v, r.Counterexample is not null, r.FoundBy, r.WorstNormalized, r.Evaluations, r.Accepted, seed));
            // The next candidate starts from the instances closest to failing: a counterexample first, then the worst holding ones.
            starts.Clear();
            if (r.Counterexample?.Instance is { } cx)
            {
                starts.Add(cx);
            }
            starts.AddRange(r.Worst.Select(w => w.Instance!));
            return r;
        }

        var paper = constant.Default;
        var atPaper = Try(paper);
        bool paperHolds = atPaper.Counterexample is null;
        Rational? good = paperHolds ? paper : null;
        Rational? bad = paperHolds ? null : paper;
        if (!paperHolds)
        {
            bestCounterexample = atPaper.Counterexample;
            bestFoundBy = atPaper.FoundBy;
        }
        // Bracket: away from the paper's value, tightening if it held, loosening if it failed.
        var way = paperHolds ? direction : Opposite(direction);
        for (int k = 0; k < options.BracketSteps && (good is null || bad is null) && !OverBudget(); k++)
        {
            var v = BracketPoint(paper, way, k);
            var r = Try(v);
            if (r.Counterexample is null)
            {
                good = v;
            }
            else
            {
                bad = v;
                bestCounterexample = r.Counterexample;
                bestFoundBy = r.FoundBy;
            }
        }
        // Bisect.
        for (int k = 0; k < options.BisectionSteps && good is { } g && bad is { } b && !Converged(g, b, options.RelativeTolerance) && !OverBudget(); k++)
        {
            var mid = Midpoint(g, b);
            var r = Try(mid);
            if (r.Counterexample is null)
            {
                good = mid;
            }
            else
            {
                bad = mid;
                bestCounterexample = r.Counterexample;
                bestFoundBy = r.FoundBy;
            }
        }
        string status = (good, bad) switch
        {
            (not null, not null) when Converged(good.Value, bad.Value, options.RelativeTolerance) => "edge bracketed within tolerance (empirical)",
            (not null, not null) => "edge bracketed; bisection budget exhausted before the tolerance (empirical)",
            (not null, null) when OverBudget() => "no counterexample in the values tried before the evaluation cap (empirical)",
            (not null, null) => $"no counterexample up to the end of the bracket ({BracketPoint(paper, direction, Math.Max(0, options.BracketSteps - 1))}): the edge lies beyond the searched range (empirical)",
            (null, not null) => "counterexamples at every value tried, the paper's included: no edge found in the searched range",
            _ => "nothing tried",
        };
        if (OverBudget())
        {
            status += $"; stopped by the evaluation cap ({options.MaxEvaluations})";
        }
        if (ConstantDirections.IsHypothesisConstant(reason) && good is not null && (bad is null || good != paper))
        {
            status += "; a hypothesis constant: the search only sees the newly admitted instances that the generator or the climber reaches (widths and integer parameters are never mutated), so this edge may be far too generous";
        }
        return new TightenResult(statement, constant, direction, reason, paperHolds, good, bad, bestCounterexample, bestFoundBy, status, candidates, options);
    }

    public static TightenDirection Opposite(TightenDirection d) => d == TightenDirection.Up ? TightenDirection.Down : TightenDirection.Up;

    /// <summary>
    /// The k-th bracket point from p: p·2^(2^k) or p/2^(2^k) (toward larger or smaller values), or ±2^(2k−3) from zero.
    /// Doubling exponents reach far edges (10^14-sized constants) in a handful of candidates.
    /// </summary>
    public static Rational BracketPoint(Rational p, TightenDirection way, int k)
    {
        if (p.Sign == 0)
        {
            var offset = Rational.Of(2).Pow(2 * k - 3);
            return way == TightenDirection.Up ? offset : -offset;
        }
        var factor = Rational.Of(2).Pow(1 << Math.Min(k, 6));
        bool grow = way == TightenDirection.Up == (p.Sign > 0);
        return grow ? p * factor : p / factor;
    }

    public static bool Converged(Rational good, Rational bad, double relativeTolerance)
    {
        double width = Math.Abs((bad - good).ToDouble());
        double size = Math.Max(Math.Abs(good.ToDouble()), Math.Abs(bad.ToDouble()));
        return width <= relativeTolerance * size;
    }

    /// <summary>Geometric midpoint by a power of two while the bracket spans more than a factor 2 (same sign), else the exact arithmetic midpoint.</summary>
    public static Rational Midpoint(Rational a, Rational b)
    {
        if (a.Sign != 0 && a.Sign == b.Sign)
        {
            var ratio = b / a;
            double log2 = Math.Log2(ratio.ToDouble());
            if (Math.Abs(log2) > 2)
            {
                int half = (int)Math.Truncate(log2 / 2);
                return a * Rational.Of(2).Pow(half);
            }
        }
        return (a + b) / Rational.Of(2);
    }

    /// <summary>
    /// Decides which way tightens: generate <paramref name="probes"/> instances with the same seeds at p·(1 ± 1/4) (±1/4 at 0) and
    /// compare the worst normalized margins (a confirmed counterexample counts as −∞); a constant that only enters the generator
    /// (a sampling range) is caught too, since the same seed draws the same pattern on both sides. If no margin moves, the validator
    /// decides: the side that rejects more of the paper's instances has the stronger hypothesis, so the other side is tighter.
    /// Null when neither says anything.
    /// </summary>
    public static (TightenDirection, string)? DecideDirection(Statement statement, NamedConstant constant, Seed seed, int parallelism = 1, int probes = DefaultDirectionProbes)
    {
        var p = constant.Default;
        var quarter = Rational.Of(1, 4);
        var upValue = p.Sign == 0 ? quarter : p + Abs(p) * quarter;
        var downValue = p.Sign == 0 ? -quarter : p - Abs(p) * quarter;
        var baseK = statement.DefaultConstants();
        var up = baseK.With(constant.Name, upValue);
        var down = baseK.With(constant.Name, downValue);
        var scores = new (double? Up, double? Down, int RejectUp, int RejectDown)[probes];
        Parallel.For(0, probes, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, i =>
        {
            var s = seed.Split(i);
            var ru = TrialRunner.GenerateAndEvaluate(statement, up, s, i);
            var rd = TrialRunner.GenerateAndEvaluate(statement, down, s, i);
            // The validator's view: the paper's instance judged under each side's constants.
            // Only the instance is needed here: generate and validate, without running the (costly) conclusion.
            var x = GenerateAccepted(statement, baseK, s, i);
            int rejectUp = 0, rejectDown = 0;
            if (x is not null)
            {
                rejectUp = SafeValidate(statement, x, up) ? 0 : 1;
                rejectDown = SafeValidate(statement, x, down) ? 0 : 1;
            }
            scores[i] = (Score(ru), Score(rd), rejectUp, rejectDown);
        });
        int votesUp = 0, votesDown = 0;
        foreach (var (u, d, _, _) in scores)
        {
            if (u is { } a && d is { } b && a != b)
            {
                // Smaller margins on the up side: larger values are tighter.
                if (a < b)
                {
                    votesUp++;
                }
                else
                {
                    votesDown++;
                }
            }
        }
        string where = $"{constant.Name} = {upValue} vs {downValue}";
        if (votesUp != votesDown)
        {
            var dir = votesUp > votesDown ? TightenDirection.Up : TightenDirection.Down;
            return (dir, string.Create(CultureInfo.InvariantCulture,
                $"worst margins at {probes} same-seed instances ({where}): smaller {(dir == TightenDirection.Up ? "upward" : "downward")} on {Math.Max(votesUp, votesDown)}, the other way on {Math.Min(votesUp, votesDown)}"));
        }
        int rejUp = scores.Sum(s => s.RejectUp), rejDown = scores.Sum(s => s.RejectDown);
        if (rejUp != rejDown)
        {
            var dir = rejUp > rejDown ? TightenDirection.Down : TightenDirection.Up;
            return (dir, string.Create(CultureInfo.InvariantCulture,
                $"margins unchanged; the validator rejects {rejUp} (up) vs {rejDown} (down) of {probes} paper instances ({where}): the weaker hypothesis is the stronger statement"));
        }
        return null;
    }

    /// <summary>Trial <paramref name="index"/>'s instance, or null when the generator throws or the validator rejects it (a throwing validator keeps it, as in <see cref="TrialRunner.Evaluate"/>).</summary>
    private static Instance? GenerateAccepted(Statement statement, ConstantValues k, Seed seed, int index)
    {
        Instance x;
        try
        {
            x = statement.Hypotheses.Generate(new TrialContext(seed.CreateRng(), k, index));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
        try
        {
            return statement.Hypotheses.Validate(x, k).Satisfied ? x : null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return x;
        }
    }

    private static bool SafeValidate(Statement statement, Instance x, ConstantValues k)
    {
        try
        {
            return statement.Hypotheses.Validate(x, k).Satisfied;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }

    private static double? Score(TrialRecord r) => r.Outcome switch
    {
        InstanceOutcome.Confirmed => double.NegativeInfinity,
        InstanceOutcome.Holds or InstanceOutcome.Inconclusive when r.Worst is { IsComputable: true } w => w.Normalized,
        _ => null,
    };

    private static Rational Abs(Rational r) => r.Sign < 0 ? -r : r;
}
