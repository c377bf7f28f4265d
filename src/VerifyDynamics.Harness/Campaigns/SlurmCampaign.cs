using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using VerifyDynamics.Core;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Harness.Campaigns;

/// <summary>What <c>vd campaign slurm</c> was asked for (every field already parsed; <see cref="SlurmCampaign.Write"/> validates them).</summary>
public sealed record SlurmCampaignOptions
{
    /// <summary>Number of shards = tasks of the array job (1 ≤ N ≤ the number of statements the filter matches).</summary>
    public required int Shards { get; init; }

    public int TrialsScale { get; init; } = 1;

    public string Filter { get; init; } = "*";

    /// <summary>The run seed, as <c>vd verify --seed</c> accepts it.</summary>
    public required string Seed { get; init; }

    /// <summary>The campaign identity written into every shard's manifest and demanded by the merge.</summary>
    public required string Campaign { get; init; }

    public string? Partition { get; init; }

    /// <summary>Wall-clock limit of each job, <c>[D-]HH:MM:SS</c>.</summary>
    public string Time { get; init; } = SlurmCampaign.DefaultTime;

    public int CpusPerTask { get; init; } = SlurmCampaign.DefaultCpusPerTask;

    /// <summary>The shell command that runs vd on a compute node, inserted verbatim (e.g. <c>vd</c>, <c>dotnet /opt/vd/vd.dll</c>).</summary>
    public string VdCommand { get; init; } = "vd";
}

/// <summary>
/// A ready-to-submit Slurm campaign folder: an array job with one task per shard (<c>vd verify --shard I/N</c> into
/// <c>shards/I</c>), a merge job that runs once every shard succeeded (<c>vd merge</c> into <c>certificates/</c> and
/// <c>reports/</c>), and <c>submit.sh</c> that submits both. Every shard's manifest carries the campaign identity and the
/// merge demands it, so shards of two campaigns are never mixed, even with equal seeds and budgets. The folder is
/// relocatable (the scripts use paths relative to it) and is written all at once or not at all.
/// </summary>
public static partial class SlurmCampaign
{
    public const string ShardScript = "shards.sbatch";
    public const string MergeScript = "merge.sbatch";
    public const string SubmitScript = "submit.sh";
    public const string DefaultTime = "01:00:00";
    public const int DefaultCpusPerTask = 2;

    /// <summary>Exit codes of vd that are results (a refuted or inconclusive statement), not failures of the job.</summary>
    private const string ResultCodes = "0|1|3";

    /// <summary>A fresh campaign identity: UTC time of generation and 32 random bits, e.g. <c>vd-20261207T031500Z-3f9a1c2e</c>.</summary>
    public static string NewId() =>
        $"vd-{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}";

