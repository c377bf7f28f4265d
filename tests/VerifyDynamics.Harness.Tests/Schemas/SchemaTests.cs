using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Harness.Tests.Committed;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Harness.Verdicts;
using VerifyDynamics.Symbolic.Proving;
using VerifyDynamics.Theorems;
using VerifyDynamics.Theorems.Model;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Schemas;

/// <summary>
/// The committed JSON schemas (<c>schemas/certificate.schema.json</c>, <c>schemas/instance.schema.json</c>, draft 2020-12) against
/// what the code writes and reads: every committed certificate and instance file validates, fresh output of the writer
/// validates, the enums are exactly the writer's words, and hand-broken documents are rejected.
/// </summary>
public sealed class SchemaTests
{
    private static readonly Lazy<(JsonSchema Certificate, JsonSchema Instance)> Schemas = new(() =>
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var instance = JsonSchema.FromFile(RepositoryFiles.PathOf("schemas/instance.schema.json"), options);
        var certificate = JsonSchema.FromFile(RepositoryFiles.PathOf("schemas/certificate.schema.json"), options);
        return (certificate, instance);
    });

    private static JsonSchema CertificateSchema => Schemas.Value.Certificate;

    private static JsonSchema InstanceSchema => Schemas.Value.Instance;

    /// <summary>The validation errors of a document, most specific first (failed branches of an anyOf are left out unless nothing else failed), or empty.</summary>
    internal static IReadOnlyList<string> Errors(JsonSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }
        var all = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => (Branch: d.EvaluationPath.ToString().Contains("/anyOf/", StringComparison.Ordinal), Text: $"{d.InstanceLocation}: {e.Key}: {e.Value}")))
            .ToList();
        var direct = all.Where(e => !e.Branch).Select(e => e.Text).ToList();
        return direct.Count > 0 ? direct : [.. all.Select(e => e.Text).DefaultIfEmpty("invalid (no detail)")];
    }

    private static void AssertValid(JsonSchema schema, string json, string what)
    {
        var errors = Errors(schema, json);
        Assert.True(errors.Count == 0, $"{what} does not validate:\n  {string.Join("\n  ", errors.Take(8))}");
    }

    /// <summary>The document is rejected, and some error says <paramref name="expected"/> ("/path: keyword", or a missing member's name).</summary>
    private static void AssertInvalid(JsonSchema schema, string json, string what, string expected)
    {
        var errors = Errors(schema, json);
        Assert.True(errors.Count > 0, $"{what} was accepted by the schema");
        Assert.True(errors.Any(e => e.Contains(expected, StringComparison.Ordinal)), $"{what}: expected an error with '{expected}', got:\n  {string.Join("\n  ", errors.Take(8))}");
    }

    public static TheoryData<string> Certificates() => [.. RepositoryFiles.CertificatePaths()];

    public static TheoryData<string> Instances() => [.. RepositoryFiles.InstancePaths()];

    [Fact]
    public void TheSchemasAreDraft202012()
    {
        foreach (var name in new[] { "certificate", "instance" })
        {
            string text = File.ReadAllText(RepositoryFiles.PathOf($"schemas/{name}.schema.json"));
            Assert.Equal("https://json-schema.org/draft/2020-12/schema", JsonNode.Parse(text)!["$schema"]!.GetValue<string>());
            AssertValid(MetaSchemas.Draft202012, text, $"schemas/{name}.schema.json against the draft 2020-12 meta-schema");
        }
    }

    [Fact]
    public void EveryCommittedFileIsFound()
    {
        Assert.True(RepositoryFiles.CertificatePaths().Count >= 201, $"only {RepositoryFiles.CertificatePaths().Count} certificates found");
        Assert.Contains("reports/counterexamples/JGGSH21/Lemma25.PrintedUnequalDims.json", RepositoryFiles.InstancePaths());
        Assert.Contains("src/VerifyDynamics.Benchmarks/dln-16-52-52-16.json", RepositoryFiles.InstancePaths());
    }

    [Theory]
    [MemberData(nameof(Certificates))]
    public void CommittedCertificate_Validates(string relative) =>
        AssertValid(CertificateSchema, File.ReadAllText(RepositoryFiles.PathOf(relative)), relative);

    [Theory]
    [MemberData(nameof(Certificates))]
    public void EveryInstanceInACommittedCertificate_IsAnInstanceTheReaderAccepts(string relative)
    {
        var certificate = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf(relative)))!;
        foreach (var (path, instance) in EmbeddedInstances(certificate, ""))
        {
            string json = instance.ToJsonString();
            AssertValid(InstanceSchema, json, $"{relative} {path}");
            ReadAsVdDoes(json);
        }
    }

    [Theory]
    [MemberData(nameof(Instances))]
    public void CommittedInstanceFile_Validates_AndTheReaderAgrees(string relative)
    {
        string text = File.ReadAllText(RepositoryFiles.PathOf(relative));
        AssertValid(InstanceSchema, text, relative);
        ReadAsVdDoes(text);
    }

    [Fact]
    public void FreshCertificates_Validate()
    {
        // What the writer emits today (not only what was committed): a paper statement with obligations and variants, and a
        // toy statement with a refuting mutant and a refuted run (counterexamples listed).
        var claim1 = StatementRunner.Run(Catalog.Get("ACGH19.Claim1"), new RunOptions(new Seed(7), Trials: 6, Parallelism: 2));
        AssertValid(CertificateSchema, CanonicalJson.Seal(CertificateBuilder.Build(claim1)), "a fresh ACGH19.Claim1 certificate");
        var toy = StatementRunner.Run(ToyStatements.UniformBelowOne(trials: 8), new RunOptions(new Seed(7)));
        AssertValid(CertificateSchema, CanonicalJson.Seal(CertificateBuilder.Build(toy)), "a fresh toy certificate");
        var refuted = StatementRunner.Run(ToyStatements.UniformBelowOne(trials: 8).WithConstantDefault("bound", Rational.Of(3)), new RunOptions(new Seed(7)));
        string refutedText = CanonicalJson.Seal(CertificateBuilder.Build(refuted));
        Assert.Equal("refuted", JsonNode.Parse(refutedText)!["verdict"]!.GetValue<string>());
        AssertValid(CertificateSchema, refutedText, "a fresh refuted toy certificate");
    }

    [Fact]
    public void SchemaEnums_AreExactlyTheWritersWords()
    {
        var schema = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf("schemas/certificate.schema.json")))!;
        static string[] Words<T>(Func<T, string> word) where T : struct, Enum => [.. System.Enum.GetValues<T>().Select(word).Order(StringComparer.Ordinal)];
        static string[] Listed(JsonNode? node) => [.. node!["enum"]!.AsArray().Select(x => x!.GetValue<string>()).Order(StringComparer.Ordinal)];
        var defs = schema["$defs"]!;
        Assert.Equal(Words<Verdict>(v => v.ToKebab()), Listed(defs["verdict"]));
        Assert.Equal(Words<EvidenceGrade>(g => g.ToKebab()), Listed(defs["grade"]));
        Assert.Equal(Words<Core.Numbers.ToleranceKind>(k => k.ToString().ToLowerInvariant()), Listed(defs["toleranceKind"]));
        Assert.Equal(Words<MarginShape>(s => s.ToString().ToLowerInvariant()), Listed(defs["shape"]));
        Assert.Equal(Words<InstanceOutcome>(o => o.ToString().ToLowerInvariant()), Listed(defs["outcome"]));
        Assert.Equal(Words<UtilizationState>(s => s.ToString().ToLowerInvariant()), Listed(defs["utilization"]!["properties"]!["state"]));
        Assert.Equal(Words<ProofStatus>(s => s.ToString().ToLowerInvariant()), Listed(defs["obligation"]!["properties"]!["status"]));
        Assert.Equal(Words<VariantRole>(r => r.Word()), Listed(defs["variant"]!["properties"]!["role"]));
        Assert.Equal(Words<StatementKind>(k => k.ToString().ToLowerInvariant()), Listed(schema["properties"]!["kind"]));
        Assert.Equal(Words<Checkability>(c => c.ToString().ToLowerInvariant()), Listed(schema["properties"]!["checkability"]));
        Assert.Equal([.. Words<FidelityKind>(k => new Fidelity(k, "").Word).Append("none").Order(StringComparer.Ordinal)], Listed(schema["properties"]!["fidelity"]!["properties"]!["kind"]));
        Assert.Equal(CertificateBuilder.Schema, schema["properties"]!["schema"]!["const"]!.GetValue<string>());
    }

    /// <summary>A committed certificate, edited: each edit must be rejected, with the error at the edited member.</summary>
    public static TheoryData<string, string> BrokenCertificates() => new()
    {
        { "missing member verdict", "required: Required properties [\"verdict\"]" },
        { "missing member trials.count", "/trials: required: Required properties [\"count\"]" },
        { "missing member sha256", "required: Required properties [\"sha256\"]" },
        { "wrong verdict word", "/verdict: " },
        { "wrong grade word", "/evidence/grade: " },
        { "wrong fidelity kind", "/fidelity/kind: " },
        { "wrong tolerance kind", "/trials/weakestTolerance/kind: " },
        { "wrong margin shape", "/utilization/margins/0/shape: " },
        { "extra top-level member", "/verdicts: " },
        { "extra member in evidence", "/evidence/confidence: " },
        { "extra member in an embedded instance", "/trials/worst/instance/sigma: " },
        { "trial count as text", "/trials/count: " },
        { "seal not hex", "/sha256: " },
    };

    [Theory]
    [MemberData(nameof(BrokenCertificates))]
    public void BrokenCertificate_IsRejected(string edit, string location)
    {
        var c = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf("certificates/ACGH19/Thm1.json")))!.AsObject();
        AssertValid(CertificateSchema, c.ToJsonString(), "certificates/ACGH19/Thm1.json before the edit");
        switch (edit)
        {
            case "missing member verdict": c.Remove("verdict"); break;
            case "missing member trials.count": c["trials"]!.AsObject().Remove("count"); break;
            case "missing member sha256": c.Remove("sha256"); break;
            case "wrong verdict word": c["verdict"] = "holds"; break;
            case "wrong grade word": c["evidence"]!["grade"] = "proved"; break;
            case "wrong fidelity kind": c["fidelity"]!["kind"] = "partial"; break;
            case "wrong tolerance kind": c["trials"]!["weakestTolerance"]!["kind"] = "estimated"; break;
            case "wrong margin shape": c["utilization"]!["margins"]![0]!["shape"] = "upper"; break;
            case "extra top-level member": c["verdicts"] = "certified"; break;
            case "extra member in evidence": c["evidence"]!["confidence"] = 0.99; break;
            case "extra member in an embedded instance": c["trials"]!["worst"]!["instance"]!["sigma"] = 1; break;
            case "trial count as text": c["trials"]!["count"] = "60"; break;
            case "seal not hex": c["sha256"] = "Hash_1"; break;
            default: throw new ArgumentOutOfRangeException(nameof(edit), edit, "unknown edit");
        }
        AssertInvalid(CertificateSchema, c.ToJsonString(), $"certificates/ACGH19/Thm1.json with {edit}", location);
    }

    [Fact]
    public void TheBuildsSourceId_IsRequired_AndIsATreeId()
    {
        // Provenance: tools.source is the git tree id of the source that built vd (BuildInfo.SourceId).
        var c = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf("certificates/ACGH19/Thm1.json")))!.AsObject();
        c["tools"]!["commit"] = "4afb641";
        AssertValid(CertificateSchema, c.ToJsonString(), "a certificate with a further tools entry");
        c["tools"]!["source"] = "4afb641";
        AssertInvalid(CertificateSchema, c.ToJsonString(), "a certificate whose source id is not a tree id", "/tools/source: ");
        c["tools"]!.AsObject().Remove("source");
        AssertInvalid(CertificateSchema, c.ToJsonString(), "a certificate without its build's source id", "/tools: required");
        c["tools"]!["source"] = "unknown";
        c["provenance"] = "4afb641";
        AssertInvalid(CertificateSchema, c.ToJsonString(), "a certificate with an unknown top-level member", "/provenance: ");
    }

    /// <summary>Instance documents the reader rejects, with the JSON path the schema must name too.</summary>
    public static TheoryData<string, string> BrokenInstances() => new()
    {
        { """{"dims":[2,2],"weights":[[[1,0],[0,1]]],"sigma":1}""", "/sigma: " },
        { """{"weights":[[[1,0],[0,1]]]}""", "dependentRequired" },
        { """{"dims":[2,2],"weights":[[[1,0],[0,"x"]]]}""", "/weights/0/1/1: " },
        { """{"dims":[2,0]}""", "/dims/1: " },
        { """{"dims":[2]}""", "/dims: " },
        { """{"dims":[2,2],"eta":0}""", "/eta: " },
        { """{"dims":[2,2],"weights":[]}""", "/weights: " },
        { """{"scalars":{"t":"NaN"}}""", "/scalars/t: " },
        { """{"matrices":{"A":[]}}""", "/matrices/A: " },
        { """{"matrices":{"A":[[]]}}""", "/matrices/A/0: " },
        { """{"family":3}""", "/family: " },
        { """{"dims":[2,2],"target":[[1e101,0],[0,1]]}""", "/target/0/0: " },
        { """[1,2]""", ": type: " },
    };

    [Theory]
    [MemberData(nameof(BrokenInstances))]
    public void BrokenInstance_IsRejectedByTheSchemaAndTheReader(string json, string location)
    {
        AssertInvalid(InstanceSchema, json, json, location);
        Assert.Throws<InstanceFormatException>(() => ReadAsVdDoes(json));
    }

    /// <summary>What <c>vd check --instance</c> does with a file's text: the input limits, then the parser.</summary>
    private static Instance ReadAsVdDoes(string text)
    {
        InputFiles.CheckInstance(text);
        return InstanceJson.Parse(text);
    }

    private static IEnumerable<(string Path, JsonNode Instance)> EmbeddedInstances(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key == "instance" && value is JsonObject instance)
                    {
                        yield return ($"{path}/instance", instance);
                        continue;
                    }
                    foreach (var x in EmbeddedInstances(value, $"{path}/{key}"))
                    {
                        yield return x;
                    }
                }
                break;
            case JsonArray a:
                for (int i = 0; i < a.Count; i++)
                {
                    foreach (var x in EmbeddedInstances(a[i], $"{path}/{i}"))
                    {
                        yield return x;
                    }
                }
                break;
        }
    }
}
