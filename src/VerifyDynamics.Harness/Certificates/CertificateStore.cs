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

    /// <summary>Every certificate file under the root (<c>&lt;PAPER&gt;/&lt;Name&gt;.json</c>; files at the root, such as the campaign manifest, are not certificates), in a stable order.</summary>
    public IEnumerable<string> Paths()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }
        return Directory.EnumerateDirectories(Root)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.json", SearchOption.TopDirectoryOnly))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>Every certificate under the root with its text, in the order of <see cref="Paths"/>.</summary>
    public IEnumerable<(string Path, string Text)> ReadAll()
    {
        foreach (var path in Paths())
        {
            yield return (path, File.ReadAllText(path));
        }
    }

    /// <summary>The statement id a certificate path stands for (<c>ACGH19/Lemma5.json</c> → <c>ACGH19.Lemma5</c>).</summary>
    public string IdOf(string path)
    {
        string rel = Path.GetRelativePath(Root, path);
        string paper = Path.GetDirectoryName(rel) ?? "";
        return $"{paper}.{Path.GetFileNameWithoutExtension(rel)}";
    }

    public static JsonObject Parse(string text) =>
        JsonNode.Parse(text) as JsonObject ?? throw new System.Text.Json.JsonException("a certificate must be a JSON object");
}
