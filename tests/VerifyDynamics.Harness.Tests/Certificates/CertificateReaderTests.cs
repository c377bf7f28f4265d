using System.Text.Json.Nodes;
using VerifyDynamics.Core;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Harness.Trials;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Certificates;

/// <summary>
/// <see cref="Certificate"/>, the one reader of certificates: what it exposes of a good one, and the exact message for each
/// way a file can fail to be one (Stryker run 1 of reports/mutation/harness found no test of it in the Harness's filter).
/// </summary>
public sealed class CertificateReaderTests
{
    private static readonly Lazy<string> ToyText = new(() =>
        CanonicalJson.Seal(CertificateBuilder.Build(StatementRunner.Run(ToyStatements.UniformBelowOne(trials: 6), new RunOptions(new Seed(7))))));

    private static JsonObject Toy() => JsonNode.Parse(ToyText.Value)!.AsObject();

    private static string Text(JsonObject o) => CanonicalJson.Serialize(o);

    private static string ReadError(string text) =>
        Assert.Throws<CertificateFormatException>(() => Certificate.Read(text, "toy.json")).Message;

    private static string ReadError(Action<JsonObject> edit)
    {
        var o = Toy();
        edit(o);
        return ReadError(Text(o));
    }

    [Fact]
    public void AGoodCertificate_IsReadWithEveryMember()
    {
        var c = Certificate.Read(ToyText.Value, "toy.json");
        Assert.Equal("toy.json", c.Source);
        Assert.Equal(ToyText.Value, c.Text);
        Assert.Equal("TOY.UniformBelowOne", c.Statement);
        Assert.Equal("TOY", c.Paper);
        Assert.Equal("UniformBelowOne", c.Name);
        Assert.Equal("holds-on-trials", c.Verdict);
        Assert.Null(c.CorrectedVerdict);
        Assert.Equal(new Seed(7).ToString(), c.RootSeed);
        Assert.Equal(6, c.TrialCount);
        Assert.Equal(6, c.Trials["count"]!.GetValue<int>());
        Assert.Equal(["BoundTwo", "BoundHalf"], c.Variants.Select(v => v["name"]!.GetValue<string>()));
        Assert.True(c.VariantsAsExpected);
        Assert.Empty(c.Obligations);
        Assert.Equal(["bound"], c.Constants.Select(k => k["name"]!.GetValue<string>()));
        Assert.True(c.SealIntact);
        Assert.Equal(CanonicalJson.CheckSeal(ToyText.Value).Recomputed, c.RecomputedHash);
        Assert.Equal(c.StoredHash, c.RecomputedHash);
        Assert.Equal(64, c.RecomputedHash.Length);
    }

    [Fact]
    public void AnEditedCertificate_KeepsItsStoredSeal_AndTheRecomputedOneDiffers()
    {
        var o = Toy();
        string stored = o[CanonicalJson.HashField]!.GetValue<string>();
        o["verdict"] = "certified";
        var c = Certificate.Read(Text(o), "toy.json");
        Assert.False(c.SealIntact);
        Assert.Equal(stored, c.StoredHash);
        Assert.NotEqual(stored, c.RecomputedHash);
        Assert.Equal("certified", c.Verdict);

        o.Remove(CanonicalJson.HashField);
        var unsealed = Certificate.Read(Text(o), "toy.json");
        Assert.Null(unsealed.StoredHash);
        Assert.False(unsealed.SealIntact);
        Assert.Equal(CanonicalJson.Sha256Hex(CanonicalJson.Serialize(o)), unsealed.RecomputedHash);
    }

    [Fact]
    public void VariantsAsExpected_IsFalse_WhenOneVariantWasNot()
    {
        var o = Toy();
        o["variants"]![1]!["asExpected"] = false;
        Assert.False(Certificate.Read(Text(o), "toy.json").VariantsAsExpected);
    }

