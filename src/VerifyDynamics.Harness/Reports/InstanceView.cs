using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace VerifyDynamics.Harness.Reports;

/// <summary>
/// An instance (the JSON a statement's generator drew) as a reader wants it: scalars in one line, vectors as row
/// vectors, matrices as bracketed tables, and a list of matrices (the layers W_1, …, W_N) side by side. Numbers print
/// with six significant digits; a matrix larger than 12 × 12 shows its top-left corner and says so. Anything that is
/// not numeric falls back to compact JSON.
/// </summary>
public static class InstanceView
{
    private const int Shown = 12;

    private abstract record Item(string Name);
    private sealed record Scalar(string Name, string Value) : Item(Name);
    private sealed record Matrix(string Name, double[][] Rows) : Item(Name);
    private sealed record Other(string Name, string Json) : Item(Name);

    public static string Html(JsonNode node)
    {
        var items = Items(node, "");
        var sb = new StringBuilder("<div class=\"instance\">\n");
        var scalars = items.OfType<Scalar>().ToList();
        if (scalars.Count > 0)
        {
            sb.Append("<p>").AppendJoin("; ", scalars.Select(s => $"<b>{E(s.Name)}</b> = {E(s.Value)}")).Append("</p>\n");
        }
        foreach (var group in items.OfType<Matrix>().GroupBy(m => m.Name.Split('[')[0]))
        {
            sb.Append("<p>");
            foreach (var m in group)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<b>{E(m.Name)}</b> ({m.Rows.Length}×{(m.Rows.Length == 0 ? 0 : m.Rows[0].Length)}) = <table class=\"matrix\">");
                foreach (var row in m.Rows.Take(Shown))
                {
                    sb.Append("<tr>").AppendJoin("", row.Take(Shown).Select(x => $"<td>{F(x)}</td>")).Append(row.Length > Shown ? "<td>…</td>" : "").Append("</tr>");
                }
                sb.Append(m.Rows.Length > Shown ? "<tr><td>⋮</td></tr>" : "").Append("</table> ");
            }
            sb.Append("</p>\n");
        }
        foreach (var o in items.OfType<Other>())
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p><b>{E(o.Name)}</b> = <code>{E(o.Json)}</code></p>\n");
        }
        return sb.Append("</div>\n").ToString();
    }

    public static string Markdown(JsonNode node)
    {
        var items = Items(node, "");
        var sb = new StringBuilder();
        var scalars = items.OfType<Scalar>().ToList();
        if (scalars.Count > 0)
        {
            sb.AppendJoin("; ", scalars.Select(s => $"**{s.Name}** = {s.Value}")).Append("\n\n");
        }
        var matrices = items.OfType<Matrix>().ToList();
        if (matrices.Count > 0)
        {
            sb.Append("```text\n");
            foreach (var m in matrices)
            {
                var cells = m.Rows.Take(Shown).Select(r => r.Take(Shown).Select(F).ToArray()).ToList();
                int w = cells.SelectMany(c => c).Select(c => c.Length).DefaultIfEmpty(1).Max();
                sb.Append(CultureInfo.InvariantCulture, $"{m.Name} ({m.Rows.Length}×{(m.Rows.Length == 0 ? 0 : m.Rows[0].Length)}) =\n");
                foreach (var r in cells)
                {
                    sb.Append("  [ ").AppendJoin("  ", r.Select(c => c.PadLeft(w))).Append(" ]\n");
                }
            }
            sb.Append("```\n");
        }
        foreach (var o in items.OfType<Other>())
        {
            sb.Append(CultureInfo.InvariantCulture, $"**{o.Name}** = `{o.Json}`\n\n");
        }
        return sb.ToString();
    }

    private static List<Item> Items(JsonNode? node, string name)
    {
        var list = new List<Item>();
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    list.AddRange(Items(value, name.Length == 0 ? key : $"{name}.{key}"));
                }
                break;
            case JsonValue v when v.TryGetValue(out double d):
                list.Add(new Scalar(name, F(d)));
                break;
            case JsonValue v when v.TryGetValue(out string? s):
                list.Add(new Scalar(name, s));
                break;
            case JsonArray a when Vector(a) is { } vec:
                list.Add(new Matrix(name, [vec]));
                break;
            case JsonArray a when MatrixOf(a) is { } rows:
                list.Add(new Matrix(name, rows));
                break;
            case JsonArray a when a.Count > 0 && a.All(x => x is JsonArray xa && MatrixOf(xa) is not null):
                for (int i = 0; i < a.Count; i++)
                {
                    list.Add(new Matrix($"{name}[{i + 1}]", MatrixOf((JsonArray)a[i]!)!));
                }
                break;
            case null:
                break;
            default:
                list.Add(new Other(name, node.ToJsonString()));
                break;
        }
        return list;
    }

    private static double[]? Vector(JsonArray a) =>
        a.Count > 0 && a.All(x => x is JsonValue v && v.TryGetValue(out double _)) ? [.. a.Select(x => x!.GetValue<double>())] : null;

    private static double[][]? MatrixOf(JsonArray a)
    {
        if (a.Count == 0 || !a.All(x => x is JsonArray r && Vector(r) is not null))
        {
            return null;
        }
        var rows = a.Select(x => Vector((JsonArray)x!)!).ToArray();
        return rows.All(r => r.Length == rows[0].Length) ? rows : null;
    }

    private static string F(double d) => d.ToString("G6", CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
