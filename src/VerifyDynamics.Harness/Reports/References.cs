using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VerifyDynamics.Harness.Reports;

/// <summary>
/// The reports cite only what is in the repository. Statement texts written from the verification catalog (which lives
/// outside the repository, in <c>shared/catalog/</c>) cite its sections ("catalog §18-T2", "(catalog §12.3 item 9)",
/// "catalog S8"); a reader of the reports cannot open those. <see cref="Localize(string)"/> removes such section
/// citations when the reports are rendered (the evidence they pointed to — the counterexample, its instance file and
/// replay command — is on the page itself); the certificates keep the text as recorded.
/// </summary>
public static partial class References
{
    public static string Localize(string text)
    {
        if (!text.Contains("catalog", StringComparison.Ordinal))
        {
            return text;
        }
        string s = WholeParenthetical().Replace(text, "");
        s = LeadingCitation().Replace(s, "$1");
        s = BareCitation().Replace(s, "the verification catalog");
        return s;
    }

    /// <summary>A copy of a certificate with every string localized (what the reports render).</summary>
    public static JsonObject Localize(JsonObject certificate)
    {
        var copy = certificate.DeepClone().AsObject();
        Walk(copy);
        return copy;
    }

    private static void Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(kv => kv.Key).ToList())
                {
                    if (o[key] is JsonValue v && v.TryGetValue(out string? s))
                    {
                        string l = Localize(s);
                        if (!ReferenceEquals(l, s) && l != s)
                        {
                            o[key] = l;
                        }
                    }
                    else
                    {
                        Walk(o[key]);
                    }
                }
                break;
            case JsonArray a:
                for (int i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue v && v.TryGetValue(out string? s))
                    {
                        string l = Localize(s);
                        if (l != s)
                        {
                            a[i] = l;
                        }
                    }
                    else
                    {
                        Walk(a[i]);
                    }
                }
                break;
        }
    }

    /// <summary>"(catalog §13 item 7)", "(catalog S8)", "(catalog)" — a parenthetical that is only a citation.</summary>
    [GeneratedRegex(@" ?\(catalog(?: (?:§|S)[\w.\-]+(?:,? item \d+)?)?\)")]
    private static partial Regex WholeParenthetical();

    /// <summary>"(catalog §18-T2: 1-D f …" and "(catalog: sign typo …" — the citation before the content goes.</summary>
    [GeneratedRegex(@"(\()catalog(?: (?:§|S)[\w.\-]+(?:,? item \d+)?)?: ")]
    private static partial Regex LeadingCitation();

    /// <summary>Any remaining "catalog §18-T13" / "catalog S8": named as the catalog, without a section it cannot open.</summary>
    [GeneratedRegex(@"(?:the )?catalog (?:§|S)[\w\-]+(?:\.\d+)*(?:,? item \d+)?")]
    private static partial Regex BareCitation();
}
