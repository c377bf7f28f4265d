using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Harness.Trials;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Certificates;

/// <summary>
/// The certificate seal (<see cref="CanonicalJson"/>): every committed certificate still checks, and the seal depends on
/// the order of lines, members and array elements (issue 15: a seal computed over sorted lines, in seal and check alike,
/// broke every committed certificate and no test noticed).
/// </summary>
public sealed class SealTests
{
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VerifyDynamics.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("VerifyDynamics.sln was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The committed certificates: JSON objects with a "schema" member under certificates/ (other JSON files are skipped).</summary>
    private static List<string> CommittedCertificates()
    {
        string dir = Path.Combine(RepositoryRoot(), "certificates");
        Assert.True(Directory.Exists(dir), $"{dir} does not exist");
        return [.. Directory.EnumerateFiles(dir, "*.json", SearchOption.AllDirectories)
            .Where(f => JsonNode.Parse(File.ReadAllText(f)) is JsonObject o && o["schema"]?.GetValue<string>() == Harness.Certificates.CertificateBuilder.Schema)
            .Order(StringComparer.Ordinal)];
    }

    private static string ToySealed() =>
        CanonicalJson.Seal(CertificateBuilder.Build(StatementRunner.Run(ToyStatements.UniformBelowOne(trials: 3), new RunOptions(new Seed(7)))));

    private static bool SealHolds(string text)
    {
        var (stored, recomputed) = CanonicalJson.CheckSeal(text);
        return stored is not null && stored == recomputed;
    }

    [Fact]
    public void EveryCommittedCertificate_HasAValidSeal()
    {
        var files = CommittedCertificates();
        Assert.NotEmpty(files);
        var broken = files.Where(f => !SealHolds(File.ReadAllText(f))).Select(f => Path.GetRelativePath(RepositoryRoot(), f)).ToList();
        Assert.True(broken.Count == 0, $"{broken.Count} of {files.Count} committed certificates fail their seal, e.g. {string.Join(", ", broken.Take(5))}");
    }

    [Fact]
    public void EveryCommittedCertificate_IsInCanonicalForm()
    {
        // Re-serializing the parsed document reproduces the file byte for byte (members in order, LF, two-space indent).
        foreach (var f in CommittedCertificates().Take(40))
        {
            string text = File.ReadAllText(f);
            Assert.Equal(text, CanonicalJson.Serialize(JsonNode.Parse(text)!));
        }
    }

    [Fact]
    public void SwappingTwoLines_BreaksTheSeal()
    {
        string text = ToySealed();
        Assert.True(SealHolds(text));
        var lines = text.Split('\n');
        // Lines 1 and 2 are the first two members ("schema", "statement"), each ending with a comma: still valid JSON.
        Assert.EndsWith(",", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",", lines[2], StringComparison.Ordinal);
        (lines[1], lines[2]) = (lines[2], lines[1]);
        string swapped = string.Join('\n', lines);
        Assert.NotNull(JsonNode.Parse(swapped));
        Assert.False(SealHolds(swapped), "a certificate with two member lines swapped still passes its seal");
    }

    [Fact]
    public void SwappingTwoLines_OfACommittedCertificate_BreaksTheSeal()
    {
        string text = File.ReadAllText(CommittedCertificates()[0]);
        var lines = text.Split('\n');
        (lines[2], lines[3]) = (lines[3], lines[2]);
        Assert.False(SealHolds(string.Join('\n', lines)));
    }

    [Fact]
    public void ReversingTheMembers_BreaksTheSeal()
    {
        var doc = JsonNode.Parse(ToySealed())!.AsObject();
        string hash = doc[CanonicalJson.HashField]!.GetValue<string>();
        var reversed = new JsonObject();
        foreach (var (key, value) in doc.Where(kv => kv.Key != CanonicalJson.HashField).Reverse().ToList())
        {
            doc.Remove(key);
            reversed[key] = value;
        }
        reversed[CanonicalJson.HashField] = hash;
        Assert.False(SealHolds(CanonicalJson.Serialize(reversed)));
    }

    [Fact]
    public void TheSealIsTheSha256OfTheDocumentWithoutIt()
    {
        var doc = new JsonObject { ["schema"] = "toy/1", ["b"] = 1, ["a"] = new JsonArray(1, 2) };
        string sealedText = CanonicalJson.Seal(doc);
        Assert.Equal("{\n  \"schema\": \"toy/1\",\n  \"b\": 1,\n  \"a\": [\n    1,\n    2\n  ]\n}\n", CanonicalJson.Serialize(JsonNode.Parse(sealedText)!.AsObject().Let(o => o.Remove(CanonicalJson.HashField))));
        string expected = CanonicalJson.Sha256Hex("{\n  \"schema\": \"toy/1\",\n  \"b\": 1,\n  \"a\": [\n    1,\n    2\n  ]\n}\n");
        Assert.Equal(expected, JsonNode.Parse(sealedText)![CanonicalJson.HashField]!.GetValue<string>());
        Assert.Equal((expected, expected), CanonicalJson.CheckSeal(sealedText));
        // Sealing again replaces the member instead of adding a second one.
        Assert.Equal(sealedText, CanonicalJson.Seal(JsonNode.Parse(sealedText)!.AsObject()));
        Assert.Equal((null, CanonicalJson.Sha256Hex("{}\n")), CanonicalJson.CheckSeal("{}"));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"text\"")]
    public void CheckSeal_OfSomethingOtherThanAnObject_SaysACertificateIsAnObject(string text) =>
        Assert.Equal("a certificate must be a JSON object", Assert.Throws<System.Text.Json.JsonException>(() => CanonicalJson.CheckSeal(text)).Message);

