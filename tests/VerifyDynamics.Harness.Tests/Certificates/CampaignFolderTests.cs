using System.Text;
using System.Text.Json.Nodes;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Testing;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Certificates;

/// <summary>
/// The campaign manifest, the certificates folder's lock, the store and the atomic write: what <c>verify</c> and <c>merge</c>
/// rely on to keep campaigns apart (Stryker run 1 of reports/mutation/harness: tested only from the CLI's tests).
/// </summary>
public sealed class CampaignFolderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "vd-campaign-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static CampaignManifest Manifest(string seed = "7", int scale = 1, string version = "1.0.0.0", string source = "0123456789abcdef", string? campaign = null) =>
        new(seed, scale, version, source, campaign);

    [Theory]
    [InlineData("a")]
    [InlineData("9")]
    [InlineData("run-2026.12_07")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl")]
    public void CampaignIds_ThatNeedNoQuoting_AreAccepted(string id) => Assert.Equal(id, CampaignManifest.CheckId(id));

    [Theory]
    [InlineData("")]
    [InlineData("-run")]
    [InlineData(".run")]
    [InlineData("_run")]
    [InlineData("run 2")]
    [InlineData("run/2")]
    [InlineData("run;rm")]
    [InlineData("runé")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklm")]
    public void OtherCampaignIds_AreRefused(string id)
    {
        var e = Assert.Throws<CampaignException>(() => CampaignManifest.CheckId(id));
        Assert.Equal($"--campaign '{id}' is not a campaign identity: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit", e.Message);
    }

    [Fact]
    public void ALongRefusedId_IsShortenedInTheMessage()
    {
        string seventy = new string('x', 69) + "!";
        Assert.StartsWith($"--campaign '{seventy}' is not", Assert.Throws<CampaignException>(() => CampaignManifest.CheckId(seventy)).Message, StringComparison.Ordinal);
        string longer = new string('y', 70) + "!";
        Assert.StartsWith($"--campaign '{new string('y', 67)}...' is not", Assert.Throws<CampaignException>(() => CampaignManifest.CheckId(longer)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_IsThisBuild_WithTheCheckedId()
    {
        var m = CampaignManifest.For("7", 2, "c1");
        Assert.Equal(new CampaignManifest("7", 2, BuildInfo.Current.Version, BuildInfo.Current.SourceId, "c1"), m);
        Assert.Null(CampaignManifest.For("7", 2).Campaign);
        Assert.Throws<CampaignException>(() => CampaignManifest.For("7", 2, "bad id"));
    }

    [Fact]
    public void BuildInfo_IsTheHarnessAssemblysVersion_AndTheMetadataItsBuildRecorded()
    {
        var assembly = typeof(BuildInfo).Assembly;
        string Meta(string key) => assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
        Assert.Equal(assembly.GetName().Version!.ToString(), BuildInfo.Current.Version);
        Assert.Equal(Meta("VerifyDynamics.SourceDirty") == "true", BuildInfo.Current.SourceDirty);
        Assert.Equal(Meta("VerifyDynamics.Commit"), BuildInfo.Current.Commit);
        Assert.Equal(Meta("VerifyDynamics.Source"), BuildInfo.Current.SourceId);
    }

    [Fact]
    public void ToJson_IsCanonical_WithTheCampaignOnlyWhenNamed()
    {
        Assert.Equal("{\n  \"schema\": \"verifydynamics.campaign/1\",\n  \"seed\": \"7\",\n  \"trialsScale\": 1,\n  \"verifydynamics\": \"1.0.0.0\",\n  \"source\": \"0123456789abcdef\",\n  \"certificateSchema\": \"verifydynamics.certificate/1\"\n}\n",
            Manifest().ToJson());
        Assert.EndsWith("\"certificateSchema\": \"verifydynamics.certificate/1\",\n  \"campaign\": \"c1\"\n}\n", Manifest(campaign: "c1").ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void SameCampaign_ComparesSeedBudgetVersionAndId_NotTheSource()
    {
        var m = Manifest();
        Assert.True(m.SameCampaign(Manifest(source: "another build")));
        Assert.False(m.SameCampaign(Manifest(seed: "8")));
        Assert.False(m.SameCampaign(Manifest(scale: 2)));
        Assert.False(m.SameCampaign(Manifest(version: "1.0.0.1")));
        Assert.False(m.SameCampaign(Manifest(campaign: "c1")));
        Assert.True(Manifest(campaign: "c1").SameCampaign(Manifest(campaign: "c1")));
    }

    [Fact]
    public void ToString_SaysWhichCampaign()
    {
        Assert.Equal("seed 7, trials ×1, vd 1.0.0.0, source 0123456789ab", Manifest().ToString());
        Assert.Equal("campaign c1, seed 7, trials ×3, vd 1.0.0.0, source abc", Manifest(scale: 3, source: "abc", campaign: "c1").ToString());
        Assert.Equal("seed 7, trials ×1, vd 1.0.0.0, source 0123456789ab", Manifest(source: "0123456789ab").ToString());
    }

    [Fact]
    public void ReadFrom_RoundTripsAManifest_AndIsNullWithoutOne()
    {
        Directory.CreateDirectory(_dir);
        Assert.Null(CampaignManifest.ReadFrom(_dir));
        Assert.Null(CampaignManifest.ReadFrom(Path.Combine(_dir, "absent")));
        foreach (var m in new[] { Manifest(), Manifest(campaign: "c1") })
        {
            File.WriteAllText(Path.Combine(_dir, CampaignManifest.FileName), m.ToJson());
            Assert.Equal(m, CampaignManifest.ReadFrom(_dir));
        }
    }

    [Fact]
    public void ReadFrom_AnOldManifest_WithoutASource_SaysNotRecorded()
    {
        Directory.CreateDirectory(_dir);
        var o = JsonNode.Parse(Manifest().ToJson())!.AsObject();
        o.Remove("source");
        File.WriteAllText(Path.Combine(_dir, CampaignManifest.FileName), o.ToJsonString());
        Assert.Equal(Manifest(source: "not recorded"), CampaignManifest.ReadFrom(_dir));
    }

    [Theory]
    [InlineData("[1]", "is not a campaign manifest (not a JSON object)")]
    [InlineData("{\"schema\":\"verifydynamics.campaign/2\",\"certificateSchema\":\"verifydynamics.certificate/1\"}", "is a campaign manifest of another format ('verifydynamics.campaign/2', certificates 'verifydynamics.certificate/1'); this vd writes verifydynamics.campaign/1 with verifydynamics.certificate/1")]
    [InlineData("{\"schema\":\"verifydynamics.campaign/1\",\"certificateSchema\":\"verifydynamics.certificate/0\"}", "is a campaign manifest of another format ('verifydynamics.campaign/1', certificates 'verifydynamics.certificate/0'); this vd writes verifydynamics.campaign/1 with verifydynamics.certificate/1")]
    [InlineData("{\"certificateSchema\":\"verifydynamics.certificate/1\"}", "is a campaign manifest of another format ('', certificates 'verifydynamics.certificate/1'); this vd writes verifydynamics.campaign/1 with verifydynamics.certificate/1")]
    public void ReadFrom_AManifestOfAnotherFormat_IsRefused(string text, string message)
    {
        Directory.CreateDirectory(_dir);
        string path = Path.Combine(_dir, CampaignManifest.FileName);
        File.WriteAllText(path, text);
        Assert.Equal($"{path} {message}", Assert.Throws<CampaignException>(() => CampaignManifest.ReadFrom(_dir)).Message);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{\"schema\":\"verifydynamics.campaign/1\",\"certificateSchema\":\"verifydynamics.certificate/1\",\"trialsScale\":1,\"verifydynamics\":\"1\"}")]
    [InlineData("{\"schema\":\"verifydynamics.campaign/1\",\"certificateSchema\":\"verifydynamics.certificate/1\",\"seed\":7,\"trialsScale\":1,\"verifydynamics\":\"1\"}")]
    [InlineData("{\"schema\":\"verifydynamics.campaign/1\",\"schema\":\"verifydynamics.campaign/1\",\"certificateSchema\":\"verifydynamics.certificate/1\"}")]
    [InlineData("{\"schema\":1,\"certificateSchema\":\"verifydynamics.certificate/1\"}")]
    public void ReadFrom_AnUnreadableManifest_IsRefused_NamingTheFile(string text)
    {
        Directory.CreateDirectory(_dir);
        string path = Path.Combine(_dir, CampaignManifest.FileName);
        File.WriteAllText(path, text);
        var e = Assert.Throws<CampaignException>(() => CampaignManifest.ReadFrom(_dir));
        Assert.StartsWith($"{path} is not a readable campaign manifest (", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("); delete it only if the folder holds one campaign", e.Message, StringComparison.Ordinal);
        Assert.NotNull(e.InnerException);
    }

    [Fact]
    public void Open_CreatesTheFolder_TakesTheLock_RemovesStaleTemporaries_AndCommitWritesTheManifest()
    {
        string paper = Path.Combine(_dir, "TOY");
        Directory.CreateDirectory(paper);
        File.WriteAllText(Path.Combine(paper, "X.json.123.abc.tmp"), "half");
        File.WriteAllText(Path.Combine(_dir, "campaign.json.9.tmp"), "half");
        File.WriteAllText(Path.Combine(paper, "X.json"), "kept");
        using (var folder = CampaignFolder.Open(_dir, Manifest()))
        {
            Assert.Equal(_dir, folder.Root);
            Assert.True(File.Exists(Path.Combine(_dir, CampaignFolder.LockName)));
            Assert.Empty(Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories));
            Assert.Equal("kept", File.ReadAllText(Path.Combine(paper, "X.json")));
            // Nothing written before Commit.
            Assert.Null(CampaignManifest.ReadFrom(_dir));

            var second = Assert.Throws<CampaignException>(() => CampaignFolder.Open(_dir, Manifest()));
            Assert.Equal($"another vd is writing into '{_dir}' (it holds {Path.Combine(_dir, CampaignFolder.LockName)}); wait for it to finish or use another --certificates folder", second.Message);

            folder.Commit(Manifest());
            Assert.Equal(Manifest().ToJson(), File.ReadAllText(Path.Combine(_dir, CampaignManifest.FileName)));
        }
        Assert.False(File.Exists(Path.Combine(_dir, CampaignFolder.LockName)));
        using (var again = CampaignFolder.Open(_dir, Manifest(source: "another build")))
        {
            Assert.Equal(_dir, again.Root);
        }
    }

    [Fact]
    public void Open_AFolderThatDoesNotExist_CreatesIt_WithItsParents()
    {
        string root = Path.Combine(_dir, "new", "certs");
        Assert.False(Directory.Exists(_dir));
        using var folder = CampaignFolder.Open(root, Manifest());
        Assert.True(Directory.Exists(root));
        Assert.True(File.Exists(Path.Combine(root, CampaignFolder.LockName)));
    }

    [LinuxFact("PATH_MAX = 4096 and ENAMETOOLONG")]
    public void Open_WhereTheLockPathIsTooLong_RethrowsTheError_NotAnotherVdIsWriting()
    {
        // Linux: a folder path of 4090 characters can be made, but with "/.vd.lock" it exceeds PATH_MAX (4096), so opening the
        // lock fails with ENAMETOOLONG while no lock file exists: an I/O error to report as it is, not a lock held by another vd.
        var root = new StringBuilder(_dir);
        while (root.Length < 4090)
        {
            // Names of at most 200 characters (NAME_MAX is 255), never leaving a last one of none.
            int rest = 4090 - root.Length - 1;
            root.Append('/').Append('d', rest <= 200 ? rest : rest == 201 ? 199 : 200);
        }
        Assert.Equal(4090, root.Length);
        Directory.CreateDirectory(root.ToString());
        Assert.Throws<PathTooLongException>(() => CampaignFolder.Open(root.ToString(), Manifest()));
    }

    /// <summary>The targets of this process's open file descriptors (Linux), skipping those closed while listing.</summary>
    private static List<string> OpenFiles()
    {
        var targets = new List<string>();
        foreach (string fd in Directory.GetFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target)
                {
                    targets.Add(target);
                }
            }
            catch (IOException)
            {
            }
        }
        return targets;
    }

    [LinuxFact("/proc/self/fd lists the open descriptors")]
    public void Dispose_ClosesTheLockFile()
    {
        // On Unix the lock file is deleted even while open, and the next Open makes a new one: only the open descriptor shows a leak.
        string lockPath = Path.Combine(_dir, CampaignFolder.LockName);
        var folder = CampaignFolder.Open(_dir, Manifest());
        Assert.Contains(lockPath, OpenFiles());
        folder.Dispose();
        Assert.DoesNotContain(OpenFiles(), f => f.StartsWith(lockPath, StringComparison.Ordinal));
        GC.KeepAlive(folder);
    }

    [Fact]
    public void Open_AFolderOfAnotherCampaign_IsRefused_AndReleasesTheLock()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, CampaignManifest.FileName), Manifest().ToJson());
        var e = Assert.Throws<CampaignException>(() => CampaignFolder.Open(_dir, Manifest(seed: "8")));
        Assert.Equal($"'{_dir}' holds the certificates of another campaign (seed 7, trials ×1, vd 1.0.0.0, source 0123456789ab); this run is seed 8, trials ×1, vd 1.0.0.0, source 0123456789ab. Campaigns are not mixed: use another --certificates folder or empty this one", e.Message);
        Assert.False(File.Exists(Path.Combine(_dir, CampaignFolder.LockName)));
        using var folder = CampaignFolder.Open(_dir, Manifest());
    }

    [Fact]
    public void Open_ARegularFile_IsRefused()
    {
        Directory.CreateDirectory(_dir);
        string file = Path.Combine(_dir, "certs");
        File.WriteAllText(file, "x");
        Assert.Equal($"--certificates '{file}' is a regular file, not a folder", Assert.Throws<CampaignException>(() => CampaignFolder.Open(file, Manifest())).Message);
    }

    [Fact]
    public void RemoveStaleTemporaries_CountsWhatItRemoves()
    {
        Assert.Equal(0, CampaignFolder.RemoveStaleTemporaries(_dir));
        Directory.CreateDirectory(Path.Combine(_dir, "A", "B"));
        File.WriteAllText(Path.Combine(_dir, "1.tmp"), "");
        File.WriteAllText(Path.Combine(_dir, "A", "B", "2.tmp"), "");
        File.WriteAllText(Path.Combine(_dir, "A", "3.json"), "");
        Assert.Equal(2, CampaignFolder.RemoveStaleTemporaries(_dir));
        Assert.Equal(0, CampaignFolder.RemoveStaleTemporaries(_dir));
        Assert.True(File.Exists(Path.Combine(_dir, "A", "3.json")));
    }

    [Fact]
    public void Store_WritesSealedCertificates_AndListsOnlyThoseInPaperFolders()
    {
        var store = new CertificateStore(_dir);
        Assert.Equal(_dir, store.Root);
        Assert.Empty(store.Paths());
        Assert.Empty(store.ReadAll());
        Assert.Equal(Path.Combine(_dir, "TOY", "X.json"), store.PathFor("TOY", "X"));

        string b = store.Write(new JsonObject { ["paper"] = "TOY", ["statement"] = "TOY.B" });
        string a = store.Write(new JsonObject { ["paper"] = "TOY", ["statement"] = "TOY.A" });
        string z = store.Write(new JsonObject { ["paper"] = "ABC", ["statement"] = "ABC.Z" });
        Assert.Equal(Path.Combine(_dir, "TOY", "B.json"), b);
        File.WriteAllText(Path.Combine(_dir, CampaignManifest.FileName), "{}");
        File.WriteAllText(Path.Combine(_dir, "TOY", "notes.txt"), "");
        Directory.CreateDirectory(Path.Combine(_dir, "TOY", "deeper"));
        File.WriteAllText(Path.Combine(_dir, "TOY", "deeper", "C.json"), "{}");

        Assert.Equal([z, a, b], store.Paths());
        Assert.Equal([z, a, b], store.ReadAll().Select(x => x.Path));
        string text = File.ReadAllText(a);
        Assert.Equal(text, store.ReadAll().Single(x => x.Path == a).Text);
        var (stored, recomputed) = CanonicalJson.CheckSeal(text);
        Assert.Equal(stored, recomputed);
        Assert.Equal("{\n  \"paper\": \"TOY\",\n  \"statement\": \"TOY.A\",\n  \"sha256\": \"" + stored + "\"\n}\n", text);
        Assert.Equal("TOY.A", store.IdOf(a));
        Assert.Equal("ABC.Z", store.IdOf(z));
    }

    [Fact]
    public void Store_Parse_TakesOnlyAnObject()
    {
        Assert.Equal("TOY", CertificateStore.Parse("{\"paper\":\"TOY\"}")["paper"]!.GetValue<string>());
        Assert.Equal("a certificate must be a JSON object", Assert.Throws<System.Text.Json.JsonException>(() => CertificateStore.Parse("[1]")).Message);
    }

    [Fact]
    public void AtomicFile_WritesUtf8WithoutAMark_Replaces_AndLeavesNoTemporary()
    {
        string path = Path.Combine(_dir, "a", "b.json");
        AtomicFile.WriteAllText(path, "é one");
        Assert.Equal(Encoding.UTF8.GetBytes("é one"), File.ReadAllBytes(path));
        AtomicFile.WriteAllText(path, "two");
        Assert.Equal("two", File.ReadAllText(path));
        Assert.Equal(["b.json"], Directory.GetFiles(Path.Combine(_dir, "a")).Select(Path.GetFileName));
        // A failed write (the target is a folder) leaves the old state and no temporary file.
        string folder = Path.Combine(_dir, "a", "folder");
        Directory.CreateDirectory(folder);
        Assert.ThrowsAny<Exception>(() => AtomicFile.WriteAllText(folder, "x"));
        Assert.Equal(["b.json"], Directory.GetFiles(Path.Combine(_dir, "a")).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(double.NaN, "\"NaN\"")]
    [InlineData(double.PositiveInfinity, "\"Infinity\"")]
    [InlineData(double.NegativeInfinity, "\"-Infinity\"")]
    [InlineData(0.1, "0.1")]
    [InlineData(-2.5e-300, "-2.5E-300")]
    public void CanonicalJson_Numbers(double value, string json) => Assert.Equal(json, CanonicalJson.Number(value).ToJsonString());
}
