using System.Collections.Immutable;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Harness.Search;

/// <summary>Where a matrix sits in an <see cref="Instance"/>: a layer weight, the target, a named matrix or an item of a matrix list.</summary>
public sealed record MatrixSlot(string Kind, string Name, int Index)
{
    public override string ToString() => Kind switch
    {
        "weight" => $"weights[{Index}]",
        "target" => "target",
        "matrix" => $"matrices.{Name}",
        _ => $"matrixLists.{Name}[{Index}]",
    };
}

/// <summary>
/// The editable numbers of an instance, for the local search and the shrinker. Never mutates an instance
/// (matrices are shared between instances): every edit clones what it changes. Widths (<c>dims</c>) and
/// integer-valued scalars are never edited: they usually encode sizes or counts that the matrices must agree
/// with, and a validator is not obliged to re-check that agreement.
/// </summary>
public static class InstanceEditor
{
    public static IReadOnlyList<MatrixSlot> MatrixSlots(Instance x)
    {
        var slots = new List<MatrixSlot>();
        if (!x.Weights.IsDefaultOrEmpty)
        {
            slots.AddRange(Enumerable.Range(0, x.Weights.Length).Select(i => new MatrixSlot("weight", "", i)));
        }
        if (x.Target is not null)
        {
            slots.Add(new MatrixSlot("target", "", 0));
        }
        slots.AddRange(x.Matrices.Keys.Select(k => new MatrixSlot("matrix", k, 0)));
        foreach (var (k, list) in x.MatrixLists)
        {
            slots.AddRange(Enumerable.Range(0, list.Length).Select(i => new MatrixSlot("list", k, i)));
        }
        return slots;
    }

    public static Matrix<double> Get(Instance x, MatrixSlot s) => s.Kind switch
    {
        "weight" => x.Weights[s.Index],
        "target" => x.RequireTarget,
        "matrix" => x.Matrices[s.Name],
        _ => x.MatrixLists[s.Name][s.Index],
    };

    /// <summary>A copy of the instance with the slot replaced (the caller hands over a fresh matrix).</summary>
    public static Instance With(Instance x, MatrixSlot s, Matrix<double> m) => s.Kind switch
    {
        "weight" => x with { Weights = x.Weights.SetItem(s.Index, m) },
        "target" => x with { Target = m },
        "matrix" => x with { Matrices = x.Matrices.SetItem(s.Name, m) },
        _ => x with { MatrixLists = x.MatrixLists.SetItem(s.Name, x.MatrixLists[s.Name].SetItem(s.Index, m)) },
    };

    /// <summary>Scalars the search may move: finite, not integer-valued (integers are sizes, counts, seeds or flags).</summary>
    public static IReadOnlyList<string> EditableScalars(Instance x) =>
        [.. x.Scalars.Where(kv => double.IsFinite(kv.Value) && kv.Value != Math.Round(kv.Value)).Select(kv => kv.Key)];

    /// <summary>Every entry an integer: a mask, a permutation or an index table, which the local search leaves alone (a 0/1 mask moved to 1.03 is no longer a mask, and a validator may not say so).</summary>
    public static bool IsIntegerValued(Matrix<double> m)
    {
        for (int i = 0; i < m.RowCount; i++)
        {
            for (int j = 0; j < m.ColumnCount; j++)
            {
                if (m[i, j] != Math.Round(m[i, j]))
                {
                    return false;
                }
            }
        }
        return true;
    }

    public static bool IsSymmetric(Matrix<double> m)
    {
        if (m.RowCount != m.ColumnCount)
        {
            return false;
        }
        for (int i = 0; i < m.RowCount; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (m[i, j] != m[j, i])
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>Sets entry (i, j), and (j, i) too when the matrix is symmetric, so a symmetric hypothesis survives the edit.</summary>
    public static Instance WithEntry(Instance x, MatrixSlot s, int i, int j, double value)
    {
        var m = Get(x, s);
        bool symmetric = IsSymmetric(m);
        var copy = m.Clone();
        copy[i, j] = value;
        if (symmetric)
        {
            copy[j, i] = value;
        }
        return With(x, s, copy);
    }

    /// <summary>Entries plus scalars: the size a shrinker tries to reduce first.</summary>
    public static int Size(Instance x) =>
        MatrixSlots(x).Sum(s => Get(x, s).RowCount * Get(x, s).ColumnCount) + x.Scalars.Count + (x.Eta is null ? 0 : 1);

    /// <summary>Characters of the shortest round-trip forms of every number: what "simpler numbers" reduces.</summary>
    public static int Complexity(Instance x)
    {
        int total = x.Scalars.Values.Sum(Digits) + (x.Eta is { } e ? Digits(e) : 0);
        foreach (var s in MatrixSlots(x))
        {
            var m = Get(x, s);
            for (int i = 0; i < m.RowCount; i++)
            {
                for (int j = 0; j < m.ColumnCount; j++)
                {
                    total += Digits(m[i, j]);
                }
            }
        }
        return total;
    }

    public static int Digits(double v) => v.ToString("R", CultureInfo.InvariantCulture).Length;

    /// <summary>Simpler values to try in place of v, simplest first: 0, the integer, then 1…6 significant digits; only ones that differ from v.</summary>
    public static IEnumerable<double> SimplerValues(double v)
    {
        if (!double.IsFinite(v) || v == 0)
        {
            yield break;
        }
        var seen = new HashSet<double> { v };
        var candidates = new List<double> { 0, Math.Round(v) };
        for (int d = 1; d <= 6; d++)
        {
            candidates.Add(double.Parse(v.ToString("G" + d.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        }
        foreach (var c in candidates)
        {
            if (seen.Add(c) && Digits(c) < Digits(v))
            {
                yield return c;
            }
        }
    }

    public static ImmutableArray<Matrix<double>> CloneAll(ImmutableArray<Matrix<double>> ms) => [.. ms.Select(m => m.Clone())];
}
