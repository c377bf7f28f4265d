using System.Diagnostics;
using System.Text.Json.Nodes;
using VerifyDynamics.Harness.Certificates;
using Xunit;

namespace VerifyDynamics.Cli.Tests;

/// <summary>
/// Issue 12, the hostile run repeated: input that is huge, deeply nested, duplicated, out of range, in the wrong place,
/// or forged. Every row must end with its documented exit code, a message naming the problem, within a bounded time
/// (the input limits are checked before any work), and leave no file beyond its inputs (no partial file, no <c>*.tmp</c>).
/// Rows that could overflow the stack or need their own environment run the real <c>vd</c> process. Together with
/// <see cref="ReliabilityTests"/> this is the bad-input suite.
/// </summary>
public sealed class HostileInputTests
{
    /// <summary>One row. <c>{dir}</c> in an argument is the scratch directory. <see cref="Setup"/> prepares it and returns the inputs it wrote.</summary>
    public sealed record Case(
        string Name,
        string[] Args,
        int Exit,
        string[] Expect,
        Func<string, IEnumerable<string>>? Setup = null,
        bool Process = false,
        Dictionary<string, string>? Environment = null,
        string[]? Forbid = null,
        string[]? Outputs = null);

    /// <summary>Seconds a row may take: the limits are checked before any work (a row that starts the real process also pays .NET start-up on a loaded machine).</summary>
    private const double InProcessSeconds = 10, ProcessSeconds = 30;

    private const string Net = "\"dims\":[2,2,1],\"weights\":[[[1,0],[0,1]],[[0.5,0.5]]]";

    private static Func<string, IEnumerable<string>> File_(string name, Func<string> content) => dir =>
    {
        string path = Path.Combine(dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content());
        return [path];
    };

    private static Func<string, IEnumerable<string>> Instance(string json) => File_("instance.json", () => json);

    private static Func<string, IEnumerable<string>> Cert(Func<string> text) => File_("cert.json", text);

    private static Func<string, IEnumerable<string>> Both(params Func<string, IEnumerable<string>>[] setups) => dir => setups.SelectMany(s => s(dir)).ToList();

    private static readonly Lazy<string> Sealed = new(() =>
    {
        var stdout = new StringWriter();
        Assert.Equal(ExitCodes.Ok, Program.Run(["check", "ACGH19.Aux.Grad", "--json", "--no-variants", "--trials", "3"], stdout, new StringWriter()));
        return stdout.ToString();
    });

    private static string Resealed(Action<JsonObject> change)
    {
        var c = CertificateStore.Parse(Sealed.Value);
        c.Remove(CanonicalJson.HashField);
        change(c);
        return CanonicalJson.Seal(c);
    }

    /// <summary>A shard folder with a certificate and a campaign manifest, as <c>vd verify</c> writes them (seed and scale as given).</summary>
    private static Func<string, IEnumerable<string>> Shard(string name, string seed = "20190101", int scale = 1, string? certificateText = null) => dir =>
    {
        string root = Path.Combine(dir, name);
        Directory.CreateDirectory(Path.Combine(root, "ACGH19"));
        string cert = Path.Combine(root, "ACGH19", "Aux.Grad.json");
        File.WriteAllText(cert, certificateText ?? Sealed.Value);
        string manifest = Path.Combine(root, CampaignManifest.FileName);
        File.WriteAllText(manifest, CampaignManifest.For(seed, scale).ToJson());
        return [cert, manifest];
    };

    private static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

    private static readonly string[] Eval = ["eval", "--instance", "{dir}/instance.json"];
    private static readonly string[] Replay = ["replay", "{dir}/cert.json"];

