using System.Text.Json.Nodes;
using VerifyDynamics.Harness.Certificates;
using Xunit;

namespace VerifyDynamics.Cli.Tests;

/// <summary>
/// The reliability set: malformed input of every kind (instance JSON, certificates, arguments, claims), a diverging run,
/// and a missing libz3. Each row is a separate test case and must give the documented exit code, a message that says
/// what is wrong (asserted on its content), and no file beyond the inputs the row wrote.
/// </summary>
public sealed class ReliabilityTests
{
    /// <summary>One row. <c>{dir}</c> in an argument is the scratch directory; <see cref="Files"/> are written there first.</summary>
    public sealed record Case(
        string Name,
        string[] Args,
        int Exit,
        string[] Expect,
        (string Name, Func<string> Content)[]? Files = null,
        Dictionary<string, string>? Environment = null,
        string[]? Forbid = null);

    private const string Net = "\"dims\":[2,2,1],\"weights\":[[[1,0],[0,1]],[[0.5,0.5]]]";
    private const string Claim = "forall y in (0, 1/2): 1/(1-y) <= 1 + 2*y";

    private static (string, Func<string>)[] Instance(string json) => [("instance.json", () => json)];

    private static (string, Func<string>)[] Certificate(Func<string> text) => [("cert.json", text), ("in/ACGH19/Aux.Grad.json", text)];

    // A real sealed certificate (a cheap statement, few trials), made once and then broken in the ways below.
    private static readonly Lazy<string> Sealed = new(() =>
    {
        var stdout = new StringWriter();
        int exit = Program.Run(["check", "ACGH19.Aux.Grad", "--json", "--no-variants", "--trials", "3"], stdout, new StringWriter());
        Assert.Equal(ExitCodes.Ok, exit);
        return stdout.ToString();
    });

    private static string Resealed(Action<JsonObject> change)
    {
        var c = CertificateStore.Parse(Sealed.Value);
        c.Remove(CanonicalJson.HashField);
        change(c);
        return CanonicalJson.Seal(c);
    }

    private static readonly string[] ReplayCert = ["replay", "{dir}/cert.json"];
    private static readonly string[] MergeCerts = ["merge", "{dir}/in", "--certificates", "{dir}/out", "--reports", "{dir}/out-reports"];

