using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;

namespace VerifyDynamics.Theorems.Model;

/// <summary>An instance file that does not describe a valid instance; <see cref="Field"/> names the JSON path.</summary>
public sealed class InstanceFormatException(string field, string message) : Exception($"{field}: {message}")
{
    public string Field { get; } = field;
}

/// <summary>
/// JSON form of <see cref="Instance"/>: <c>{"family", "dims", "weights", "target", "eta", "scalars", "matrices", "matrixLists"}</c>,
/// each matrix an array of rows. Doubles are written in shortest round-trip form, so a replayed
/// instance is bit-identical. Pure (strings in, strings out): files are the harness's business.
/// </summary>
public static class InstanceJson
{
    public static JsonObject ToJson(Instance instance)
    {
        var o = new JsonObject { ["family"] = instance.Family };
        if (!instance.Dims.IsDefaultOrEmpty)
        {
            o["dims"] = new JsonArray([.. instance.Dims.Select(d => (JsonNode)d)]);
        }
        if (!instance.Weights.IsDefaultOrEmpty)
        {
            o["weights"] = new JsonArray([.. instance.Weights.Select(MatrixToJson)]);
        }
        if (instance.Target is { } target)
        {
            o["target"] = MatrixToJson(target);
        }
        if (instance.Eta is { } eta)
        {
            o["eta"] = eta;
        }
        if (!instance.Scalars.IsEmpty)
        {
            var s = new JsonObject();
            foreach (var (k, v) in instance.Scalars)
            {
                s[k] = double.IsFinite(v) ? v : v.ToString(CultureInfo.InvariantCulture);
            }
            o["scalars"] = s;
        }
        if (!instance.Matrices.IsEmpty)
        {
            var m = new JsonObject();
            foreach (var (k, v) in instance.Matrices)
            {
                m[k] = MatrixToJson(v);
            }
            o["matrices"] = m;
        }
        if (!instance.MatrixLists.IsEmpty)
        {
            var m = new JsonObject();
            foreach (var (k, v) in instance.MatrixLists)
            {
                m[k] = new JsonArray([.. v.Select(MatrixToJson)]);
            }
            o["matrixLists"] = m;
        }
        return o;
    }

    public static JsonNode MatrixToJson(Matrix<double> m)
    {
        var rows = new JsonArray();
        for (int i = 0; i < m.RowCount; i++)
        {
            rows.Add(new JsonArray([.. Enumerable.Range(0, m.ColumnCount).Select(j => (JsonNode)m[i, j])]));
        }
        return rows;
    }

