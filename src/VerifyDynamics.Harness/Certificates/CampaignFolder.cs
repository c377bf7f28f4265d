using System.Text.Json;
using System.Text.Json.Nodes;

namespace VerifyDynamics.Harness.Certificates;

/// <summary>A campaign that cannot go ahead as asked (mixed campaigns, a folder in use, a stray file); vd exits 2, nothing written.</summary>
public sealed class CampaignException : Exception
{
    public CampaignException()
    {
    }

    public CampaignException(string message) : base(message)
    {
    }

    public CampaignException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

/// <summary>
/// What makes certificates of one campaign comparable: the run seed, the trial budget (<c>--trials-scale</c>), the
/// certificate schema, the version of vd, the source id of its build (<see cref="BuildInfo"/>) and, when the run names
/// one (<c>--campaign ID</c>, as the scripts of <c>vd campaign slurm</c> do), the campaign identity, so that two campaigns
/// with equal seeds and budgets are still told apart. Written as <c>campaign.json</c> at the root of a certificates folder;
/// <c>verify</c> (with or without <c>--resume</c>) and <c>merge</c> refuse to mix two different ones.
/// </summary>
public sealed record CampaignManifest(string Seed, int TrialsScale, string Version, string Source, string? Campaign = null)
{
    public const string FileName = "campaign.json";
    public const string Schema = "verifydynamics.campaign/1";

    /// <summary>The manifest of a run of this vd (<paramref name="campaign"/>: its identity, checked by <see cref="CheckId"/>).</summary>
    public static CampaignManifest For(string seed, int trialsScale, string? campaign = null) =>
        new(seed, trialsScale, BuildInfo.Current.Version, BuildInfo.Current.SourceId, campaign is null ? null : CheckId(campaign));

    /// <summary>
    /// A campaign identity is 1–64 characters of letters, digits, '.', '_' and '-', starting with a letter or digit (it
    /// appears in file contents, job names and shell scripts, so nothing there needs quoting).
    /// </summary>
    public static string CheckId(string id)
    {
        bool ok = id.Length is >= 1 and <= 64 && char.IsAsciiLetterOrDigit(id[0])
            && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
        return ok ? id : throw new CampaignException($"--campaign '{(id.Length <= 70 ? id : id[..67] + "...")}' is not a campaign identity: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }

    public string ToJson()
    {
        var o = new JsonObject
        {
            ["schema"] = Schema,
            ["seed"] = Seed,
            ["trialsScale"] = TrialsScale,
            ["verifydynamics"] = Version,
            ["source"] = Source,
            ["certificateSchema"] = CertificateBuilder.Schema,
        };
        // Absent for a run without --campaign, so the manifests of such runs are unchanged.
        if (Campaign is not null)
        {
            o["campaign"] = Campaign;
        }
        return CanonicalJson.Serialize(o);
    }

    /// <summary>
    /// Same seed, budget and vd version: certificates of the two may share a folder. The source id is not compared here:
    /// each certificate records the build that made it, a new build rewrites what it runs (and the manifest names the
    /// latest build), <c>--resume</c> redoes the certificates of another build, and <c>merge</c> refuses shards of two builds.
    /// </summary>
    public bool SameCampaign(CampaignManifest other) =>
        Seed == other.Seed && TrialsScale == other.TrialsScale && Version == other.Version && Campaign == other.Campaign;

    /// <summary>The manifest of a folder, or null when it has none (a folder made before manifests existed).</summary>
    public static CampaignManifest? ReadFrom(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            var o = JsonNode.Parse(File.ReadAllText(path), documentOptions: Certificate.DocumentOptions) as JsonObject
                ?? throw new CampaignException($"{path} is not a campaign manifest (not a JSON object)");
            if (o["schema"]?.GetValue<string>() != Schema || o["certificateSchema"]?.GetValue<string>() != CertificateBuilder.Schema)
            {
                throw new CampaignException($"{path} is a campaign manifest of another format ('{o["schema"]}', certificates '{o["certificateSchema"]}'); this vd writes {Schema} with {CertificateBuilder.Schema}");
            }
            return new CampaignManifest(o["seed"]!.GetValue<string>(), o["trialsScale"]!.GetValue<int>(), o["verifydynamics"]!.GetValue<string>(),
                // A manifest written before builds recorded their source: another campaign than any run of this vd.
                o["source"]?.GetValue<string>() ?? "not recorded",
                o["campaign"]?.GetValue<string>());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new CampaignException($"{path} is not a readable campaign manifest ({e.Message}); delete it only if the folder holds one campaign", e);
        }
    }

    /// <summary>"seed 7, trials ×1, vd 1.0.0.0, source 40867aa06457", preceded by "campaign ID, " when the run named one.</summary>
    public override string ToString() => $"{(Campaign is null ? "" : $"campaign {Campaign}, ")}seed {Seed}, trials ×{TrialsScale}, vd {Version}, source {(Source.Length > 12 ? Source[..12] : Source)}";
}

/// <summary>
/// A certificates folder opened for writing by one <c>verify</c> or <c>merge</c>: it holds an exclusive lock
/// (<c>.vd.lock</c>, released by the kernel even after <c>kill -9</c>) so that two runs cannot interleave their
/// certificates, removes the temporary files an interrupted rename can leave, checks and writes the campaign manifest.
/// </summary>
public sealed class CampaignFolder : IDisposable
{
    public const string LockName = ".vd.lock";

