using FsCheck;
using FsCheck.Fluent;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Search;
using VerifyDynamics.Theorems;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.PropertyTesting;

/// <summary>
/// One instance drawn from a statement's hypotheses: it satisfies the statement's validator at <see cref="Constants"/>.
/// <see cref="ToString"/> (what FsCheck prints for a falsified property) gives the instance as an instance file, ready for
/// <c>vd check ID --instance FILE</c>, with the trial index and generator seed that drew it (<see cref="Shrunk"/>: FsCheck's
/// shrinker has edited the instance since, so the seed no longer reproduces it; the JSON does).
/// </summary>
public sealed record HypothesisDraw(Statement Statement, ConstantValues Constants, Instance Instance, int Index, Seed Seed, bool Shrunk = false)
{
    /// <summary>The instance in the instance-file format (<c>schemas/instance.schema.json</c>), on one line.</summary>
    public string InstanceJson => Theorems.Model.InstanceJson.ToJson(Instance).ToJsonString();

    public override string ToString() =>
        $"{Statement.Id} ({(Shrunk ? "shrunk from the draw at" : "drawn at")} trial index {Index}, generator seed {Seed}): {InstanceJson}";
}

/// <summary>
/// FsCheck <see cref="Arbitrary{T}"/>s for the hypotheses of a statement: the statement's own seeded generator, retried until
/// its validator accepts, and a shrinker that only proposes instances the validator accepts (smaller regenerated instances,
/// then simpler numbers through <see cref="InstanceEditor"/>, as <c>vd falsify</c> shrinks counterexamples). Draws depend only
/// on FsCheck's random stream, so a property's <c>Replay</c> seed reproduces them.
/// </summary>
/// <example>
/// <code>
/// [Property(MaxTest = 20)]
/// public Property MyInvariantHoldsOnBalancedNetworks() =>
///     Prop.ForAll(HypothesisArbitrary.For("ACGH19.Aux.BalancedSV"), draw => MyInvariant(draw.Instance));
/// </code>
/// </example>
public static class HypothesisArbitrary
{
    /// <summary>Generator calls per draw before giving up (the validator rejecting every one is a defect of the statement's generator).</summary>
    public const int MaxAttempts = 200;

    /// <summary>Regenerated instances the shrinker considers per step.</summary>
    public const int ShrinkRegenerations = 16;

    /// <summary>Draws from the hypotheses of catalog statement <paramref name="statementId"/> (e.g. <c>ACGH19.Thm1</c>) at its paper constants.</summary>
    public static Arbitrary<HypothesisDraw> For(string statementId) => For(Catalog.Get(statementId));

    /// <summary>Draws from the hypotheses of <paramref name="statement"/> at <paramref name="constants"/> (default: the paper's).</summary>
    public static Arbitrary<HypothesisDraw> For(Statement statement, ConstantValues? constants = null)
    {
        var k = constants ?? statement.DefaultConstants();
        return Arb.From(Generator(statement, k), d => Shrink(d.Statement, d.Constants, d.Instance)
            .Select(x => d with { Instance = x, Shrunk = true }));
    }

    /// <summary>The bare instances (FsCheck prints them poorly: prefer <see cref="For(Statement, ConstantValues?)"/> where a failure must be read).</summary>
    public static Arbitrary<Instance> Instances(Statement statement, ConstantValues? constants = null)
    {
        var k = constants ?? statement.DefaultConstants();
        return Arb.From(Generator(statement, k).Select(d => d.Instance), x => Shrink(statement, k, x));
    }