    [Fact]
    public void NonFiniteNumbers_AreStrings()
    {
        Assert.Equal("\"NaN\"", CanonicalJson.Number(double.NaN).ToJsonString());
        Assert.Equal("\"Infinity\"", CanonicalJson.Number(double.PositiveInfinity).ToJsonString());
        Assert.Equal("\"-Infinity\"", CanonicalJson.Number(double.NegativeInfinity).ToJsonString());
        Assert.Equal("0.1", CanonicalJson.Number(0.1).ToJsonString());
    }

    // ---- properties (FsCheck, pinned seeds) ----

    private static Gen<JsonNode?> Value(int depth) => depth == 0
        ? Gen.OneOf(
            Gen.Choose(-1_000_000, 1_000_000).Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Choose(-1_000_000, 1_000_000).Select(i => (JsonNode?)CanonicalJson.Number(i / 997.0)),
            Gen.Elements("a", "ü ≤ λ", "quote \" and \\ slash", "line\nbreak", "").Select(s => (JsonNode?)JsonValue.Create(s)),
            Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b)),
            Gen.Constant<JsonNode?>(null))
        : Gen.OneOf(
            Value(0),
            Gen.ListOf(Value(depth - 1), 3).Select(l => (JsonNode?)new JsonArray([.. l])),
            Object(depth - 1).Select(o => (JsonNode?)o));

    private static Gen<JsonObject> Object(int depth) =>
        from n in Gen.Choose(1, 5)
        from values in Gen.ListOf(Value(depth), n)
        select new JsonObject(values.Select((v, i) => KeyValuePair.Create<string, JsonNode?>($"k{(i * 7919) % 13}_{i}", v)));

    private static Arbitrary<JsonObject> Documents { get; } = Object(2).ToArbitrary();

    [Property(Replay = "(20261207,19)", MaxTest = 100)]
    public Property Serialize_RoundTripsThroughParse() => Prop.ForAll(Documents, doc =>
    {
        string text = CanonicalJson.Serialize(doc);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.Equal(text, CanonicalJson.Serialize(JsonNode.Parse(text)!));
    });

    [Property(Replay = "(20261207,37)", MaxTest = 100)]
    public Property Seal_Checks_AndAnyChangedValueOrOrderBreaksIt() => Prop.ForAll(Documents, Gen.Choose(0, 1000).ToArbitrary(), (doc, pick) =>
    {
        string text = CanonicalJson.Seal(doc);
        Assert.True(SealHolds(text));
        var parsed = JsonNode.Parse(text)!.AsObject();
        var keys = parsed.Select(kv => kv.Key).Where(k => k != CanonicalJson.HashField).ToList();
        // Change one member's value.
        var changed = JsonNode.Parse(text)!.AsObject();
        string key = keys[pick % keys.Count];
        changed[key] = "tampered";
        if (parsed[key] is JsonValue v && v.TryGetValue<string>(out var s) && s == "tampered")
        {
            return;
        }
        Assert.False(SealHolds(CanonicalJson.Serialize(changed)));
        // Move one member to the end (a different order whenever it was not already last).
        if (keys.Count > 1 && pick % keys.Count != keys.Count - 1)
        {
            var moved = JsonNode.Parse(text)!.AsObject();
            var node = moved[key];
            moved.Remove(key);
            string hash = moved[CanonicalJson.HashField]!.GetValue<string>();
            moved.Remove(CanonicalJson.HashField);
            moved[key] = node;
            moved[CanonicalJson.HashField] = hash;
            Assert.False(SealHolds(CanonicalJson.Serialize(moved)), $"moving {key} to the end kept the seal");
        }
    });
}

internal static class JsonObjectExtensions
{
    public static JsonObject Let(this JsonObject o, Action<JsonObject> action)
    {
        action(o);
        return o;
    }
}