    /// <summary>
    /// Checks everything, then writes the campaign folder <paramref name="outDir"/> (which must not exist, or be empty)
    /// through a staging folder renamed into place, so an error leaves nothing behind. <paramref name="matching"/>: the
    /// statements the filter selects, in catalog order. Returns the files written, relative to the folder.
    /// </summary>
    public static IReadOnlyList<string> Write(string outDir, SlurmCampaignOptions options, IReadOnlyList<Statement> matching)
    {
        var files = Render(options, matching);
        string full = Path.GetFullPath(outDir);
        if (File.Exists(full))
        {
            throw new CampaignException($"--out '{outDir}' is a regular file, not a folder; nothing was written");
        }
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            throw new CampaignException($"--out '{outDir}' already exists and is not empty (another campaign?); campaigns are not mixed: choose a new folder; nothing was written");
        }
        string? createdParent = null;
        for (string? d = Path.GetDirectoryName(full); d is not null && !Directory.Exists(d); d = Path.GetDirectoryName(d))
        {
            createdParent = d;
        }
        if (createdParent is not null && File.Exists(createdParent))
        {
            throw new CampaignException($"--out '{outDir}': '{createdParent}' is a regular file, not a folder; nothing was written");
        }
        string staging = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.vd-{Environment.ProcessId}.tmp");
        try
        {
            Directory.CreateDirectory(staging);
            foreach (var (relative, text) in files)
            {
                string path = Path.Combine(staging, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
                }
            }
            // Slurm opens the jobs' output files before the scripts run, so logs/ must exist; shards/ holds one folder per task.
            Directory.CreateDirectory(Path.Combine(staging, "logs"));
            Directory.CreateDirectory(Path.Combine(staging, "shards"));
            if (Directory.Exists(full))
            {
                Directory.Delete(full);
            }
            Directory.Move(staging, full);
        }
        catch
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
            if (createdParent is not null && Directory.Exists(createdParent))
            {
                Directory.Delete(createdParent, recursive: true);
            }
            throw;
        }
        return [.. files.Keys];
    }

    /// <summary>The scripts of the campaign (file name → text), after checking every option. Pure: writes nothing.</summary>
    public static IReadOnlyDictionary<string, string> Render(SlurmCampaignOptions o, IReadOnlyList<Statement> matching)
    {
        Validate(o, matching);
        string header = $$"""
            # VerifyDynamics campaign {{o.Campaign}}: {{o.Shards}} shard(s) of the statements matching '{{o.Filter.Replace("\n", " ", StringComparison.Ordinal)}}' ({{matching.Count}}),
            # run seed {{o.Seed}}, trials ×{{o.TrialsScale}}. Written by 'vd campaign slurm' (vd {{Version}}); see deploy/slurm/README.md.
            """;
        string partition = o.Partition is null ? "" : $"#SBATCH --partition={o.Partition}\n";
        string runVd = $$"""
            # Site-specific setup goes here (module load, PATH, scratch folders): it runs on the compute node before vd.
            # How vd is started on a compute node (from --vd):
            run_vd() { {{o.VdCommand}} "$@"; }
            """;
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        files[ShardScript] = $$"""
            #!/bin/bash
            {{header}}
            # Array job: task I runs 'vd verify --shard I/{{o.Shards}}' into shards/I. Submit with submit.sh (it sets the working
            # folder to this campaign folder; every path below is relative to it).
            #SBATCH --job-name={{o.Campaign}}-shards
            #SBATCH --array=1-{{o.Shards}}
            #SBATCH --ntasks=1
            #SBATCH --cpus-per-task={{o.CpusPerTask}}
            #SBATCH --time={{o.Time}}
            {{partition}}#SBATCH --output=logs/shard-%a.out
            set -uo pipefail
            {{runVd}}
            shard="${SLURM_ARRAY_TASK_ID:?run this script as a Slurm array job (or set SLURM_ARRAY_TASK_ID)}"
            threads="${SLURM_CPUS_PER_TASK:-{{o.CpusPerTask}}}"
            # --resume: a requeued or resubmitted task keeps the certificates its earlier attempt completed.
            run_vd verify --shard "$shard/{{o.Shards}}" --filter {{Quote(o.Filter)}} --seed {{o.Seed}} --trials-scale {{o.TrialsScale}} \
              --campaign {{o.Campaign}} --threads "$threads" --certificates "shards/$shard" --resume --no-progress
            status=$?
            echo "$status" > "logs/shard-$shard.exit"
            # A refuted (1) or inconclusive (3) statement is a result, recorded in its certificate: the merge still runs and
            # reports it. Anything else (2 usage/input error, 4 internal error, 130 interrupted) fails the task.
            case "$status" in
              {{ResultCodes}}) exit 0 ;;
              *) exit "$status" ;;
            esac

            """;
        files[MergeScript] = $$"""
            #!/bin/bash
            {{header}}
            # Merge job: runs after every task of the array job succeeded (submit.sh adds --dependency=afterok). It merges
            # shards/* into certificates/ and reports/; vd merge refuses a shard of another campaign (exit 2).
            #SBATCH --job-name={{o.Campaign}}-merge
            #SBATCH --ntasks=1
            #SBATCH --cpus-per-task=1
            #SBATCH --time={{o.Time}}
            {{partition}}#SBATCH --output=logs/merge.out
            set -uo pipefail
            {{runVd}}
            shopt -s nullglob
            shards=(shards/*)
            for i in $(seq 1 {{o.Shards}}); do
              if [ ! -d "shards/$i" ]; then
                echo "campaign {{o.Campaign}}: shards/$i is missing (did task $i run?); nothing was merged" >&2
                exit 2
              fi
            done
            if [ "${#shards[@]}" -ne {{o.Shards}} ]; then
              echo "campaign {{o.Campaign}}: shards/ holds ${#shards[@]} entries, expected {{o.Shards}} (shards/1 ... shards/{{o.Shards}}); nothing was merged" >&2
              exit 2
            fi
            run_vd merge "${shards[@]}" --campaign {{o.Campaign}} --certificates certificates --reports reports
            status=$?
            if [ "$status" -ne 0 ]; then
              exit "$status"
            fi
            # The outcome of the campaign, as one 'vd verify' run would give it: 1 if a shard had an unexpected verdict,
            # otherwise 3 if one was inconclusive, otherwise 0.
            outcome=0
            for i in $(seq 1 {{o.Shards}}); do
              case "$(cat "logs/shard-$i.exit" 2>/dev/null)" in
                1) outcome=1 ;;
                3) if [ "$outcome" -eq 0 ]; then outcome=3; fi ;;
              esac
            done
            echo "campaign {{o.Campaign}}: merged {{o.Shards}} shard(s) into certificates/ and reports/ (vd exit code $outcome)"
            exit "$outcome"

            """;
        files[SubmitScript] = $$"""
            #!/usr/bin/env bash
            {{header}}
            # Submits the array job, then the merge job with --dependency=afterok on it, and prints (and writes to jobs.env)
            # the job ids. Run it on a login node. Extra arguments go to both sbatch calls, e.g.:
            #   ./submit.sh --account=myproject --qos=normal
            set -euo pipefail
            here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
            array_job="$(sbatch --parsable --chdir="$here" "$@" "$here/{{ShardScript}}")"
            array_job="${array_job%%;*}"
            if ! merge_job="$(sbatch --parsable --chdir="$here" --dependency="afterok:$array_job" --kill-on-invalid-dep=yes "$@" "$here/{{MergeScript}}")"; then
              echo "submit.sh: the array job $array_job was submitted but the merge job was not; submit it by hand:" >&2
              echo "  sbatch --chdir=\"$here\" --dependency=afterok:$array_job \"$here/{{MergeScript}}\"   (or: scancel $array_job)" >&2
              exit 1
            fi
            merge_job="${merge_job%%;*}"
            printf 'VD_CAMPAIGN=%s\nVD_ARRAY_JOB=%s\nVD_MERGE_JOB=%s\n' {{o.Campaign}} "$array_job" "$merge_job" | tee "$here/jobs.env"

            """;
        return files;
    }

    private static string Version => typeof(SlurmCampaign).Assembly.GetName().Version?.ToString() ?? "unknown";

    private static void Validate(SlurmCampaignOptions o, IReadOnlyList<Statement> matching)
    {
        CampaignManifest.CheckId(o.Campaign);
        if (matching.Count == 0)
        {
            throw new CampaignException($"--filter '{o.Filter}' matches no statement id; nothing was written");
        }
        if (o.Filter.Length == 0 || o.Filter.Any(char.IsControl))
        {
            throw new CampaignException("--filter must be a non-empty glob on one line; nothing was written");
        }
        if (o.Shards < 1 || o.Shards > matching.Count)
        {
            throw new CampaignException($"--shards must be between 1 and {matching.Count} (the number of statements --filter '{o.Filter}' matches), got {o.Shards}; nothing was written");
        }
        if (o.TrialsScale < 1 || o.TrialsScale > InputLimits.MaxTrialsScale)
        {
            throw new CampaignException($"--trials-scale must be between 1 and {InputLimits.MaxTrialsScale}, got {o.TrialsScale}; nothing was written");
        }
        foreach (var s in matching)
        {
            // The same limit vd verify checks (README "Input limits"), refused here rather than on the compute node.
            long total = (long)s.DefaultTrials * o.TrialsScale;
            if (total > InputLimits.MaxTrials)
            {
                throw new CampaignException($"--trials-scale {o.TrialsScale} gives {s.Id} {total} trials; the limit is {InputLimits.MaxTrials} per statement (README \"Input limits\"); nothing was written");
            }
        }
        if (o.CpusPerTask < 1 || o.CpusPerTask > InputLimits.MaxThreads)
        {
            throw new CampaignException($"--cpus-per-task must be between 1 and {InputLimits.MaxThreads}, got {o.CpusPerTask}; nothing was written");
        }
        if (!TimeLimit().IsMatch(o.Time))
        {
            throw new CampaignException($"--time must be HH:MM:SS or D-HH:MM:SS (minutes and seconds below 60), got '{o.Time}'; nothing was written");
        }
        if (o.Partition is not null && !PartitionName().IsMatch(o.Partition))
        {
            throw new CampaignException($"--partition must be a Slurm partition name (or a comma-separated list) of letters, digits, '_', '-' and '.', got '{o.Partition}'; nothing was written");
        }
        if (string.IsNullOrWhiteSpace(o.VdCommand) || o.VdCommand.Any(char.IsControl))
        {
            throw new CampaignException("--vd must be a non-empty shell command on one line (e.g. 'vd' or 'dotnet /opt/vd/vd.dll'); nothing was written");
        }
        try
        {
            Core.Randomness.Seed.Parse(o.Seed);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new CampaignException($"--seed must be an unsigned 64-bit integer (decimal or 0x hex), got '{o.Seed}'; nothing was written", e);
        }
    }

    /// <summary>A single-quoted shell word (a quote inside becomes '\'').</summary>
    public static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"^(\d{1,4}-)?\d{1,4}:[0-5]\d:[0-5]\d$", RegexOptions.CultureInvariant)]
    private static partial Regex TimeLimit();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PartitionName();
}