    public static IReadOnlyList<Case> Cases { get; } =
    [
        // Numbers and counts: limits checked before the constant's name, before any trial (defect 2).
        new("limit: --set 1e999999999", ["check", "ACGH19.Thm1", "--set", "delta_den=1e999999999"], 2, ["1e999999999", "decimal exponent beyond", "Input limits"]),
        new("limit: --set exponent beyond int", ["check", "ACGH19.Thm1", "--set", "delta_den=1e99999999999"], 2, ["decimal exponent beyond"]),
        new("limit: --set 1e-999999999", ["check", "ACGH19.Thm1", "--set", "delta_den=1e-999999999"], 2, ["decimal exponent beyond"]),
        new("limit: --set with 5000 digits", ["check", "ACGH19.Thm1", "--set", "delta_den=" + Repeat("7", 5000)], 2, ["digits", "Input limits"]),
        new("limit: --set fraction with a huge denominator", ["check", "ACGH19.Thm1", "--set", "delta_den=1/1e999999"], 2, ["decimal exponent beyond"]),
        new("limit: --set division by zero", ["check", "ACGH19.Thm1", "--set", "delta_den=1/0"], 2, ["is not an exact number"]),
        new("limit: --trials-scale 2147483647", ["verify", "--trials-scale", "2147483647"], 2, ["--trials-scale must be at most 1000"]),
        new("limit: --trials-scale beyond int", ["verify", "--trials-scale", "99999999999999"], 2, ["--trials-scale must be at most 1000"]),
        new("limit: --trials 2147483647", ["check", "ACGH19.Claim1", "--trials", "2147483647"], 2, ["--trials must be at most 1000000"]),
        new("limit: --threads 100000", ["check", "ACGH19.Claim1", "--threads", "100000"], 2, ["--threads must be at most 256"]),
        new("limit: --gd 2147483647", ["eval", "--instance", "{dir}/instance.json", "--gd", "2147483647"], 2, ["--gd must be at most"], Instance($$"""{{{Net}},"target":[[1,0]],"eta":0.01}""")),
        new("limit: falsify --budget 2147483647", ["falsify", "ACGH19.Claim1", "--budget", "2147483647"], 2, ["--budget must be at most"]),

        // Instances (defects 1, 2).
        new("instance: duplicate member", Eval, 2, ["duplicate member", "dims"], Instance($$"""{"dims":[2,2,1],{{Net}},"target":[[1,0]]}""")),
        new("instance: duplicate member (eta)", [.. Eval, "--gd", "3"], 2, ["duplicate member", "eta"], Instance($$"""{{{Net}},"target":[[1,0]],"eta":0.1,"eta":0.2}""")),
        new("instance: duplicate member (check)", ["check", "ACGH19.Claim1", "--instance", "{dir}/instance.json"], 2, ["duplicate member"], Instance($$"""{{{Net}},"target":[[1,0]],"target":[[1,0]]}""")),
        new("instance: duplicate member (simulate)", ["simulate", "gd", "--instance", "{dir}/instance.json", "--steps", "3"], 2, ["duplicate member"], Instance($$"""{{{Net}},"target":[[1,0]],"target":[[1,0]],"eta":0.1}""")),
        new("instance: target 1e308", Eval, 2, ["target[0][0]", "1e308", "magnitude"], Instance($$"""{{{Net}},"target":[[1e308,0]]}""")),
        new("instance: eta 1e300", [.. Eval, "--gd", "10"], 2, ["eta", "magnitude"], Instance($$"""{{{Net}},"target":[[1,0]],"eta":1e300}""")),
        new("instance: eta 1e50 diverges (exit 3, no crash)", [.. Eval, "--gd", "10"], 3, ["gradient descent diverged"], Instance($$"""{{{Net}},"target":[[1,0]],"eta":1e50}"""), Forbid: ["internal error"]),
        new("instance: dims [1,100000,1]", Eval, 2, ["dims[1]", "at most 1024 wide"], Instance("""{"dims":[1,100000,1]}""")),
        new("instance: dims [1,20000,1]", Eval, 2, ["dims[1]", "at most 1024 wide"], Instance("""{"dims":[1,20000,1]}""")),
        new("instance: 100 layers", Eval, 2, ["dims", "the limit is 64"], Instance("{\"dims\":[" + string.Join(",", Enumerable.Repeat("1", 100)) + "]}")),
        new("instance: too many parameters", Eval, 2, ["dims", "parameters"], Instance("{\"dims\":[" + string.Join(",", Enumerable.Repeat("1024", 5)) + "]}")),
        new("instance: nested 500 deep", Eval, 2, ["deeper than 64"], Instance("{\"target\":" + Repeat("[", 500) + Repeat("]", 500) + "}")),
        new("instance: file of 9 MB", Eval, 2, ["bytes", "Input limits"], Instance("{\"x\":\"" + new string('a', 9 * 1024 * 1024) + "\"}")),
        new("instance: a folder", ["eval", "--instance", "{dir}"], 2, ["is a folder"]),
        new("instance: unreadable file", ["eval", "--instance", "/proc/self/mem"], 2, ["cannot read instance file", "/proc/self/mem"]),

        // Claims for vd prove (defects 1, 2, 3, 7): the real process, so a regression to a stack overflow fails the row, not the test host.
        new("prove: 2^(10^10)", ["prove", "forall y in (1, 2): 2^(10^10) >= y"], 2, ["exponent 10000000000 is beyond the limit"], Process: true),
        new("prove: y^1000000000", ["prove", "forall y in (0, 1): y^1000000000 >= 0"], 2, ["exponent 1000000000 is beyond the limit"], Process: true),
        new("prove: y^1000000", ["prove", "forall y in (0, 1): y^1000000 >= 0"], 2, ["exponent 1000000 is beyond the limit"]),
        new("prove: nested powers", ["prove", "forall y in (0, 1): (y^100)^100 >= 0"], 2, ["nested powers multiply to an exponent of 10000"]),
        new("prove: fractional exponent with a huge denominator", ["prove", "forall y in (0, 1): y^(1/100000) >= 0"], 2, ["beyond the limit"]),
        new("prove: 100000 unary minus signs", ["prove", "forall y in (0, 1): " + Repeat("-", 100_000) + "y <= 1"], 2, ["characters", "the limit is 10000"], Process: true),
        new("prove: 50000 nested parentheses", ["prove", "forall y in (0, 1): " + Repeat("(", 50_000) + "y" + Repeat(")", 50_000) + " <= 1"], 2, ["characters", "the limit is 10000"], Process: true),
        new("prove: a sum of 20000 terms", ["prove", "forall y in (0, 1): " + string.Join("+", Enumerable.Repeat("y", 20_000)) + " >= 0"], 2, ["characters", "the limit is 10000"], Process: true),
        new("prove: 150 nested parentheses", ["prove", "forall y in (0, 1): " + Repeat("(", 150) + "y" + Repeat(")", 150) + " <= 1"], 2, ["nests deeper than 100"], Process: true),
        new("prove: 150 unary signs", ["prove", "forall y in (0, 1): " + Repeat("-", 150) + "y <= 1"], 2, ["nests deeper than 100"], Process: true),
        new("prove: 150 negations", ["prove", "forall y in (0, 1): " + Repeat("!", 150) + "y <= 1"], 2, ["nests deeper than 100"], Process: true),
        new("prove: 3000 tokens", ["prove", "forall y in (0, 1): " + string.Join("+", Enumerable.Repeat("1", 1500)) + " >= y"], 2, ["tokens", "the limit is 2000"]),
        new("prove: number 1e999999999", ["prove", "forall y in (0, 1): y <= 1e999999999"], 2, ["decimal exponent beyond"]),
        new("prove: sqrt of a negative", ["prove", "forall y in (-1, -1/2): sqrt(y) >= 5"], 2, ["sqrt(y) is undefined on part of the domain", "restrict the domain"], Forbid: ["proven"]),
        new("prove: ln of a negative", ["prove", "forall y in (-1, -1/2): ln(y) >= 5"], 2, ["ln(y) is undefined on part of the domain"], Forbid: ["proven"]),
        new("prove: ln of zero at an end", ["prove", "forall y in [0, 1]: ln(y + 1) >= ln(y)"], 2, ["ln(y) is undefined", "y = 0"], Forbid: ["proven"]),
        new("prove: fractional power of a negative", ["prove", "forall y in (-1, 1): y^(1/2) >= -1"], 2, ["is undefined on part of the domain"], Forbid: ["proven"]),
        new("prove: empty domain (1, 0)", ["prove", "forall y in (1, 0): y >= 5"], 2, ["the domain of y, (1, 0), is empty", "vacuously"], Forbid: ["proven"]),
        new("prove: empty domain [1, 1)", ["prove", "forall y in [1, 1): y >= 5"], 2, ["is empty"], Forbid: ["proven"]),
        new("prove: sqrt of a negative without Z3", ["prove", "forall y in (-1, -1/2): sqrt(y) >= 5"], 2, ["sqrt(y) is undefined"], Process: true,
            Environment: new() { ["VD_DISABLE_Z3"] = "1" }, Forbid: ["proven"]),

        // Certificates (defects 1, 5, 11).
        new("certificate: duplicate member (replay)", Replay, 2, ["not a readable certificate", "Duplicate"], Cert(() => Sealed.Value.Replace("\"schema\":", "\"verdict\": \"certified\",\n  \"schema\":", StringComparison.Ordinal))),
        new("certificate: without trials (replay)", Replay, 2, ["no member 'trials'"], Cert(() => Resealed(c => c.Remove("trials"))), Forbid: ["Object reference"]),
        new("certificate: trials not an object (replay)", Replay, 2, ["member 'trials' is not an object"], Cert(() => Resealed(c => c["trials"] = 3))),
        new("certificate: without variants (replay)", Replay, 2, ["no member 'variants'"], Cert(() => Resealed(c => c.Remove("variants")))),
        new("certificate: without statement (replay)", Replay, 2, ["no member 'statement'"], Cert(() => Resealed(c => c.Remove("statement")))),
        new("certificate: statement of another paper (replay)", Replay, 2, ["does not belong to its paper"], Cert(() => Resealed(c => c["paper"] = "EC21"))),
        new("certificate: trial count not an integer (replay)", Replay, 2, ["'trials.count' is not an integer"], Cert(() => Resealed(c => c["trials"]!["count"] = "many"))),
        new("certificate: resealed 2e9 trials (replay --full)", [.. Replay, "--full"], 2, ["2000000000 trials", "limited"], Cert(() => Resealed(c => c["trials"]!["count"] = 2_000_000_000))),
        new("certificate: resealed verdict (replay --full names the field)", [.. Replay, "--full"], 1, ["DIFFERENT certificate", "verdict: \"certified\" in the certificate, \"holds-on-trials\" in the re-run", "seal intact"],
            Cert(() => Resealed(c => c["verdict"] = "certified"))),
        new("certificate: resealed worst instance (replay --full names the field)", [.. Replay, "--full"], 1, ["DIFFERENT", "trials.worst.instance"],
            Cert(() => Resealed(c => c["trials"]!["worst"]!["instance"]!["eta"] = 0.5))),
        new("certificate: huge instance inside (replay)", Replay, 2, ["not a readable certificate", "at most 1024 wide"],
            Cert(() => Resealed(c => c["trials"]!["worst"]!["instance"] = JsonNode.Parse("""{"dims":[1,100000,1]}""")))),
        new("certificate: a folder (replay)", ["replay", "{dir}"], 2, ["is a folder"]),
        new("certificate: unsigned (replay --public-key)", [.. Replay, "--public-key", "{dir}/k.pub.pem"], 1, ["signature INVALID", "not signed"],
            Both(Cert(() => Sealed.Value), File_("k.pub.pem", () => { using var k = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256); return k.ExportSubjectPublicKeyInfoPem(); }))),
        new("certificate: --public-key not a key", [.. Replay, "--public-key", "{dir}/k.pub.pem"], 2, ["is not an ECDSA public key"], Both(Cert(() => Sealed.Value), File_("k.pub.pem", () => "not a key"))),
        new("certificate: --public-key missing", [.. Replay, "--public-key", "{dir}/nope.pem"], 2, ["nope.pem", "does not exist"], Cert(() => Sealed.Value)),

