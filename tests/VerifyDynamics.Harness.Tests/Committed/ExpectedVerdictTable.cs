using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace VerifyDynamics.Harness.Tests.Committed;

/// <summary>
/// One row of <c>expected-verdicts.tsv</c>: what a reviewer accepted for a statement. Verdict, grade, fidelity, corrected
/// verdict and weakest tolerance kind must match the certificate exactly; the acceptance rate (trials the validator accepted /
/// trials run) may not fall below <see cref="MinAcceptance"/>.
/// </summary>
internal sealed record ExpectedVerdict(string Id, string Verdict, string CorrectedVerdict, string Grade, string Fidelity, string MinAcceptance, string WeakestTolerance)
{
    public const string FileName = "expected-verdicts.tsv";

    /// <summary>Where the table lives in the repository (beside this file).</summary>
    public const string RelativePath = "tests/VerifyDynamics.Harness.Tests/Committed/" + FileName;

    public const string Header = "id\tverdict\tcorrectedVerdict\tgrade\tfidelity\tminAcceptance\tweakestTolerance";

    /// <summary>How to accept a reviewed change: printed by every failure.</summary>
    public const string HowToUpdate =
        "If the change is intended, regenerate the table from the committed certificates and review the diff:\n" +
        "  VD_UPDATE_EXPECTED=1 dotnet test tests/VerifyDynamics.Harness.Tests -c Release --filter FullyQualifiedName~ExpectedVerdictTests\n" +
        "  git diff " + RelativePath + "   # every changed line is a changed verdict/grade/fidelity/tolerance: say why in the commit";

    /// <summary>The row a certificate implies (the acceptance rate rounded down to 2 decimals; "-" where there is nothing).</summary>
    public static ExpectedVerdict Of(JsonObject c)
    {
        var trials = c["trials"]!.AsObject();
        int count = trials["count"]!.GetValue<int>(), rejected = trials["rejected"]!.GetValue<int>();
        string acceptance = count == 0 ? "-" : (Math.Floor(100.0 * (count - rejected) / count) / 100).ToString("0.00", CultureInfo.InvariantCulture);
        return new ExpectedVerdict(
            c["statement"]!.GetValue<string>(),
            c["verdict"]!.GetValue<string>(),
            c["correctedForm"]?["verdict"]?.GetValue<string>() ?? "-",
            c["evidence"]!["grade"]!.GetValue<string>(),
            c["fidelity"]!["kind"]!.GetValue<string>(),
            acceptance,
            trials["weakestTolerance"]?["kind"]?.GetValue<string>() ?? "-");
    }

    /// <summary>The acceptance rate of a certificate (accepted / run), or null with no trials.</summary>
    public static double? Acceptance(JsonObject c)
    {
        var trials = c["trials"]!.AsObject();
        int count = trials["count"]!.GetValue<int>(), rejected = trials["rejected"]!.GetValue<int>();
        return count == 0 ? null : (double)(count - rejected) / count;
    }

    /// <summary>Reasons why certificate <paramref name="c"/> does not meet this row (empty: it does).</summary>
    public IEnumerable<string> Mismatches(JsonObject c)
    {
        var actual = Of(c);
        if (actual.Verdict != Verdict)
        {
            yield return $"verdict {actual.Verdict}, expected {Verdict}";
        }
        if (actual.CorrectedVerdict != CorrectedVerdict)
        {
            yield return $"corrected verdict {actual.CorrectedVerdict}, expected {CorrectedVerdict}";
        }
        if (actual.Grade != Grade)
        {
            yield return $"grade {actual.Grade}, expected {Grade}";
        }
        if (actual.Fidelity != Fidelity)
        {
            yield return $"fidelity {actual.Fidelity}, expected {Fidelity}";
        }
        if (actual.WeakestTolerance != WeakestTolerance)
        {
            yield return $"weakest tolerance kind {actual.WeakestTolerance}, expected {WeakestTolerance}";
        }
        double? rate = Acceptance(c);
        if (MinAcceptance == "-" ? rate is not null : rate is null || rate < double.Parse(MinAcceptance, CultureInfo.InvariantCulture))
        {
            yield return $"acceptance rate {(rate is { } r ? r.ToString("0.###", CultureInfo.InvariantCulture) : "-")}, expected at least {MinAcceptance}";
        }
    }

    public string ToLine() => string.Join('\t', Id, Verdict, CorrectedVerdict, Grade, Fidelity, MinAcceptance, WeakestTolerance);

    public static IReadOnlyList<ExpectedVerdict> Parse(string text)
    {
        var rows = new List<ExpectedVerdict>();
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        if (lines.Count == 0 || lines[0] != Header)
        {
            throw new FormatException($"{RelativePath}: the first line that is not a comment must be the header '{Header.Replace("\t", "\\t", StringComparison.Ordinal)}'");
        }
        foreach (var (line, i) in lines.Skip(1).Select((l, i) => (l, i)))
        {
            var f = line.Split('\t');
            if (f.Length != 7)
            {
                throw new FormatException($"{RelativePath}: row {i + 1} has {f.Length} tab-separated fields, expected 7: {line}");
            }
            rows.Add(new ExpectedVerdict(f[0], f[1], f[2], f[3], f[4], f[5], f[6]));
        }
        return rows;
    }

    public static string Format(IEnumerable<ExpectedVerdict> rows)
    {
        var sb = new StringBuilder();
        sb.Append("# Expected verdict, grade, fidelity and weakest tolerance kind of every committed certificate, and the lowest acceptable\n");
        sb.Append("# acceptance rate (validator-accepted trials / trials run, rounded down). Checked by ExpectedVerdictTests; a change here is\n");
        sb.Append("# a reviewed change of a result. Regenerate: VD_UPDATE_EXPECTED=1 dotnet test tests/VerifyDynamics.Harness.Tests -c Release --filter FullyQualifiedName~ExpectedVerdictTests\n");
        sb.Append(Header).Append('\n');
        foreach (var r in rows.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            sb.Append(r.ToLine()).Append('\n');
        }
        return sb.ToString();
    }
}
