using System.CommandLine;
using System.Globalization;
using VerifyDynamics.Harness.Replay;

namespace VerifyDynamics.Cli.Commands;

/// <summary><c>vd replay CERT.json</c>: a certificate's seal checked and its worst instance and counterexamples re-run.</summary>
public static class ReplayCommand
{
    public static Command Create(CliOutput io)
    {
        var certificate = new Argument<string>("CERT.json") { Description = "the certificate to replay" };
        var full = CliOptions.Flag("--full", "also re-run every trial from the recorded seed and compare the certificates byte for byte");
        var publicKey = CliOptions.Text("--public-key", "KEY.pub.pem", "check the certificate's signature (CERT.json.sig, made by 'vd sign') with this public key");
        var command = new Command("replay", "re-run a certificate's worst instance and counterexamples and check its hash (--full: re-run everything and compare bytes)")
        {
            certificate, full, publicKey,
        };
        command.SetAction(r => Run(r.GetValue(certificate)!, r.GetValue(full), r.GetValue(publicKey), io));
        return command;
    }

    private static int Run(string path, bool full, string? publicKey, CliOutput io)
    {
        var (stdout, stderr) = (io.Out, io.Err);
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
            stdout.WriteLine($"  full re-run from the recorded seed: {(!identical ? $"DIFFERENT certificate; {report.Differences.Count} field(s) differ:" : report.OtherBuild is { } other ? $"identical results, {other}" : "byte-identical certificate")}");
            foreach (var field in report.Differences)
            {
                stdout.WriteLine($"    {field}");
            }
        }
        return report.Success && signed != false ? ExitCodes.Ok : ExitCodes.Refuted;
    }

    private static string F(double? x) => x?.ToString("G6", CultureInfo.InvariantCulture) ?? "—";
}