    /// <summary>
    /// The generator alone: a 62-bit seed and a trial index (0 ≤ index &lt; the statement's default trials, which picks the
    /// generator's family in most statements) drawn by FsCheck, then the statement's generator, retried on a derived seed until
    /// the validator accepts.
    /// </summary>
    public static Gen<HypothesisDraw> Generator(Statement statement, ConstantValues constants)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(constants);
        if (statement.Checkability is Checkability.NotCheckable or Checkability.Pending)
        {
            throw new ArgumentException($"{statement.Id} has no hypotheses to draw from: {statement.Checkability.ToString().ToLowerInvariant()} ({statement.NotCheckableReason})", nameof(statement));
        }
        int indices = Math.Max(1, statement.DefaultTrials);
        return from hi in Gen.Choose(0, int.MaxValue)
               from lo in Gen.Choose(0, int.MaxValue)
               from index in Gen.Choose(0, indices - 1)
               select Draw(statement, constants, new Seed(((ulong)hi << 31) | (uint)lo), index);
    }

    /// <summary>
    /// The deterministic draw behind <see cref="Generator"/>: attempt a uses seed.Split(a) (attempt 0 the seed itself) and trial
    /// index index + a / 20 (so a family whose validator rarely accepts does not stall the draw); the first accepted instance wins.
    /// </summary>
    public static HypothesisDraw Draw(Statement statement, ConstantValues constants, Seed seed, int index)
    {
        ArgumentNullException.ThrowIfNull(statement);
        int indices = Math.Max(1, statement.DefaultTrials);
        string? last = null;
        for (int a = 0; a < MaxAttempts; a++)
        {
            var s = a == 0 ? seed : seed.Split(a);
            int i = (index + a / 20) % indices;
            Instance x;
            try
            {
                x = statement.Hypotheses.Generate(new TrialContext(s.CreateRng(), constants, i));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                last = $"the generator threw {e.GetType().Name}: {e.Message}";
                continue;
            }
            string? failed = Failure(statement, constants, x);
            if (failed is null)
            {
                return new HypothesisDraw(statement, constants, x, i, s);
            }
            last = $"hypothesis not met: {failed}";
        }
        throw new InvalidOperationException($"{statement.Id}: no instance met the hypotheses in {MaxAttempts} generator calls from seed {seed} (last: {last})");
    }

    /// <summary>Whether <paramref name="instance"/> satisfies the statement's hypotheses at <paramref name="constants"/> (a throwing validator does not accept).</summary>
    public static bool Satisfies(Statement statement, ConstantValues constants, Instance instance) => Failure(statement, constants, instance) is null;

    /// <summary>
    /// Smaller or simpler instances that still satisfy the hypotheses, best first: (1) instances the generator draws on fixed
    /// seeds that have fewer numbers (<see cref="InstanceEditor.Size"/>), smallest first; (2) one number at a time made simpler
    /// (<see cref="InstanceEditor.SimplerValues"/>: 0, the integer, fewer significant digits) — non-integer scalars, η, and entries
    /// of matrices that are not integer-valued (masks and permutations are left alone), both entries of a symmetric pair at once.
    /// Widths are never edited. Every candidate is re-validated; each is strictly smaller or simpler, so shrinking terminates.
    /// </summary>
    public static IEnumerable<Instance> Shrink(Statement statement, ConstantValues constants, Instance instance)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(instance);
        int size = InstanceEditor.Size(instance);
        var root = Seed.Default.Split("fscheck:shrink").Split(statement.Id.ToString());
        var smaller = new List<Instance>();
        for (int i = 0; i < ShrinkRegenerations; i++)
        {
            Instance x;
            try
            {
                x = statement.Hypotheses.Generate(new TrialContext(root.Split(i).CreateRng(), constants, i));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                continue;
            }
            if (InstanceEditor.Size(x) < size && Satisfies(statement, constants, x))
            {
                smaller.Add(x);
            }
        }
        foreach (var x in smaller.OrderBy(InstanceEditor.Size))
        {
            yield return x;
        }
        foreach (var (get, set) in NumberEdits(instance))
        {
            foreach (var value in InstanceEditor.SimplerValues(get(instance)))
            {
                var candidate = set(instance, value);
                if (!ReferenceEquals(candidate, instance) && Satisfies(statement, constants, candidate))
                {
                    yield return candidate;
                }
            }
        }
    }

    private static string? Failure(Statement statement, ConstantValues constants, Instance instance)
    {
        try
        {
            var check = statement.Hypotheses.Validate(instance, constants);
            return check.Satisfied ? null : check.Failed ?? "(unnamed)";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"the validator threw {e.GetType().Name}: {e.Message}";
        }
    }

    private static IEnumerable<(Func<Instance, double> Get, Func<Instance, double, Instance> Set)> NumberEdits(Instance x)
    {
        foreach (var name in InstanceEditor.EditableScalars(x))
        {
            yield return (y => y.Scalar(name), (y, v) => y.WithScalar(name, v));
        }
        if (x.Eta is not null)
        {
            // η stays positive (an instance file refuses η ≤ 0).
            yield return (y => y.RequireEta, (y, v) => v > 0 ? y with { Eta = v } : y);
        }
        foreach (var slot in InstanceEditor.MatrixSlots(x))
        {
            var m = InstanceEditor.Get(x, slot);
            if (InstanceEditor.IsIntegerValued(m))
            {
                continue;
            }
            bool symmetric = InstanceEditor.IsSymmetric(m);
            for (int i = 0; i < m.RowCount; i++)
            {
                for (int j = symmetric ? i : 0; j < m.ColumnCount; j++)
                {
                    int ii = i, jj = j;
                    yield return (y => InstanceEditor.Get(y, slot)[ii, jj], (y, v) => InstanceEditor.WithEntry(y, slot, ii, jj, v));
                }
            }
        }
    }
}