        // Merge (defect 9).
        new("merge: duplicate member", ["merge", "{dir}/s1", "--certificates", "{dir}/out", "--reports", "{dir}/r"], 2, ["Duplicate", "nothing was written"],
            Shard("s1", certificateText: "{\"schema\": \"x\", \"schema\": \"y\"}")),
        new("merge: shard without a manifest", ["merge", "{dir}/s1", "--certificates", "{dir}/out", "--reports", "{dir}/r"], 2, ["has no campaign manifest", "nothing was written"],
            File_("s1/ACGH19/Aux.Grad.json", () => Sealed.Value)),
        new("merge: shards of different seeds", ["merge", "{dir}/s1", "{dir}/s2", "--certificates", "{dir}/out", "--reports", "{dir}/r"], 2, ["another campaign", "seed 7", "nothing was written"],
            Both(Shard("s1"), Shard("s2", seed: "7"))),
        new("merge: shards of different budgets", ["merge", "{dir}/s1", "{dir}/s2", "--certificates", "{dir}/out", "--reports", "{dir}/r"], 2, ["another campaign", "trials ×5"],
            Both(Shard("s1"), Shard("s2", scale: 5))),
        new("merge: input is a regular file", ["merge", "{dir}/instance.json"], 2, ["is a regular file"], Instance("{}")),
        new("merge: --certificates is a regular file", ["merge", "{dir}/s1", "--certificates", "{dir}/instance.json", "--reports", "{dir}/r"], 2, ["--certificates", "is a regular file"],
            Both(Shard("s1"), Instance("{}"))),
        new("merge: output holds another campaign", ["merge", "{dir}/s1", "--certificates", "{dir}/s2", "--reports", "{dir}/r"], 2, ["holds the certificates of another campaign"],
            Both(Shard("s1"), Shard("s2", seed: "7"))),