    private readonly FileStream _lock;

    private CampaignFolder(string root, FileStream lockStream)
    {
        Root = root;
        _lock = lockStream;
    }

    public string Root { get; }

    /// <summary>
    /// Checks that <paramref name="root"/> can be a certificates folder (not a regular file), creates it, takes the lock,
    /// removes stale <c>*.tmp</c> files and compares the manifest with <paramref name="manifest"/>: a different one is a
    /// <see cref="CampaignException"/>. The manifest is written only by <see cref="Commit"/>, after the checks of the caller.
    /// </summary>
    public static CampaignFolder Open(string root, CampaignManifest manifest)
    {
        if (File.Exists(root))
        {
            throw new CampaignException($"--certificates '{root}' is a regular file, not a folder");
        }
        Directory.CreateDirectory(root);
        FileStream stream;
        string lockPath = Path.Combine(root, LockName);
        try
        {
            // FileShare.None takes an advisory lock (flock) on Unix and a share lock on Windows: a second vd fails here.
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException && File.Exists(lockPath))
        {
            throw new CampaignException($"another vd is writing into '{root}' (it holds {lockPath}); wait for it to finish or use another --certificates folder", e);
        }
        var folder = new CampaignFolder(root, stream);
        try
        {
            RemoveStaleTemporaries(root);
            var existing = CampaignManifest.ReadFrom(root);
            if (existing is not null && !existing.SameCampaign(manifest))
            {
                throw new CampaignException($"'{root}' holds the certificates of another campaign ({existing}); this run is {manifest}. Campaigns are not mixed: use another --certificates folder or empty this one");
            }
            return folder;
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>Writes the manifest (atomically).</summary>
    public void Commit(CampaignManifest manifest) => AtomicFile.WriteAllText(Path.Combine(Root, CampaignManifest.FileName), manifest.ToJson());

    /// <summary>Deletes the <c>*.tmp</c> files a write interrupted at the rename leaves (only under a lock, so never another run's).</summary>
    public static int RemoveStaleTemporaries(string root)
    {
        int removed = 0;
        if (!Directory.Exists(root))
        {
            return 0;
        }
        foreach (var tmp in Directory.EnumerateFiles(root, "*.tmp", SearchOption.AllDirectories).ToList())
        {
            File.Delete(tmp);
            removed++;
        }
        return removed;
    }

    public void Dispose()
    {
        _lock.Dispose();
        try
        {
            File.Delete(Path.Combine(Root, LockName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a lock file left behind is harmless (the lock is the flock, not the file).
        }
    }
}
