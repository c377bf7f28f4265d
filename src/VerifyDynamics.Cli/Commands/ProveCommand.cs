using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
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
public static class ProveCommand
{
    public const int ExitProven = ExitCodes.Ok;
    public const int ExitRefuted = ExitCodes.Refuted;
    public const int ExitUsage = ExitCodes.UsageError;
    public const int ExitUndecided = ExitCodes.Inconclusive;

    public static Command Create(CliOutput io)
    {
        var claim = new Argument<string[]>("CLAIM")
        {
            Description = "the claim, e.g. \"forall y in (0, 1/2): 1/(1-y) <= 1 + 2*y\": variables with interval domains ((a, b], [a, inf), R), + - * / ^, "
                + "sqrt exp ln abs min max, comparisons (chains allowed), && || ! and -> (implies); several arguments are joined with spaces",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var json = CliOptions.Flag("--json", "print JSON");
        var rlimit = new Option<long>("--rlimit")
        {
            Description = "Z3 resource limit (deterministic, unlike a timeout)",
            HelpName = "N",
            DefaultValueFactory = _ => ProofOptions.DefaultRlimit,
            CustomParser = r => long.TryParse(r.Tokens[^1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out long v) && v > 0 ? v : Fail(r, "--rlimit needs a positive integer"),
        };
        var budget = new Option<int>("--budget")
        {
            Description = "boxes for the interval branch-and-bound prover",
            HelpName = "N",
            DefaultValueFactory = _ => ProofOptions.DefaultIntervalBudget,
            CustomParser = r => int.TryParse(r.Tokens[^1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : (int)Fail(r, "--budget needs a positive integer"),
        };
        var z3 = CliOptions.Text("--z3-library", "PATH", $"libz3 to load (default: ${Z3Library.LibraryVariable}, else libz3.so.4); {Z3Library.DisableVariable}=1 hides Z3 (polynomial claims are then skipped, exit 3)");
        var command = new Command("prove", "decide one scalar claim with Z3 and the interval prover (proven / refuted with a re-checked counterexample / unknown); "
            + "exit 0 proven, 1 refuted, 3 unknown or skipped, 2 parse or domain error")
        {
            claim, json, rlimit, budget, z3,
        };
        command.SetAction(r => Run(r.GetValue(claim) ?? [], r.GetValue(json), r.GetValue(rlimit), r.GetValue(budget), r.GetValue(z3), io));
        return command;
    }

    private static long Fail(System.CommandLine.Parsing.ArgumentResult r, string message)
    {
        r.AddError(message);
        return 0;
    }

    private static int Run(string[] claimParts, bool json, long rlimit, int budget, string? z3Library, CliOutput io)
    {
        var stdout = io.Out;
        var stderr = io.Err;
        if (claimParts.All(string.IsNullOrWhiteSpace))
        {
            throw new UsageException("no claim given");
        }
        string claim = string.Join(' ', claimParts);
        ScalarObligation obligation;
        try
        {
            obligation = ClaimParser.Parse(claim);
        }
        catch (ClaimParseException e)
        {
            stderr.WriteLine($"vd prove: the claim does not parse at {e.Message}");
            stderr.WriteLine("  " + e.Pointer.Replace("\n", "\n  ", StringComparison.Ordinal));
            return ExitUsage;
        }
        // Ctrl-C / SIGTERM stop the provers through Z3_interrupt; the run then exits 130 instead of printing "unknown".
        using var interruption = new Interruption(stderr, "prove");
        var options = new ProofOptions(rlimit, budget, z3Library);
        if (DomainCheck.FindProblem(obligation, options) is { } problem)
        {
            stderr.WriteLine($"vd prove: {problem}");
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
        var o = new JsonObject
        {
            ["claim"] = claim,
            ["verdict"] = Verdict(r.Status),
            ["method"] = r.Method,
            ["detail"] = r.Detail,
        };
        if (r.Witness is { } w)
        {
            // Variable names of the claim: data, not members of the format.
            var cx = new JsonObject();
            foreach (var (k, v) in w.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                cx[k] = v;
            }
            o["counterexample"] = cx;
        }
        if (r.UnsatCore is { } core)
        {
            o["unsatCore"] = new JsonArray([.. core.Select(c => (JsonNode)c)]);
        }
        if (r.Z3Version is { } version)
        {
            o["z3Version"] = version;
        }
        if (r.Rlimit is { } rl)
        {
            o["rlimit"] = rl;
        }
        if (r.IntervalBoxes is { } boxes)
        {
            o["intervalBoxes"] = boxes;
        }
        if (r.SmtLib is { } smt)
        {
            o["smtLib"] = smt;
        }
        return Harness.Certificates.CanonicalJson.Serialize(o);
    }
}