        // Folders for verify (defects 1, 6, 9).
        new("verify: --certificates is a regular file", ["verify", "--filter", "ACGH19.Lemma3", "--certificates", "{dir}/instance.json", "--reports", "{dir}/r"], 2, ["--certificates", "is a regular file", "nothing was written"], Instance("{}")),
        new("verify: --reports is a regular file", ["verify", "--filter", "ACGH19.Lemma3", "--certificates", "{dir}/c", "--reports", "{dir}/instance.json"], 2, ["--reports", "is a regular file"], Instance("{}")),
        new("verify: a stray .json in the certificates folder", ["verify", "--filter", "ACGH19.Lemma3", "--certificates", "{dir}/c", "--reports", "{dir}/r"], 2, ["c/ACGH19/notes.json", "must hold only certificates"],
            File_("c/ACGH19/notes.json", () => """{"note": "mine"}""")),
        new("verify: a resealed-broken certificate of another statement", ["verify", "--filter", "ACGH19.Lemma3", "--certificates", "{dir}/c", "--reports", "{dir}/r"], 2, ["Aux.Grad.json was modified after it was sealed"],
            File_("c/ACGH19/Aux.Grad.json", () => Sealed.Value.Replace("\"holds-on-trials\"", "\"certified\"", StringComparison.Ordinal))),
        new("verify: a certificate under another statement's name", ["verify", "--filter", "ACGH19.Lemma3", "--certificates", "{dir}/c", "--reports", "{dir}/r"], 2, ["holds the certificate of ACGH19.Aux.Grad, not of ACGH19.Lemma5"],
            File_("c/ACGH19/Lemma5.json", () => Sealed.Value)),
        new("verify: folder of another campaign", ["verify", "--filter", "ACGH19.Lemma3", "--certificates", "{dir}/c", "--reports", "{dir}/r", "--resume"], 2, ["another campaign", "seed 7"],
            Shard("c", seed: "7")),
        new("verify: --resume with another budget", ["verify", "--filter", "ACGH19.Lemma3", "--certificates", "{dir}/c", "--reports", "{dir}/r", "--resume", "--trials-scale", "2"], 2, ["another campaign", "trials ×2"],
            Shard("c")),
        new("verify: a foreign campaign manifest", ["verify", "--filter", "ACGH19.Lemma3", "--certificates", "{dir}/c", "--reports", "{dir}/r"], 2, ["campaign.json", "is not a campaign manifest"],
            File_("c/campaign.json", () => "[]")),

