using System.Text.Json.Nodes;

namespace VerifyDynamics.Harness.Certificates;

/// <summary>Reads and writes <c>certificates/&lt;PAPER&gt;/&lt;Id&gt;.json</c>, atomically.</summary>
public sealed class CertificateStore(string root)
{
    public string Root { get; } = root;

    public string PathFor(string paper, string name) => Path.Combine(Root, paper, $"{name}.json");

    /// <summary>Seals (hashes) and writes a certificate; returns its path.</summary>
    public string Write(JsonObject certificate)
    {
        string paper = certificate["paper"]!.GetValue<string>();
        string id = certificate["statement"]!.GetValue<string>();
        string path = PathFor(paper, id[(paper.Length + 1)..]);
        AtomicFile.WriteAllText(path, CanonicalJson.Seal(certificate));
        return path;
    }

    /// <summary>Every certificate under the root, in a stable order.</summary>
    public IEnumerable<(string Path, string Text)> ReadAll()
    {
        if (!Directory.Exists(Root))
        {
            yield break;
        }
        foreach (var path in Directory.EnumerateFiles(Root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            yield return (path, File.ReadAllText(path));
        }
    }

    public static JsonObject Parse(string text) =>
        JsonNode.Parse(text) as JsonObject ?? throw new System.Text.Json.JsonException("a certificate must be a JSON object");
}
