using System.Globalization;
using VerifyDynamics.Harness.Replay;

namespace VerifyDynamics.Cli.Commands;

[Command("replay", "re-run a certificate's worst instance and counterexamples and check its hash (--full: re-run everything and compare bytes)",
    "vd replay CERT.json [--full] [--public-key KEY.pub.pem]")]
public static class ReplayCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var a = new Arguments(args, new HashSet<string> { "full" });
        bool full = a.Flag("full");
        string? publicKey = a.Option("public-key");
        a.EnsureAllUsed(1);
        if (a.Positionals.Count != 1)
        {
            throw new UsageException("replay needs exactly one certificate file");
        }
        string path = a.Positionals[0];
        if (!File.Exists(path))
        {
            throw new UsageException(Directory.Exists(path) ? $"'{path}' is a folder; replay takes one certificate file" : $"certificate '{path}' does not exist");
        }
        ReplayReport report;
        Harness.Certificates.Certificate certificate;
        try
        {
            // The typed reader checks the JSON (no duplicate member), the schema and every member replay needs, by name.
            certificate = Harness.Certificates.Certificate.ReadFile(path);
        }
        catch (Harness.Certificates.CertificateFormatException e)
        {
            stderr.WriteLine($"vd replay: {e.Message}");
            return ExitCodes.UsageError;
        }
        bool? signed = null;
        if (publicKey is not null)
        {
            signed = Signing.Verify(path, publicKey, out string why);
            stdout.WriteLine($"{certificate.Statement}: signature {(signed.Value ? "valid" : "INVALID")} — {why}");
        }
        try
        {
            report = CertificateReplay.Replay(certificate, full);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException or Theorems.Model.InstanceFormatException)
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
            stdout.WriteLine($"  full re-run from the recorded seed: {(identical ? "byte-identical certificate" : $"DIFFERENT certificate; {report.Differences.Count} field(s) differ:")}");
            foreach (var field in report.Differences)
            {
                stdout.WriteLine($"    {field}");
            }
        }
        return report.Success && signed != false ? ExitCodes.Ok : ExitCodes.Refuted;
    }

    private static string F(double? x) => x?.ToString("G6", CultureInfo.InvariantCulture) ?? "—";
}
