namespace VerifyDynamics.Theorems.Model;

/// <summary>Paper ids used everywhere (DESIGN.md).</summary>
public static class Papers
{
    public const string ACGH19 = "ACGH19";
    public const string EC21 = "EC21";
    public const string JGGSH21 = "JGGSH21";

    /// <summary>Papers in the order reports list them.</summary>
    public static IReadOnlyList<string> All { get; } = [ACGH19, EC21, JGGSH21];
}

/// <summary>A catalog id <c>PAPER.Name</c>, e.g. <c>ACGH19.Thm1</c> or <c>ACGH19.Aux.Residual</c>.</summary>
public readonly record struct StatementId(string Paper, string Name) : IComparable<StatementId>
{
    public static StatementId Parse(string text)
    {
        int dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == text.Length - 1)
        {
            throw new FormatException($"'{text}' is not a statement id (expected PAPER.Name, e.g. ACGH19.Thm1).");
        }
        return new StatementId(text[..dot], text[(dot + 1)..]);
    }

    public override string ToString() => $"{Paper}.{Name}";

    /// <summary>Paper order, then natural order of the name (Lemma2 before Lemma10).</summary>
    public int CompareTo(StatementId other)
    {
        int p = PaperIndex(Paper).CompareTo(PaperIndex(other.Paper));
        return p != 0 ? p : NaturalComparer.Compare(Name, other.Name);
    }

    private static int PaperIndex(string paper)
    {
        for (int i = 0; i < Papers.All.Count; i++)
        {
            if (Papers.All[i] == paper)
            {
                return i;
            }
        }
        return Papers.All.Count;
    }
}

/// <summary>Compares strings with digit runs as numbers ("Lemma9" &lt; "Lemma10").</summary>
public static class NaturalComparer
{
    public static int Compare(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                int si = i, sj = j;
                while (i < a.Length && char.IsAsciiDigit(a[i]))
                {
                    i++;
                }
                while (j < b.Length && char.IsAsciiDigit(b[j]))
                {
                    j++;
                }
                var x = System.Numerics.BigInteger.Parse(a[si..i], System.Globalization.CultureInfo.InvariantCulture);
                var y = System.Numerics.BigInteger.Parse(b[sj..j], System.Globalization.CultureInfo.InvariantCulture);
                int c = x.CompareTo(y);
                if (c != 0)
                {
                    return c;
                }
            }
            else
            {
                int c = a[i].CompareTo(b[j]);
                if (c != 0)
                {
                    return c;
                }
                i++;
                j++;
            }
        }
        return (a.Length - i).CompareTo(b.Length - j);
    }
}

/// <summary>Where a statement is in its paper: the numbered item and the line range in the seed text.</summary>
public sealed record SourceRef(string Paper, string Location, string Lines);

public enum StatementKind
{
    Definition,
    Procedure,
    Algorithm,
    Assumption,
    Claim,
    Lemma,
    Proposition,
    Theorem,
    Corollary,
    Conjecture,
    Example,
    Remark,
    /// <summary>Not numbered in the paper but checkable (catalog ids such as ACGH19.Aux.*).</summary>
    Unnumbered,
}