    public static IReadOnlyList<Case> Cases { get; } =
    [
        // Instance JSON (vd eval reads it; vd check --instance and vd simulate use the same parser).
        new("instance: not JSON", ["eval", "--instance", "{dir}/instance.json"], 2, ["invalid instance", "not valid JSON"], Instance("{not json")),
        new("instance: empty file", ["eval", "--instance", "{dir}/instance.json"], 2, ["not valid JSON"], Instance("")),
        new("instance: truncated", ["eval", "--instance", "{dir}/instance.json"], 2, ["not valid JSON"], Instance("""{"dims":[2,2,1],"weights":[[[1,0],[0,1]],[[0.5,0.5""")),
        new("instance: NaN literal", ["eval", "--instance", "{dir}/instance.json"], 2, ["not valid JSON"], Instance($$"""{{{Net}},"target":[[1,NaN]]}""")),
        new("instance: NaN as a string", ["eval", "--instance", "{dir}/instance.json"], 2, ["target[0][1]", "must be a finite number", "NaN"], Instance($$"""{{{Net}},"target":[[1,"NaN"]]}""")),
        new("instance: Infinity literal", ["eval", "--instance", "{dir}/instance.json"], 2, ["not valid JSON"], Instance($$"""{{{Net}},"target":[[1,Infinity]]}""")),
        new("instance: overflowing number", ["eval", "--instance", "{dir}/instance.json"], 2, ["weights[1][0][1]"], Instance("""{"dims":[2,2,1],"weights":[[[1,0],[0,1]],[[0.5,1e400]]],"target":[[1,0]]}""")),
        new("instance: not an object", ["eval", "--instance", "{dir}/instance.json"], 2, ["must be a JSON object"], Instance("[1,2,3]")),
        new("instance: weights do not match dims", ["eval", "--instance", "{dir}/instance.json"], 2, ["weights[0]"], Instance("""{"dims":[2,3,1],"weights":[[[1,0],[0,1]],[[0.5,0.5]]],"target":[[1,0]]}""")),
        new("instance: ragged matrix", ["eval", "--instance", "{dir}/instance.json"], 2, ["weights[0][1]"], Instance("""{"dims":[2,2,1],"weights":[[[1,0],[0]],[[0.5,0.5]]],"target":[[1,0]]}""")),
        new("instance: target of the wrong shape", ["eval", "--instance", "{dir}/instance.json"], 2, ["target"], Instance($$"""{{{Net}},"target":[[1,0],[0,1]]}""")),
        new("instance: negative dimension", ["eval", "--instance", "{dir}/instance.json"], 2, ["dims[1]"], Instance("""{"dims":[2,-2,1]}""")),
        new("instance: missing weights", ["eval", "--instance", "{dir}/instance.json"], 2, ["weights", "needs dims and weights"], Instance("""{"dims":[2,2,1],"target":[[1,0]]}""")),
        new("instance: missing target", ["eval", "--instance", "{dir}/instance.json"], 2, ["target", "needs the target"], Instance($$"""{{{Net}}}""")),
        new("instance: missing eta for --gd", ["eval", "--instance", "{dir}/instance.json", "--gd", "3"], 2, ["eta", "learning rate"], Instance($$"""{{{Net}},"target":[[1,0]]}""")),
        new("instance: negative eta", ["eval", "--instance", "{dir}/instance.json", "--gd", "3"], 2, ["eta"], Instance($$"""{{{Net}},"target":[[1,0]],"eta":-1}""")),
        new("instance: unknown field", ["eval", "--instance", "{dir}/instance.json"], 2, ["learning_rate"], Instance($$"""{{{Net}},"target":[[1,0]],"learning_rate":1}""")),
        new("instance: family not a string", ["eval", "--instance", "{dir}/instance.json"], 2, ["family", "must be a string"], Instance($$"""{"family":42,{{Net}},"target":[[1,0]]}""")),
        new("instance: wrong family for the statement", ["check", "ACGH19.Claim1", "--instance", "{dir}/instance.json"], 2,
            ["does not fit ACGH19.Claim1", "family 'scalars'", "has no target", "vd show ACGH19.Claim1"], Instance("""{"family":"scalars","scalars":{"y":0.3}}""")),
        new("instance: file missing", ["eval", "--instance", "{dir}/missing.json"], 2, ["missing.json", "does not exist"]),
        new("simulate: instance without weights", ["simulate", "gd", "--instance", "{dir}/instance.json", "--steps", "5"], 2,
            ["invalid instance", "weights", "required"], Instance("""{"family":"scalars","scalars":{"y":0.3}}"""), Forbid: ["weights: weights"]),

        // Certificates.
        new("certificate: tampered (replay)", ReplayCert, 1, ["seal BROKEN", "modified after it was sealed"],
            Certificate(() => Sealed.Value.Replace("\"holds-on-trials\"", "\"certified\"", StringComparison.Ordinal))),
        new("certificate: tampered (merge)", MergeCerts, 2, ["Aux.Grad.json", "modified after it was sealed", "nothing was written"],
            Certificate(() => Sealed.Value.Replace("\"holds-on-trials\"", "\"certified\"", StringComparison.Ordinal))),
        new("certificate: truncated (replay)", ReplayCert, 2, ["is not a readable certificate"], Certificate(() => Sealed.Value[..(Sealed.Value.Length / 2)])),
        new("certificate: truncated (merge)", MergeCerts, 2, ["Aux.Grad.json", "not a readable certificate", "nothing was written"], Certificate(() => Sealed.Value[..(Sealed.Value.Length / 2)])),
        new("certificate: not JSON (replay)", ReplayCert, 2, ["is not a readable certificate"], Certificate(() => "this is not a certificate")),
        new("certificate: JSON but not an object (replay)", ReplayCert, 2, ["is not a readable certificate"], Certificate(() => "[1, 2, 3]")),
        new("certificate: wrong schema version (replay)", ReplayCert, 2, ["schema 'verifydynamics.certificate/2'", "this vd reads 'verifydynamics.certificate/1'"],
            Certificate(() => Resealed(c => c["schema"] = "verifydynamics.certificate/2"))),
        new("certificate: wrong schema version (merge)", MergeCerts, 2, ["schema 'verifydynamics.certificate/2'", "nothing was written"],
            Certificate(() => Resealed(c => c["schema"] = "verifydynamics.certificate/2"))),
        new("certificate: unknown statement (replay)", ReplayCert, 2, ["ACGH19.NoSuchLemma", "does not have"],
            Certificate(() => Resealed(c => c["statement"] = "ACGH19.NoSuchLemma"))),
        new("certificate: file missing (replay)", ["replay", "{dir}/missing.json"], 2, ["missing.json", "does not exist"]),

        // Command-line arguments.
        new("args: unknown verb", ["chek"], 2, ["unknown command 'chek'", "Did you mean: check"]),
        new("args: unknown statement id", ["check", "ACGH19.Claim"], 2, ["ACGH19.Claim", "Did you mean: ACGH19.Claim1"]),
        new("args: unknown option", ["verify", "--frobnicate", "1"], 2, ["unknown option(s): --frobnicate"]),
        new("args: unknown option last, without a value", ["mutants", "--frob"], 2, ["unknown option(s): --frob"], Forbid: ["needs a value"]),
        new("args: missing option value", ["verify", "--filter"], 2, ["option --filter needs a value"]),
        new("args: unexpected positional", ["show", "ACGH19.Claim1", "extra"], 2, ["unexpected argument(s): extra"]),
        new("args: --shard 0/2", ["verify", "--shard", "0/2"], 2, ["--shard expects I/N", "'0/2'"]),
        new("args: --shard 3/2", ["verify", "--shard", "3/2"], 2, ["--shard expects I/N", "'3/2'"]),
        new("args: --shard not I/N", ["verify", "--shard", "1-2"], 2, ["--shard expects I/N", "'1-2'"]),
        new("args: bad --seed", ["verify", "--seed", "-4"], 2, ["--seed must be an unsigned 64-bit integer", "'-4'"]),
        new("args: --threads 0", ["verify", "--threads", "0"], 2, ["--threads must be an integer ≥ 1", "'0'"]),
        new("args: --threads not a number", ["mutants", "--threads", "two"], 2, ["--threads must be an integer ≥ 1", "'two'"]),
        new("args: negative --trials", ["check", "ACGH19.Claim1", "--trials", "-5"], 2, ["--trials must be an integer ≥ 1", "'-5'"]),
        new("args: --trials-scale 0", ["verify", "--trials-scale", "0"], 2, ["--trials-scale must be an integer ≥ 1"]),
        new("args: negative --gd", ["eval", "--instance", "{dir}/instance.json", "--gd", "-3"], 2, ["--gd must be an integer ≥ 0"], Instance($$"""{{{Net}},"target":[[1,0]],"eta":0.01}""")),
        new("args: filter matching nothing", ["verify", "--filter", "NOPE.*"], 2, ["--filter 'NOPE.*' matches no statement id"]),
        new("args: unknown constant", ["check", "ACGH19.Claim1", "--set", "delta_den=128"], 2, ["delta_den"]),
        new("args: inexact constant value", ["check", "ACGH19.Claim1", "--set", "c=abc"], 2, ["'abc' is not an exact number"]),
        new("args: unknown experiment", ["experiment", "no-such-experiment"], 2, ["unknown experiment 'no-such-experiment'", "vd experiment --list"]),
        new("args: simulate without a mode", ["simulate", "--instance", "x.json"], 2, ["first argument must be 'gf' or 'gd'"]),

        // Claims for vd prove.
        new("prove: no claim", ["prove"], 2, ["no claim given"]),
        new("prove: empty claim", ["prove", ""], 2, ["no claim given"]),
        new("prove: unbalanced parenthesis", ["prove", "forall y in (0, 1): (y + 1 <= 2"], 2, ["does not parse", "expected ')'"]),
        new("prove: unknown function", ["prove", "forall y in (0, 1): foo(y) <= 2"], 2, ["unknown function 'foo'", "sqrt"]),
        new("prove: undeclared variable", ["prove", "forall y in (0, 1): z <= 2"], 2, ["unknown variable 'z'"]),
        new("prove: bad --rlimit", ["prove", Claim, "--rlimit", "0"], 2, ["--rlimit needs a positive integer"]),

        // Diverging runs: reported and exit 3 (inconclusive), never a crash or a silent success.
        new("diverging: simulate gd with a huge step", ["simulate", "gd", "--instance", "{dir}/instance.json", "--steps", "5000"], 3,
            ["gradient descent diverged", "step size is too large"], Instance("""{"dims":[1,1],"weights":[[[0.5]]],"target":[[1]],"eta":3}""")),
        new("diverging: simulate gd --json with a huge step", ["simulate", "gd", "--instance", "{dir}/instance.json", "--steps", "5000", "--json"], 3,
            ["gradient descent diverged", "\"Infinity\""], Instance("""{"dims":[1,1],"weights":[[[0.5]]],"target":[[1]],"eta":3}""")),
        new("diverging: eval --gd with a huge step", ["eval", "--instance", "{dir}/instance.json", "--gd", "5000"], 3,
            ["diverged"], Instance("""{"dims":[1,1],"weights":[[[0.5]]],"target":[[1]],"eta":3}""")),

        // No libz3: obligations are skipped (exit 3 for a lone claim), never proven, and the message says why.
        new("no libz3: VD_DISABLE_Z3=1 prove", ["prove", Claim], 3, ["verdict:  skipped", "Z3 disabled by VD_DISABLE_Z3", "not evidence"],
            Environment: new() { ["VD_DISABLE_Z3"] = "1" }, Forbid: ["verdict:  proven"]),
        new("no libz3: VD_LIBZ3=/nonexistent prove", ["prove", Claim], 3, ["verdict:  skipped", "/nonexistent/libz3.so", "not found", "libz3-4"],
            Environment: new() { ["VD_LIBZ3"] = "/nonexistent/libz3.so" }, Forbid: ["verdict:  proven"]),
        new("no libz3: --z3-library /nonexistent prove", ["prove", Claim, "--z3-library", "/nonexistent/libz3.so"], 3, ["verdict:  skipped", "not found"],
            Forbid: ["verdict:  proven"]),
        new("no libz3: check skips the obligations", ["check", "ACGH19.Lemma7", "--no-variants", "--trials", "2"], 0,
            ["skipped", "not proven", "Z3 disabled by VD_DISABLE_Z3"], Environment: new() { ["VD_DISABLE_Z3"] = "1" }, Forbid: [": proven by"]),
    ];

