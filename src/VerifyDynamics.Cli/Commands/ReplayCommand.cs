using System.Globalization;
using VerifyDynamics.Harness.Replay;

namespace VerifyDynamics.Cli.Commands;

[Command("replay", "re-run a certificate's worst instance and counterexamples and check its hash (--full: re-run everything and compare bytes)",
    "vd replay CERT.json [--full]")]
public static class ReplayCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var a = new Arguments(args, new HashSet<string> { "full" });
        bool full = a.Flag("full");
        a.EnsureAllUsed(1);
        if (a.Positionals.Count != 1)
        {
            throw new UsageException("replay needs exactly one certificate file");
        }
        string path = a.Positionals[0];
        if (!File.Exists(path))
        {
            throw new UsageException($"certificate '{path}' does not exist");
        }
        ReplayReport report;
        try
        {
            string text = File.ReadAllText(path);
            string? schema = Harness.Certificates.CertificateStore.Parse(text)["schema"]?.GetValue<string>();
            if (schema != Harness.Certificates.CertificateBuilder.Schema)
            {
                // Another schema (a future or foreign file) would be misread field by field: refuse it by name.
                stderr.WriteLine($"vd replay: {path} is not a readable certificate: it has schema '{schema ?? "none"}', but this vd reads '{Harness.Certificates.CertificateBuilder.Schema}'");
                return ExitCodes.UsageError;
            }
            report = CertificateReplay.Replay(text, full);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException or NullReferenceException)
        {
            stderr.WriteLine($"vd replay: {path} is not a readable certificate: {e.Message}");
            return ExitCodes.UsageError;
        }
        stdout.WriteLine($"{report.Statement}: seal {(report.SealIntact ? "intact" : $"BROKEN — {path} was modified after it was sealed (stored {report.StoredHash ?? "none"}, content hashes to {report.RecomputedHash})")}");
        foreach (var item in report.Items)
        {
            stdout.WriteLine($"  {(item.Matches ? "same" : "DIFFERENT"),-9} {item.What}: recorded {item.RecordedOutcome} ({F(item.RecordedMargin)}), replayed {item.ReplayedOutcome} ({F(item.ReplayedMargin)})");
        }
        if (report.FullRunIdentical is { } identical)
        {
            stdout.WriteLine($"  full re-run from the recorded seed: {(identical ? "byte-identical certificate" : "DIFFERENT certificate")}");
        }
        return report.Success ? ExitCodes.Ok : ExitCodes.Refuted;
    }

    private static string F(double? x) => x?.ToString("G6", CultureInfo.InvariantCulture) ?? "—";
}
