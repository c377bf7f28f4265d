using VerifyDynamics.Harness.Certificates;

namespace VerifyDynamics.Cli.Commands;

/// <summary>
/// Checks that <c>verify</c> and <c>merge</c> make before any work: folders that are folders and writable, and a
/// certificates folder that holds nothing but certificates (a stray file would otherwise fail the report at the end).
/// Each failure is a usage error naming the file; nothing has been written yet.
/// </summary>
internal static class Preflight
{
    public static void CheckFolders(string certificates, string? reports)
    {
        foreach (var (option, dir) in new[] { ("--certificates", certificates), ("--reports", reports) })
        {
            if (dir is not null && File.Exists(dir))
            {
                throw new UsageException($"{option} '{dir}' is a regular file, not a folder; nothing was written");
            }
        }
        ProbeWritable(certificates);
    }

    /// <summary>
    /// Writes then deletes a probe file in the folder (creating it for the probe, and removing what was created unless
    /// <paramref name="keep"/>): a read-only folder, no permission or a file in the way fails here, not after the run.
    /// </summary>
    public static void ProbeWritable(string dir, bool keep = true)
    {
        try
        {
            string full = Path.GetFullPath(dir);
            string? created = null;
            for (string? d = full; d is not null && !Directory.Exists(d); d = Path.GetDirectoryName(d))
            {
                created = d;
            }
            Directory.CreateDirectory(full);
            string probe = Path.Combine(full, $".vd-probe-{Environment.ProcessId}.tmp");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            if (!keep && created is not null)
            {
                Directory.Delete(created, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write into '{dir}': {e.Message.ReplaceLineEndings(" ")}; nothing was written");
        }
    }

    /// <summary>
    /// Every file already in the certificates folder must be an intact certificate of the statement its path names,
    /// except those of <paramref name="rewritten"/> (they are redone by this run, so a damaged one is replaced).
    /// </summary>
    public static void CheckExisting(string certificates, IReadOnlySet<string> rewritten)
    {
        var store = new CertificateStore(certificates);
        foreach (var path in store.Paths())
        {
            string id = store.IdOf(path);
            if (rewritten.Contains(id))
            {
                continue;
            }
            Certificate c;
            try
            {
                c = Certificate.ReadFile(path);
            }
            catch (CertificateFormatException e)
            {
                throw new UsageException($"{e.Message}; the certificates folder must hold only certificates (move the file out); nothing was written");
            }
            if (!c.SealIntact)
            {
                throw new UsageException($"{path} was modified after it was sealed (stored {c.StoredHash ?? "none"}, content hashes to {c.RecomputedHash}); delete it or redo it with --resume; nothing was written");
            }
            if (c.Statement != id)
            {
                throw new UsageException($"{path} holds the certificate of {c.Statement}, not of {id}; nothing was written");
            }
        }
    }
}
