using System.Globalization;
using System.Text;
using System.Text.Json;
using VerifyDynamics.Symbolic.Expressions;
using VerifyDynamics.Symbolic.Native;
using VerifyDynamics.Symbolic.Proving;

namespace VerifyDynamics.Cli.Commands;

/// <summary>
/// <c>vd prove "forall y in (0, 1/2): 1/(1-y) &lt;= 1 + 2*y" [--json] [--rlimit N] [--budget N]</c>:
/// decides one scalar claim and prints the verdict, the evidence (which prover) and a counterexample
/// when refuted. Exit codes: 0 proven, 1 refuted, 3 unknown or skipped, 2 usage or parse error.
/// Z3 is hidden with <c>VD_DISABLE_Z3=1</c>, <c>VD_LIBZ3=/nonexistent</c> or <c>--z3-library /nonexistent</c>
/// (see <see cref="Z3Library"/>); polynomial claims are then skipped (exit 3) with the reason.
/// </summary>
[Command("prove", "decide one scalar claim with Z3 and the interval prover (proven / refuted with a re-checked counterexample / unknown)",
    "vd prove \"forall y in (0, 1/2): 1/(1-y) <= 1 + 2*y\" [--json] [--rlimit N] [--budget N] [--z3-library PATH]")]
public static class ProveCommand
{
    public const int ExitProven = ExitCodes.Ok;
    public const int ExitRefuted = ExitCodes.Refuted;
    public const int ExitUsage = ExitCodes.UsageError;
    public const int ExitUndecided = ExitCodes.Inconclusive;