        // Experiments, signing, global options (defect 10).
        new("experiment: unknown option", ["experiment", "ec21-lambda-min", "--quick", "--nope", "3"], 2, ["unknown option(s) for ec21-lambda-min: --nope", "--points"]),
        new("experiment: option without a value", ["experiment", "ec21-lambda-min", "--quick", "--points"], 2, ["--points needs a value"]),
        new("experiment: unknown option of an experiment", ["experiment", "jggsh21-saddles", "--height", "3"], 2, ["unknown option(s) for jggsh21-saddles: --height"]),
        new("sign: no key", ["sign", "{dir}/cert.json"], 2, ["--key KEY.pem is required"], Cert(() => Sealed.Value)),
        new("sign: a tampered certificate", ["sign", "{dir}/cert.json", "--key", "{dir}/k.pem"], 2, ["modified after it was sealed", "not signed"],
            Both(Cert(() => Sealed.Value.Replace("\"holds-on-trials\"", "\"certified\"", StringComparison.Ordinal)), File_("k.pem", () => { using var k = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256); return k.ExportPkcs8PrivateKeyPem(); }))),
        new("sign: a public key given as --key", ["sign", "{dir}/cert.json", "--key", "{dir}/k.pem"], 2, ["is not an ECDSA private key"],
            Both(Cert(() => Sealed.Value), File_("k.pem", () => { using var k = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256); return k.ExportSubjectPublicKeyInfoPem(); }))),
        new("sign: --generate-key over an existing file", ["sign", "--generate-key", "{dir}/instance.json"], 2, ["already exists", "never overwritten"], Instance("{}")),
        new("global: --verbose alone", ["--verbose"], 0, ["Commands:", "Exit codes:"]),
    ];

    public static TheoryData<string> CaseNames => [.. Cases.Select(c => c.Name)];

    [Fact]
    public void TheBadInputSuiteHasAtLeastEightyDistinctCases()
    {
        var names = Cases.Select(c => c.Name).Concat(ReliabilityTests.Cases.Select(c => c.Name)).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.True(names.Count >= 80, $"{names.Count} cases");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task HostileInput_DocumentedExit_NamedProblem_BoundedTime_NothingWritten(string name)
    {
        var c = Cases.Single(x => x.Name == name);
        using var cli = new CliRunner();
        var inputs = (c.Setup?.Invoke(cli.Directory) ?? []).ToList();
        string[] args = [.. c.Args.Select(a => a.Replace("{dir}", cli.Directory, StringComparison.Ordinal))];
        var clock = Stopwatch.StartNew();
        var (exit, stdout, stderr) = c.Process || c.Environment is not null
            ? await CliProcess.RunAsync(cli.Directory, c.Environment, args)
            : cli.Run(args);
        double seconds = clock.Elapsed.TotalSeconds;
        string output = stderr + stdout;
        Assert.True(exit == c.Exit, $"exit {exit}, expected {c.Exit}; output:\n{Short(output)}");
        foreach (var fragment in c.Expect)
        {
            Assert.True(output.Contains(fragment, StringComparison.Ordinal), $"'{fragment}' not in:\n{Short(output)}");
        }
        foreach (var fragment in (c.Forbid ?? []).Append("   at ").Append("Unhandled exception"))
        {
            Assert.False(output.Contains(fragment, StringComparison.Ordinal), $"'{fragment}' in:\n{Short(output)}");
        }
        double limit = c.Process || c.Environment is not null ? ProcessSeconds : InProcessSeconds;
        Assert.True(seconds < limit, $"{seconds:F1} s (limit {limit} s)");
        Assert.Empty(Directory.GetFiles(cli.Directory, "*.tmp", SearchOption.AllDirectories));
        Assert.Empty(cli.FilesOtherThan([.. inputs]));
    }

    private static string Short(string s) => s.Length <= 3000 ? s : s[..3000] + "…";
}
