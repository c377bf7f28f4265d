using System.Text.Json;
using System.Text.Json.Nodes;
using VerifyDynamics.Core;

namespace VerifyDynamics.Harness.Certificates;

/// <summary>A file that is not a readable certificate: the message names the file and what is wrong with it.</summary>
public sealed class CertificateFormatException : Exception
{
    public CertificateFormatException()
    {
    }

    public CertificateFormatException(string message) : base(message)
    {
    }

    public CertificateFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

/// <summary>
/// A certificate as read back from its file: the one reader that reports, replay, <c>verify --resume</c> and
/// <c>merge</c> share. It checks that the text is one JSON object (no duplicate member, bounded nesting), that the
/// schema is the one this vd writes, that the members every reader needs are there with the right types, and
/// recomputes the seal. Members it does not model are kept untouched in <see cref="Json"/> (newer writers add members).
/// </summary>
public sealed class Certificate
{
    private Certificate(string source, string text, JsonObject json, string? storedHash, string recomputedHash)
    {
        Source = source;
        Text = text;
        Json = json;
        StoredHash = storedHash;
        RecomputedHash = recomputedHash;
        Statement = RequireString("statement");
        Paper = RequireString("paper");
        if (!Statement.StartsWith(Paper + ".", StringComparison.Ordinal) || Statement.Length <= Paper.Length + 1)
        {
            throw Bad($"its statement '{Statement}' does not belong to its paper '{Paper}'");
        }
        Verdict = RequireString("verdict");
        RootSeed = RequireString("rootSeed");
        Trials = Require<JsonObject>("trials", "an object");
        TrialCount = Int(Trials, "trials.count");
        Variants = [.. Require<JsonArray>("variants", "an array").Select((v, i) => v as JsonObject ?? throw Bad($"variants[{i}] is not an object"))];
        Obligations = [.. Require<JsonArray>("obligations", "an array").Select((v, i) => v as JsonObject ?? throw Bad($"obligations[{i}] is not an object"))];
        Constants = [.. Require<JsonArray>("constants", "an array").Select((v, i) => v as JsonObject ?? throw Bad($"constants[{i}] is not an object"))];
        foreach (var (v, i) in Variants.Select((v, i) => (v, i)))
        {
            if (v["asExpected"] is not JsonValue e || !e.TryGetValue(out bool _))
            {
                throw Bad($"variants[{i}].asExpected is missing or not true/false");
            }
        }
        CorrectedVerdict = Json["correctedForm"] is JsonObject corrected ? String(corrected, "correctedForm.verdict") : null;
    }

    /// <summary>Where the text came from (a path), for messages.</summary>
    public string Source { get; }

    /// <summary>The file's text, byte for byte.</summary>
    public string Text { get; }

    /// <summary>The whole document, including members this reader does not model.</summary>
    public JsonObject Json { get; }

    public string? StoredHash { get; }

    public string RecomputedHash { get; }

    /// <summary>The stored seal equals the SHA-256 of the content (an accident would show; a deliberate reseal does not).</summary>
    public bool SealIntact => StoredHash == RecomputedHash;

    public string Statement { get; }

    public string Paper { get; }

    /// <summary>The statement's name within its paper (the file name without .json).</summary>
    public string Name => Statement[(Paper.Length + 1)..];

    public string Verdict { get; }

    /// <summary>The corrected form's verdict for an erratum, else null.</summary>
    public string? CorrectedVerdict { get; }

    public string RootSeed { get; }

    public JsonObject Trials { get; }

    public int TrialCount { get; }

    public IReadOnlyList<JsonObject> Variants { get; }

    public IReadOnlyList<JsonObject> Obligations { get; }

    public IReadOnlyList<JsonObject> Constants { get; }

    public bool VariantsAsExpected => Variants.All(v => v["asExpected"]!.GetValue<bool>());

    /// <summary>JSON options of every certificate read: no duplicate member (which parsers resolve differently), bounded depth.</summary>
    public static JsonDocumentOptions DocumentOptions => new() { AllowDuplicateProperties = false, MaxDepth = InputLimits.MaxJsonDepth };

