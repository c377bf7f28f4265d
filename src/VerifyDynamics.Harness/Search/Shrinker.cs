using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Harness.Search;

/// <summary>What the shrinker did: the smaller counterexample (re-confirmed) and one line per accepted step.</summary>
public sealed record ShrinkResult(TrialRecord Counterexample, IReadOnlyList<string> Steps, int Evaluations, int SizeBefore, int SizeAfter, int ComplexityBefore, int ComplexityAfter);

/// <summary>
/// Makes a confirmed counterexample smaller and simpler while it stays a confirmed counterexample: every accepted edit
/// is re-run through <see cref="TrialRunner.Evaluate"/> (validator, standard evaluation, <see cref="Precision.Confirm"/>).
/// (1) Smaller dims: the generator is asked for fresh instances and a confirmed counterexample with fewer numbers replaces
/// the current one (generators choose their sizes, so regeneration is the only size change that keeps the family's
/// structure). (2) Simpler numbers: each non-integer scalar, η and matrix entry is tried at 0, its integer rounding, then
/// 1…6 significant digits, simplest first (both entries of a symmetric pair at once), in passes until nothing changes.
/// Every kept step must fail the same way: no margin that held on the original counterexample may become violated.
/// </summary>
public static class Shrinker
{
    public static ShrinkResult Shrink(Statement statement, ConstantValues constants, TrialRecord counterexample, Seed seed,
        int regenerations = 32, int maxEvaluations = 2000, CancellationToken cancel = default)
    {
        if (counterexample.Outcome != InstanceOutcome.Confirmed || counterexample.Instance is null)
        {
            throw new ArgumentException("only a confirmed counterexample with its instance can be shrunk", nameof(counterexample));
        }
        var steps = new List<string>();
        var current = counterexample;
        // The same failure, only simpler: an edit is kept only if it breaks no margin that held on the original counterexample
        // (rounding the weights of a Procedure-1 network must not turn "W_{1:N} = A" into the reason it fails).
        var heldOriginally = counterexample.Margins?.Margins.Where(m => !m.IsViolated).Select(m => m.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        bool SameFailure(TrialRecord r) => r.Outcome == InstanceOutcome.Confirmed && !r.Margins!.Margins.Any(m => m.IsViolated && heldOriginally.Contains(m.Name));
        int sizeBefore = InstanceEditor.Size(current.Instance!), complexityBefore = InstanceEditor.Complexity(current.Instance!);
        int evaluations = 0;
        // (1) Regenerate: the smallest confirmed counterexample the generator produces.
        var regen = seed.Split("shrink:regenerate");
        for (int i = 0; i < regenerations && evaluations < maxEvaluations; i++)
        {
            cancel.ThrowIfCancellationRequested();
            var r = TrialRunner.GenerateAndEvaluate(statement, constants, regen.Split(i), i);
            evaluations++;
            if (SameFailure(r) && r.Instance is { } x && InstanceEditor.Size(x) < InstanceEditor.Size(current.Instance!))
            {
                steps.Add($"regenerated at size {InstanceEditor.Size(x)} (was {InstanceEditor.Size(current.Instance!)}; generator seed {regen.Split(i)})");
                current = r;
            }
        }
        // (2) Simplify numbers, pass after pass.
        bool changed = true;
        while (changed && evaluations < maxEvaluations)
        {
            changed = false;
            foreach (var edit in Edits(current.Instance!))
            {
                foreach (var value in InstanceEditor.SimplerValues(edit.Get(current.Instance!)))
                {
                    if (evaluations >= maxEvaluations)
                    {
                        break;
                    }
                    cancel.ThrowIfCancellationRequested();
                    var candidate = edit.Set(current.Instance!, value);
                    if (ReferenceEquals(candidate, current.Instance))
                    {
                        continue; // the edit refused the value (η ≤ 0)
                    }
                    var r = TrialRunner.Evaluate(statement, constants, candidate, current.Index, current.Seed);
                    evaluations++;
                    if (SameFailure(r))
                    {
                        steps.Add($"{edit.Name}: {edit.Get(current.Instance!).ToString("R", System.Globalization.CultureInfo.InvariantCulture)} → {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
                        current = r;
                        changed = true;
                        break;
                    }
                }
            }
        }
        return new ShrinkResult(current, steps, evaluations, sizeBefore, InstanceEditor.Size(current.Instance!), complexityBefore, InstanceEditor.Complexity(current.Instance!));
    }

    private sealed record Edit(string Name, Func<Instance, double> Get, Func<Instance, double, Instance> Set);

    private static IEnumerable<Edit> Edits(Instance x)
    {
        foreach (var name in InstanceEditor.EditableScalars(x))
        {
            yield return new Edit($"scalars.{name}", y => y.Scalar(name), (y, v) => y.WithScalar(name, v));
        }
        if (x.Eta is not null)
        {
            // η must stay positive (InstanceJson refuses η ≤ 0), so 0 is never offered for it.
            yield return new Edit("eta", y => y.RequireEta, (y, v) => v > 0 ? y with { Eta = v } : y);
        }
        foreach (var slot in InstanceEditor.MatrixSlots(x))
        {
            var m = InstanceEditor.Get(x, slot);
            bool symmetric = InstanceEditor.IsSymmetric(m);
            for (int i = 0; i < m.RowCount; i++)
            {
                for (int j = symmetric ? i : 0; j < m.ColumnCount; j++)
                {
                    int ii = i, jj = j;
                    yield return new Edit($"{slot}[{i}][{j}]", y => InstanceEditor.Get(y, slot)[ii, jj], (y, v) => InstanceEditor.WithEntry(y, slot, ii, jj, v));
                }
            }
        }
    }
}
