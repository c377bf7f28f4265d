using System.CommandLine;
using System.Security.Cryptography;
using VerifyDynamics.Harness.Certificates;

namespace VerifyDynamics.Cli.Commands;

/// <summary>
/// <c>vd sign</c>: ECDSA P-256 signatures (.NET's built-in <see cref="ECDsa"/>, SHA-256) of certificate files, so a
/// reviewer holding the author's public key can tell the author's certificates from edited and resealed ones (the
/// seal alone cannot: anyone can recompute a SHA-256). The signature covers the file's bytes and is written next to it
/// as <c>CERT.json.sig</c> (base64 DER); the certificate itself is unchanged.
/// </summary>
public static class SignCommand
{
    public static Command Create(CliOutput io)
    {
        var files = new Argument<string[]>("CERT.json|DIR") { Description = "certificates, or folders of certificates, to sign", Arity = ArgumentArity.ZeroOrMore };
        var key = CliOptions.Text("--key", "KEY.pem", "the private key (ECDSA P-256, PEM) to sign with");
        var generate = CliOptions.Text("--generate-key", "KEY.pem", "make a key pair: KEY.pem (private) and KEY.pub.pem (public); never overwrites");
        var command = new Command("sign", "sign certificates with an ECDSA P-256 key (vd replay --public-key checks the signature), or make a key pair") { files, key, generate };
        command.SetAction(r => Run(r.GetValue(files) ?? [], r.GetValue(key), r.GetValue(generate), io.Out));
        return command;
    }

    private static int Run(string[] positionals, string? key, string? generate, TextWriter stdout)
    {
        if (generate is not null)
        {
            if (key is not null || positionals.Length > 0)
            {
                throw new UsageException("--generate-key takes no certificates and no --key");
            }
            string pub = Signing.PublicKeyPathFor(generate);
            if (File.Exists(generate) || File.Exists(pub))
            {
                throw new UsageException($"'{generate}' or '{pub}' already exists; a key is never overwritten");
            }
            using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            AtomicFile.WriteAllText(pub, ecdsa.ExportSubjectPublicKeyInfoPem() + "\n");
            AtomicFile.WriteAllText(generate, ecdsa.ExportPkcs8PrivateKeyPem() + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(generate, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            stdout.WriteLine($"private key: {generate} (keep it secret); public key: {pub} (give it to reviewers: vd replay CERT --public-key {pub})");
            return ExitCodes.Ok;
        }
        if (key is null)
        {
            throw new UsageException("--key KEY.pem is required (make one with vd sign --generate-key KEY.pem)");
        }
        if (positionals.Length == 0)
        {
            throw new UsageException("sign needs certificate files or folders");
        }
        using var signer = Signing.LoadPrivateKey(key);
        // Every file is checked before any signature is written: a damaged certificate must not be signed.
        var files = new List<string>();
        foreach (var p in positionals)
        {
            if (Directory.Exists(p))
            {
                files.AddRange(new CertificateStore(p).Paths());
            }
            else if (File.Exists(p))
            {
                files.Add(p);
            }
            else
            {
                throw new UsageException($"'{p}' does not exist");
            }
        }
        foreach (var f in files)
        {
            var c = Certificate.ReadFile(f);
            if (!c.SealIntact)
            {
                throw new UsageException($"{f} was modified after it was sealed; it is not signed (nothing was written)");
            }
        }
        foreach (var f in files)
        {
            byte[] signature = signer.SignData(File.ReadAllBytes(f), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            AtomicFile.WriteAllText(f + Signing.Extension, Convert.ToBase64String(signature) + "\n");
        }
        stdout.WriteLine($"signed {files.Count} certificate(s) with {key} (signatures: CERT.json{Signing.Extension})");
        return ExitCodes.Ok;
    }
}

/// <summary>Key files and signature checks of <see cref="SignCommand"/>.</summary>
internal static class Signing
{
    public const string Extension = ".sig";

    public static string PublicKeyPathFor(string privateKey) =>
        privateKey.EndsWith(".pem", StringComparison.Ordinal) ? privateKey[..^4] + ".pub.pem" : privateKey + ".pub.pem";

    public static ECDsa LoadPrivateKey(string path) => Load(path, isPrivate: true);

    private static ECDsa Load(string path, bool isPrivate)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"key file '{path}' does not exist");
        }
        var info = new FileInfo(path);
        if (info.Length > 64 * 1024)
        {
            throw new UsageException($"'{path}' is not a PEM key ({info.Length} bytes)");
        }
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(File.ReadAllText(path));
            if (isPrivate)
            {
                // A public key imports too; signing with it would fail later, so say it now.
                _ = ecdsa.ExportECPrivateKey();
            }
            if (ecdsa.KeySize != 256)
            {
                throw new UsageException($"'{path}' is an ECDSA key of {ecdsa.KeySize} bits; vd uses P-256");
            }
            return ecdsa;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            ecdsa.Dispose();
            throw new UsageException($"'{path}' is not an ECDSA {(isPrivate ? "private" : "public")} key in PEM form ({e.Message.ReplaceLineEndings(" ")})");
        }
    }

    /// <summary>Checks CERT.sig against the certificate's bytes with the public key; <paramref name="why"/> says what was found.</summary>
    public static bool Verify(string certificate, string publicKey, out string why)
    {
        using var ecdsa = Load(publicKey, isPrivate: false);
        string sigPath = certificate + Extension;
        if (!File.Exists(sigPath))
        {
            why = $"no signature file {sigPath}: the certificate is not signed";
            return false;
        }
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(File.ReadAllText(sigPath).Trim());
        }
        catch (FormatException)
        {
            why = $"{sigPath} is not a base64 signature";
            return false;
        }
        bool ok = ecdsa.VerifyData(File.ReadAllBytes(certificate), signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        why = ok ? $"signed by the holder of the private key matching {publicKey}" : $"the file is not what the holder of {publicKey} signed (edited after signing, or signed with another key)";
        return ok;
    }
}