    /// <summary>Reads a certificate file (size-limited); throws <see cref="CertificateFormatException"/> naming the file.</summary>
    public static Certificate ReadFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new CertificateFormatException($"certificate '{path}' does not exist");
        }
        if (info.Length > InputLimits.MaxFileBytes)
        {
            throw new CertificateFormatException($"{path} is not a readable certificate: it has {info.Length} bytes, beyond the limit of {InputLimits.MaxFileBytes} (README \"Input limits\")");
        }
        return Read(File.ReadAllText(path), path);
    }

    /// <summary>Parses and checks a certificate's text; throws <see cref="CertificateFormatException"/> naming <paramref name="source"/>.</summary>
    public static Certificate Read(string text, string source)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(text, documentOptions: DocumentOptions) as JsonObject
                ?? throw new CertificateFormatException($"{source} is not a readable certificate: it is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new CertificateFormatException($"{source} is not a readable certificate: {e.Message}", e);
        }
        string? schema = json["schema"] is JsonValue sv && sv.TryGetValue(out string? s) ? s : null;
        if (schema != CertificateBuilder.Schema)
        {
            throw new CertificateFormatException($"{source} is not a readable certificate: it has schema '{schema ?? "none"}', but this vd reads '{CertificateBuilder.Schema}'");
        }
        string? stored = json[CanonicalJson.HashField] is JsonValue hv && hv.TryGetValue(out string? h) ? h : null;
        var copy = json.DeepClone().AsObject();
        copy.Remove(CanonicalJson.HashField);
        string recomputed = CanonicalJson.Sha256Hex(CanonicalJson.Serialize(copy));
        return new Certificate(source, text, json, stored, recomputed);
    }

    /// <summary>
    /// Where two certificates differ, as JSON paths (<c>verdict</c>, <c>trials.count</c>, <c>trials.worst.instance</c>, …), at most
    /// <paramref name="limit"/> of them; the seal member is left out (it differs whenever anything else does).
    /// </summary>
    public static IReadOnlyList<string> Differences(JsonNode? a, JsonNode? b, int limit = 20)
    {
        var found = new List<string>();
        // Explicit stack, so a deep document cannot overflow the call stack.
        var stack = new Stack<(string Path, JsonNode? A, JsonNode? B)>();
        stack.Push(("", a, b));
        while (stack.Count > 0 && found.Count < limit)
        {
            var (path, x, y) = stack.Pop();
            switch (x, y)
            {
                case (JsonObject ox, JsonObject oy):
                    foreach (var key in ox.Select(kv => kv.Key).Union(oy.Select(kv => kv.Key)).Where(k => path.Length > 0 || k != CanonicalJson.HashField).Reverse())
                    {
                        string child = path.Length == 0 ? key : $"{path}.{key}";
                        bool inX = ox.ContainsKey(key), inY = oy.ContainsKey(key);
                        if (inX != inY)
                        {
                            found.Add($"{child} ({(inX ? "only in the certificate" : "only in the re-run")})");
                            continue;
                        }
                        stack.Push((child, ox[key], oy[key]));
                    }
                    break;
                case (JsonArray ax, JsonArray ay):
                    if (ax.Count != ay.Count)
                    {
                        found.Add($"{path} ({ax.Count} entries in the certificate, {ay.Count} in the re-run)");
                        break;
                    }
                    for (int i = ax.Count - 1; i >= 0; i--)
                    {
                        stack.Push(($"{path}[{i}]", ax[i], ay[i]));
                    }
                    break;
                default:
                    if (!JsonNode.DeepEquals(x, y))
                    {
                        found.Add($"{(path.Length == 0 ? "(document)" : path)}: {Show(x)} in the certificate, {Show(y)} in the re-run");
                    }
                    break;
            }
        }
        return found;
    }

    private static string Show(JsonNode? n)
    {
        string s = n?.ToJsonString() ?? "null";
        return s.Length <= 60 ? s : s[..57] + "...";
    }

    private CertificateFormatException Bad(string what) => new($"{Source} is not a readable certificate: {what}");

    private T Require<T>(string member, string kind) where T : JsonNode =>
        Json[member] as T ?? throw Bad(Json.ContainsKey(member) ? $"its member '{member}' is not {kind}" : $"it has no member '{member}' (a certificate of schema {CertificateBuilder.Schema} always has one)");

    private string RequireString(string member) =>
        Json[member] is JsonValue v && v.TryGetValue(out string? s) ? s
            : throw Bad(Json.ContainsKey(member) ? $"its member '{member}' is not a string" : $"it has no member '{member}' (a certificate of schema {CertificateBuilder.Schema} always has one)");

    private int Int(JsonObject o, string path)
    {
        string key = path[(path.LastIndexOf('.') + 1)..];
        return o[key] is JsonValue v && v.TryGetValue(out int i) ? i
            : throw Bad(o.ContainsKey(key) ? $"'{path}' is not an integer" : $"it has no member '{path}'");
    }

    private string String(JsonObject o, string path)
    {
        string key = path[(path.LastIndexOf('.') + 1)..];
        return o[key] is JsonValue v && v.TryGetValue(out string? s) ? s : throw Bad($"'{path}' is missing or not a string");
    }
}
