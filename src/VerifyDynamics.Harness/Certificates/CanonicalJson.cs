using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VerifyDynamics.Harness.Certificates;

/// <summary>
/// The one way certificates are serialized: members in insertion (declaration) order, two-space
/// indentation, LF line endings, shortest round-trip doubles, non-ASCII kept readable. The
/// <c>sha256</c> member is the SHA-256 of the document serialized without it.
/// </summary>
public static class CanonicalJson
{
    public const string HashField = "sha256";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    public static string Serialize(JsonNode node) => node.ToJsonString(Options) + "\n";

    public static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Adds (or replaces) the hash member and returns the final text.</summary>
    public static string Seal(JsonObject document)
    {
        document.Remove(HashField);
        string hash = Sha256Hex(Serialize(document));
        document[HashField] = hash;
        return Serialize(document);
    }

    /// <summary>Recomputes the hash of a sealed document: (stored, recomputed).</summary>
    public static (string? Stored, string Recomputed) CheckSeal(string text)
    {
        var node = JsonNode.Parse(text) as JsonObject ?? throw new JsonException("a certificate must be a JSON object");
        string? stored = node[HashField]?.GetValue<string>();
        node.Remove(HashField);
        return (stored, Sha256Hex(Serialize(node)));
    }

    /// <summary>A double as JSON: a number when finite, else the strings "NaN", "Infinity", "-Infinity".</summary>
    public static JsonNode Number(double value) =>
        double.IsFinite(value)
            ? JsonValue.Create(value)
            : JsonValue.Create(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
}