    private static readonly string Usage =
        "usage: vd prove \"<claim>\" [--json] [--rlimit N] [--budget N]\n" +
        "  claim:    forall y in (0, 1/2): 1/(1-y) <= 1 + 2*y\n" +
        "            variables with interval domains ((a, b], [a, inf), R), + - * / ^, sqrt exp ln abs min max,\n" +
        "            comparisons (chains allowed), && || ! and -> (implies)\n" +
        "  --rlimit  Z3 resource limit (deterministic; default " + ProofOptions.DefaultRlimit.ToString(CultureInfo.InvariantCulture) + ")\n" +
        "  --budget  boxes for the interval branch-and-bound prover (default " + ProofOptions.DefaultIntervalBudget.ToString(CultureInfo.InvariantCulture) + ")\n" +
        "  --z3-library PATH  libz3 to load (default: $VD_LIBZ3, else libz3.so.4); VD_DISABLE_Z3=1 hides Z3\n" +
        "  exit code 0 proven, 1 refuted, 3 unknown or skipped (libz3 missing), 2 usage, parse or domain error (empty domain; sqrt/ln undefined somewhere on it), 130 interrupted";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        bool json = false;
        long rlimit = ProofOptions.DefaultRlimit;
        int budget = ProofOptions.DefaultIntervalBudget;
        string? z3Library = null;
        var claimParts = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--rlimit":
                    if (i + 1 >= args.Length || !long.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out rlimit) || rlimit <= 0)
                    {
                        stderr.WriteLine("error: --rlimit needs a positive integer");
                        stderr.WriteLine(Usage);
                        return ExitUsage;
                    }
                    break;
                case "--budget":
                    if (i + 1 >= args.Length || !int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out budget) || budget <= 0)
                    {
                        stderr.WriteLine("error: --budget needs a positive integer");
                        stderr.WriteLine(Usage);
                        return ExitUsage;
                    }
                    break;
                case "--z3-library":
                    if (i + 1 >= args.Length)
                    {
                        stderr.WriteLine("error: --z3-library needs a path or library name");
                        stderr.WriteLine(Usage);
                        return ExitUsage;
                    }
                    z3Library = args[++i];
                    break;
                case "-h" or "--help":
                    stdout.WriteLine(Usage);
                    return ExitProven;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal))
                    {
                        stderr.WriteLine($"error: unknown option '{args[i]}'");
                        stderr.WriteLine(Usage);
                        return ExitUsage;
                    }
                    claimParts.Add(args[i]);
                    break;
            }
        }
        if (claimParts.All(string.IsNullOrWhiteSpace))
        {
            stderr.WriteLine("error: no claim given");
            stderr.WriteLine(Usage);
            return ExitUsage;
        }
        string claim = string.Join(' ', claimParts);
        ScalarObligation obligation;
        try
        {
            obligation = ClaimParser.Parse(claim);
        }
        catch (ClaimParseException e)
        {
            stderr.WriteLine($"error: the claim does not parse at {e.Message}");
            stderr.WriteLine("  " + e.Pointer.Replace("\n", "\n  ", StringComparison.Ordinal));
            return ExitUsage;
        }
        // Ctrl-C / SIGTERM stop the provers through Z3_interrupt; the run then exits 130 instead of printing "unknown".
        using var interruption = new Interruption(stderr, "prove");
        var options = new ProofOptions(rlimit, budget, z3Library);
        if (DomainCheck.FindProblem(obligation, options) is { } problem)
        {
            stderr.WriteLine($"error: {problem}");
            return ExitUsage;
        }
        var result = ObligationProver.Prove(obligation, options);
        stdout.Write(json ? Json(claim, result) : Text(claim, result));
        return result.Status switch
        {
            ProofStatus.Proven => ExitProven,
            ProofStatus.Refuted => ExitRefuted,
            _ => ExitUndecided,
        };
    }

    private static string Verdict(ProofStatus s) => s switch
    {
        ProofStatus.Proven => "proven",
        ProofStatus.Refuted => "refuted",
        ProofStatus.Unknown => "unknown",
        ProofStatus.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    private static string Text(string claim, ProofResult r)
    {
        var sb = new StringBuilder();
        sb.Append("claim:    ").Append(claim).Append('\n');
        sb.Append("verdict:  ").Append(Verdict(r.Status)).Append('\n');
        sb.Append("evidence: ").Append(r.Method).Append('\n');
        sb.Append("detail:   ").Append(r.Detail).Append('\n');
        if (r.Witness is { Count: > 0 } w)
        {
            sb.Append("counterexample: ").Append(string.Join(", ", w.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} = {kv.Value}"))).Append('\n');
        }
        if (r.UnsatCore is { Count: > 0 } core)
        {
            sb.Append("unsat core: ").Append(string.Join(' ', core)).Append('\n');
        }
        if (r.Status == ProofStatus.Skipped)
        {
            sb.Append("note:     a skipped obligation is not evidence; install libz3-4 or unset ").Append(Z3Library.DisableVariable).Append('/').Append(Z3Library.LibraryVariable).Append('\n');
        }
        return sb.ToString();
    }

    private static string Json(string claim, ProofResult r)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("claim", claim);
            writer.WriteString("verdict", Verdict(r.Status));
            writer.WriteString("method", r.Method);
            writer.WriteString("detail", r.Detail);
            if (r.Witness is { } w)
            {
                writer.WriteStartObject("counterexample");
                foreach (var (k, v) in w.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    writer.WriteString(k, v);
                }
                writer.WriteEndObject();
            }
            if (r.UnsatCore is { } core)
            {
                writer.WriteStartArray("unsat-core");
                foreach (var c in core)
                {
                    writer.WriteStringValue(c);
                }
                writer.WriteEndArray();
            }
            if (r.Z3Version is { } version)
            {
                writer.WriteString("z3-version", version);
            }
            if (r.Rlimit is { } rl)
            {
                writer.WriteNumber("rlimit", rl);
            }
            if (r.IntervalBoxes is { } boxes)
            {
                writer.WriteNumber("interval-boxes", boxes);
            }
            if (r.SmtLib is { } smt)
            {
                writer.WriteString("smt-lib", smt);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }
}