    [Fact]
    public void CorrectedForm_GivesTheCorrectedVerdict()
    {
        var o = Toy();
        o["correctedForm"] = new JsonObject { ["verdict"] = "certified", ["reason"] = "r" };
        Assert.Equal("certified", Certificate.Read(Text(o), "toy.json").CorrectedVerdict);
        o["correctedForm"] = new JsonObject { ["reason"] = "r" };
        Assert.Equal("toy.json is not a readable certificate: 'correctedForm.verdict' is missing or not a string", ReadError(Text(o)));
    }

    [Fact]
    public void NotJson_NotAnObject_DuplicateMember_AreRejected()
    {
        Assert.StartsWith("toy.json is not a readable certificate: ", ReadError("{ not json"), StringComparison.Ordinal);
        Assert.Equal("toy.json is not a readable certificate: it is not a JSON object", ReadError("[1, 2]"));
        Assert.IsType<System.Text.Json.JsonException>(Assert.Throws<CertificateFormatException>(() => Certificate.Read("{ not json", "toy.json")).InnerException, exactMatch: false);
        string duplicate = ToyText.Value.Replace("\"schema\":", "\"verdict\": \"certified\",\n  \"schema\":", StringComparison.Ordinal);
        Assert.Contains("is not a readable certificate", ReadError(duplicate), StringComparison.Ordinal);
        string deep = "{\"schema\":\"verifydynamics.certificate/1\",\"x\":" + new string('[', InputLimits.MaxJsonDepth + 1) + new string(']', InputLimits.MaxJsonDepth + 1) + "}";
        Assert.StartsWith("toy.json is not a readable certificate: ", ReadError(deep), StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherSchema_IsNamed()
    {
        Assert.Equal("toy.json is not a readable certificate: it has schema 'verifydynamics.certificate/2', but this vd reads 'verifydynamics.certificate/1'",
            ReadError(o => o["schema"] = "verifydynamics.certificate/2"));
        Assert.Equal("toy.json is not a readable certificate: it has schema 'none', but this vd reads 'verifydynamics.certificate/1'",
            ReadError(o => o.Remove("schema")));
        Assert.Equal("toy.json is not a readable certificate: it has schema 'none', but this vd reads 'verifydynamics.certificate/1'",
            ReadError(o => o["schema"] = 1));
    }

    [Theory]
    [InlineData("statement", "it has no member 'statement' (a certificate of schema verifydynamics.certificate/1 always has one)")]
    [InlineData("paper", "it has no member 'paper' (a certificate of schema verifydynamics.certificate/1 always has one)")]
    [InlineData("verdict", "it has no member 'verdict' (a certificate of schema verifydynamics.certificate/1 always has one)")]
    [InlineData("rootSeed", "it has no member 'rootSeed' (a certificate of schema verifydynamics.certificate/1 always has one)")]
    [InlineData("trials", "it has no member 'trials' (a certificate of schema verifydynamics.certificate/1 always has one)")]
    [InlineData("variants", "it has no member 'variants' (a certificate of schema verifydynamics.certificate/1 always has one)")]
    [InlineData("obligations", "it has no member 'obligations' (a certificate of schema verifydynamics.certificate/1 always has one)")]
    [InlineData("constants", "it has no member 'constants' (a certificate of schema verifydynamics.certificate/1 always has one)")]
    public void AMissingMember_IsNamed(string member, string message) =>
        Assert.Equal("toy.json is not a readable certificate: " + message, ReadError(o => o.Remove(member)));

    [Theory]
    [InlineData("statement", "its member 'statement' is not a string")]
    [InlineData("verdict", "its member 'verdict' is not a string")]
    [InlineData("rootSeed", "its member 'rootSeed' is not a string")]
    [InlineData("trials", "its member 'trials' is not an object")]
    [InlineData("variants", "its member 'variants' is not an array")]
    [InlineData("obligations", "its member 'obligations' is not an array")]
    [InlineData("constants", "its member 'constants' is not an array")]
    public void AMemberOfTheWrongType_IsNamed(string member, string message) =>
        Assert.Equal("toy.json is not a readable certificate: " + message, ReadError(o => o[member] = 3));

    [Fact]
    public void TheStatement_MustBelongToItsPaper()
    {
        Assert.Equal("toy.json is not a readable certificate: its statement 'EC21.Thm3' does not belong to its paper 'TOY'",
            ReadError(o => o["statement"] = "EC21.Thm3"));
        Assert.Equal("toy.json is not a readable certificate: its statement 'TOY.' does not belong to its paper 'TOY'",
            ReadError(o => o["statement"] = "TOY."));
        Assert.Equal("toy.json is not a readable certificate: its statement 'TOYS.X' does not belong to its paper 'TOY'",
            ReadError(o => o["statement"] = "TOYS.X"));
        var c = Certificate.Read(Text(WithStatement("TOY.X")), "toy.json");
        Assert.Equal("X", c.Name);

        static JsonObject WithStatement(string id)
        {
            var o = Toy();
            o["statement"] = id;
            return o;
        }
    }

    [Fact]
    public void TrialCount_MustBeAnInteger()
    {
        Assert.Equal("toy.json is not a readable certificate: 'trials.count' is not an integer", ReadError(o => o["trials"]!["count"] = "6"));
        Assert.Equal("toy.json is not a readable certificate: 'trials.count' is not an integer", ReadError(o => o["trials"]!["count"] = 6.5));
        Assert.Equal("toy.json is not a readable certificate: it has no member 'trials.count'", ReadError(o => o["trials"]!.AsObject().Remove("count")));
    }

    [Fact]
    public void EntriesOfTheArrays_MustBeObjects()
    {
        Assert.Equal("toy.json is not a readable certificate: variants[1] is not an object", ReadError(o => o["variants"]![1] = 1));
        Assert.Equal("toy.json is not a readable certificate: obligations[0] is not an object", ReadError(o => o["obligations"] = new JsonArray(JsonValue.Create("x"))));
        Assert.Equal("toy.json is not a readable certificate: constants[0] is not an object", ReadError(o => o["constants"]![0] = "bound"));
        Assert.Equal("toy.json is not a readable certificate: variants[0].asExpected is missing or not true/false", ReadError(o => o["variants"]![0]!.AsObject().Remove("asExpected")));
        Assert.Equal("toy.json is not a readable certificate: variants[1].asExpected is missing or not true/false", ReadError(o => o["variants"]![1]!["asExpected"] = "yes"));
    }

    [Fact]
    public void ReadFile_NamesAMissingOrOversizedFile()
    {
        string dir = Path.Combine(Path.GetTempPath(), "vd-reader-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string missing = Path.Combine(dir, "missing.json");
            Assert.Equal($"certificate '{missing}' does not exist", Assert.Throws<CertificateFormatException>(() => Certificate.ReadFile(missing)).Message);

            string good = Path.Combine(dir, "good.json");
            File.WriteAllText(good, ToyText.Value);
            var c = Certificate.ReadFile(good);
            Assert.Equal(good, c.Source);
            Assert.True(c.SealIntact);

            string atLimit = Path.Combine(dir, "limit.json");
            using (var f = File.Create(atLimit))
            {
                f.SetLength(InputLimits.MaxFileBytes);
            }
            // Exactly at the limit: read (and rejected only as text that is not JSON), not refused for its size.
            Assert.DoesNotContain("beyond the limit", Assert.Throws<CertificateFormatException>(() => Certificate.ReadFile(atLimit)).Message, StringComparison.Ordinal);

            string big = Path.Combine(dir, "big.json");
            using (var f = File.Create(big))
            {
                f.SetLength(InputLimits.MaxFileBytes + 1);
            }
            Assert.Equal($"{big} is not a readable certificate: it has {InputLimits.MaxFileBytes + 1} bytes, beyond the limit of {InputLimits.MaxFileBytes} (README \"Input limits\")",
                Assert.Throws<CertificateFormatException>(() => Certificate.ReadFile(big)).Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Differences_NameEachPath_InDocumentOrder()
    {
        var a = Toy();
        var b = Toy();
        Assert.Empty(Certificate.Differences(a, b));
        b["verdict"] = "certified";
        b["trials"]!["count"] = 7;
        b["variants"]![0]!["outcome"] = "not-refuted";
        b["extra"] = 1;
        a["only"] = true;
        b[CanonicalJson.HashField] = "0";
        // A member present on one side only is found while its parent is walked (last member first), before the values below it.
        Assert.Equal(
        [
            "extra (only in the re-run)",
            "only (only in the certificate)",
            "verdict: \"holds-on-trials\" in the certificate, \"certified\" in the re-run",
            "trials.count: 6 in the certificate, 7 in the re-run",
            "variants[0].outcome: \"refuted\" in the certificate, \"not-refuted\" in the re-run",
        ], Certificate.Differences(a, b));
        Assert.Equal(3, Certificate.Differences(a, b, limit: 3).Count);
        Assert.Equal(4, Certificate.Differences(a, b, limit: 4).Count);
        b.Remove("extra");
        a.Remove("only");
        Assert.Equal(["verdict: \"holds-on-trials\" in the certificate, \"certified\" in the re-run"], Certificate.Differences(a, b, limit: 1));
    }

    [Fact]
    public void Differences_OfArraysAndValues()
    {
        var a = Toy();
        var b = Toy();
        b["variants"]!.AsArray().RemoveAt(1);
        Assert.Equal(["variants (2 entries in the certificate, 1 in the re-run)"], Certificate.Differences(a, b));
        Assert.Equal(["(document): 1 in the certificate, 2 in the re-run"], Certificate.Differences(JsonValue.Create(1), JsonValue.Create(2)));
        Assert.Equal(["(document): null in the certificate, 2 in the re-run"], Certificate.Differences(null, JsonValue.Create(2)));
        Assert.Empty(Certificate.Differences(null, null));
        string longText = new('x', 80);
        Assert.Equal([$"text: \"{new string('x', 56)}... in the certificate, \"short\" in the re-run"],
            Certificate.Differences(new JsonObject { ["text"] = longText }, new JsonObject { ["text"] = "short" }));
        // At exactly 60 characters (a string of 58 and its quotes) a value is shown whole; at 61 it is cut to 57 and "...".
        string sixty = new('y', 58);
        Assert.Equal([$"text: \"{sixty}\" in the certificate, \"short\" in the re-run"],
            Certificate.Differences(new JsonObject { ["text"] = sixty }, new JsonObject { ["text"] = "short" }));
        Assert.Equal([$"text: \"{new string('y', 56)}... in the certificate, \"short\" in the re-run"],
            Certificate.Differences(new JsonObject { ["text"] = sixty + "y" }, new JsonObject { ["text"] = "short" }));
        // The seal is left out only at the top level: a nested member that happens to be named like it is compared.
        Assert.Equal(["x.sha256: 1 in the certificate, 2 in the re-run"],
            Certificate.Differences(new JsonObject { ["x"] = new JsonObject { ["sha256"] = 1 } }, new JsonObject { ["x"] = new JsonObject { ["sha256"] = 2 } }));
    }

    [Fact]
    public void DocumentOptions_RejectDuplicates_AndBoundTheDepth()
    {
        var o = Certificate.DocumentOptions;
        Assert.False(o.AllowDuplicateProperties);
        Assert.Equal(InputLimits.MaxJsonDepth, o.MaxDepth);
    }

    [Fact]
    public void TheExceptions_KeepMessageAndCause()
    {
        var inner = new InvalidOperationException("inner");
        Assert.Same(inner, new CertificateFormatException("m", inner).InnerException);
        Assert.Equal("m", new CertificateFormatException("m").Message);
        Assert.NotNull(new CertificateFormatException().Message);
        Assert.Same(inner, new CampaignException("m", inner).InnerException);
        Assert.Equal("m", new CampaignException("m").Message);
        Assert.NotNull(new CampaignException().Message);
    }
}