    public static TheoryData<string> CaseNames => [.. Cases.Select(c => c.Name)];

    [Fact]
    public void TheSetHasAtLeastThirtyDistinctCases() =>
        Assert.True(Cases.Select(c => c.Name).Distinct().Count() is var n && n == Cases.Count && n >= 30, $"{Cases.Count} cases");

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task BadInput_ClearMessage_RightExitCode_NoPartialFile(string name)
    {
        var c = Cases.Single(x => x.Name == name);
        using var cli = new CliRunner();
        var inputs = new List<string>();
        foreach (var (file, content) in c.Files ?? [])
        {
            string path = Path.Combine(cli.Directory, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content());
            inputs.Add(path);
        }
        string[] args = [.. c.Args.Select(a => a.Replace("{dir}", cli.Directory, StringComparison.Ordinal))];
        // Environment variables are process-wide: those rows run the real vd in its own process, the others run in-process.
        var (exit, stdout, stderr) = c.Environment is null ? cli.Run(args) : await CliProcess.RunAsync(cli.Directory, c.Environment, args);
        string output = stderr + stdout;
        Assert.True(exit == c.Exit, $"exit {exit}, expected {c.Exit}; output:\n{output}");
        foreach (var fragment in c.Expect)
        {
            Assert.Contains(fragment, output, StringComparison.Ordinal);
        }
        foreach (var fragment in c.Forbid ?? [])
        {
            Assert.DoesNotContain(fragment, output, StringComparison.Ordinal);
        }
        Assert.Empty(cli.FilesOtherThan([.. inputs]));
    }
}