    /// <summary>Parses and validates an instance; every problem names its field (e.g. <c>weights[1][0][2]</c>).</summary>
    public static Instance Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new InstanceFormatException("$", $"not valid JSON ({e.Message})");
        }
        if (root is not JsonObject o)
        {
            throw new InstanceFormatException("$", "an instance must be a JSON object");
        }
        var known = new HashSet<string>(StringComparer.Ordinal) { "family", "dims", "weights", "target", "eta", "scalars", "matrices", "matrixLists" };
        foreach (var (key, _) in o)
        {
            if (!known.Contains(key))
            {
                throw new InstanceFormatException(key, $"unknown field (known: {string.Join(", ", known)})");
            }
        }
        var instance = new Instance { Family = o["family"] is { } f ? ReadString(f, "family") : "user" };
        if (o["dims"] is { } dimsNode)
        {
            var dims = ReadArray(dimsNode, "dims").Select((n, i) => ReadPositiveInt(n, $"dims[{i}]")).ToImmutableArray();
            if (dims.Length < 2)
            {
                throw new InstanceFormatException("dims", "needs at least two widths d_0, d_1");
            }
            instance = instance with { Dims = dims };
        }
        if (o["weights"] is { } weightsNode)
        {
            var weights = ReadArray(weightsNode, "weights").Select((n, i) => ReadMatrix(n, $"weights[{i}]")).ToImmutableArray();
            if (weights.Length == 0)
            {
                throw new InstanceFormatException("weights", "needs at least one layer");
            }
            if (instance.Dims.IsDefaultOrEmpty)
            {
                throw new InstanceFormatException("dims", "is required when weights are given");
            }
            if (weights.Length != instance.Dims.Length - 1)
            {
                throw new InstanceFormatException("weights", $"has {weights.Length} layers but dims lists {instance.Dims.Length} widths (expected {instance.Dims.Length - 1} layers)");
            }
            for (int j = 0; j < weights.Length; j++)
            {
                int rows = instance.Dims[j + 1], cols = instance.Dims[j];
                if (weights[j].RowCount != rows || weights[j].ColumnCount != cols)
                {
                    throw new InstanceFormatException($"weights[{j}]", $"is {weights[j].RowCount}×{weights[j].ColumnCount} but dims say W_{j + 1} is {rows}×{cols} (d_{j + 1} × d_{j})");
                }
            }
            instance = instance with { Weights = weights };
        }
        if (o["target"] is { } targetNode)
        {
            var target = ReadMatrix(targetNode, "target");
            if (!instance.Dims.IsDefaultOrEmpty && (target.RowCount != instance.Dims[^1] || target.ColumnCount != instance.Dims[0]))
            {
                throw new InstanceFormatException("target", $"is {target.RowCount}×{target.ColumnCount} but dims say Φ is {instance.Dims[^1]}×{instance.Dims[0]} (d_N × d_0)");
            }
            instance = instance with { Target = target };
        }
        if (o["eta"] is { } etaNode)
        {
            double eta = ReadFinite(etaNode, "eta");
            if (eta <= 0)
            {
                throw new InstanceFormatException("eta", $"must be positive, got {eta.ToString(CultureInfo.InvariantCulture)}");
            }
            instance = instance with { Eta = eta };
        }
        if (o["scalars"] is { } scalarsNode)
        {
            if (scalarsNode is not JsonObject so)
            {
                throw new InstanceFormatException("scalars", "must be an object of name → number");
            }
            instance = instance with
            {
                Scalars = so.ToImmutableSortedDictionary(kv => kv.Key, kv => ReadFinite(kv.Value, $"scalars.{kv.Key}"), StringComparer.Ordinal),
            };
        }
        if (o["matrices"] is { } matricesNode)
        {
            if (matricesNode is not JsonObject mo)
            {
                throw new InstanceFormatException("matrices", "must be an object of name → matrix");
            }
            instance = instance with
            {
                Matrices = mo.ToImmutableSortedDictionary(kv => kv.Key, kv => ReadMatrix(kv.Value, $"matrices.{kv.Key}"), StringComparer.Ordinal),
            };
        }
        if (o["matrixLists"] is { } listsNode)
        {
            if (listsNode is not JsonObject lo)
            {
                throw new InstanceFormatException("matrixLists", "must be an object of name → array of matrices");
            }
            instance = instance with
            {
                MatrixLists = lo.ToImmutableSortedDictionary(
                    kv => kv.Key,
                    kv => ReadArray(kv.Value, $"matrixLists.{kv.Key}").Select((n, i) => ReadMatrix(n, $"matrixLists.{kv.Key}[{i}]")).ToImmutableArray(),
                    StringComparer.Ordinal),
            };
        }
        return instance;
    }

    private static string ReadString(JsonNode node, string field) =>
        node is JsonValue v && v.TryGetValue(out string? s) ? s : throw new InstanceFormatException(field, "must be a string");

    private static JsonArray ReadArray(JsonNode? node, string field) =>
        node as JsonArray ?? throw new InstanceFormatException(field, "must be an array");

    private static int ReadPositiveInt(JsonNode? node, string field)
    {
        if (node is JsonValue v && v.TryGetValue(out double d) && d == Math.Floor(d) && d >= 1 && d <= 100_000)
        {
            return (int)d;
        }
        throw new InstanceFormatException(field, $"must be a positive integer width, got {node?.ToJsonString() ?? "null"}");
    }

    private static double ReadFinite(JsonNode? node, string field)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out double d))
        {
            if (!double.IsFinite(d))
            {
                throw new InstanceFormatException(field, "must be a finite number");
            }
            return d;
        }
        throw new InstanceFormatException(field, $"must be a finite number, got {node?.ToJsonString() ?? "null"}");
    }

    private static Matrix<double> ReadMatrix(JsonNode? node, string field)
    {
        var rows = ReadArray(node, field);
        if (rows.Count == 0)
        {
            throw new InstanceFormatException(field, "a matrix needs at least one row");
        }
        int cols = -1;
        var data = new List<double[]>();
        for (int i = 0; i < rows.Count; i++)
        {
            var row = ReadArray(rows[i], $"{field}[{i}]");
            if (cols < 0)
            {
                cols = row.Count;
                if (cols == 0)
                {
                    throw new InstanceFormatException($"{field}[{i}]", "a row needs at least one entry");
                }
            }
            else if (row.Count != cols)
            {
                throw new InstanceFormatException($"{field}[{i}]", $"has {row.Count} entries but row 0 has {cols}");
            }
            data.Add([.. row.Select((x, j) => ReadFinite(x, $"{field}[{i}][{j}]"))]);
        }
        return Matrix<double>.Build.DenseOfRowArrays(data);
    }
}
