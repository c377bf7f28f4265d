using System.CommandLine;
using System.Globalization;
using VerifyDynamics.Core;
using System.Text.Json.Nodes;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Harness.Verdicts;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Cli.Commands;

/// <summary><c>vd check ID</c>: one statement on seeded trials, or on a user's instance file; prints, writes nothing.</summary>
public static class CheckCommand
{
    /// <summary>The run seed used when none is given; each statement's seed is derived from it and its id.</summary>
    public static Seed DefaultRunSeed => Seed.Default;

    public static Seed StatementSeed(Seed run, StatementId id) => run.Split(id.ToString());

    public static Command Create(CliOutput io)
    {
        var id = new Argument<string>("ID") { Description = "statement id, e.g. ACGH19.Thm1 ('vd list' shows every id)" };
        var trials = CliOptions.OptionalInt("--trials", "N", "seeded trials to run (default: the statement's own count, 'vd show ID')", 1, InputLimits.MaxTrials);
        var assembly = CliOptions.Assembly();
        var seed = CliOptions.Seed();
        var sets = CliOptions.Sets();
        var instance = CliOptions.Text("--instance", "FILE", "evaluate the statement on this instance (JSON, e.g. from reports/counterexamples/) instead of seeded trials");
        var variant = CliOptions.Text("--variant", "NAME", "with --instance: evaluate this variant (e.g. an erratum's printed form) instead of the statement");
        var threads = CliOptions.Threads(Environment.ProcessorCount);
        var noVariants = CliOptions.Flag("--no-variants", "skip the statement's mutants, controls and errata");
        var json = CliOptions.Flag("--json", "print the sealed certificate (or the instance's evaluation) as JSON");
        var command = new Command("check", "check one statement on seeded trials or on a user instance (prints; writes nothing)")
        {
            id, assembly, trials, seed, sets, instance, variant, threads, noVariants, json,
        };
        command.SetAction(r => Run(r.GetValue(id)!, r.GetValue(assembly), r.GetValue(trials), r.GetValue(seed)!, r.GetValue(sets)!, r.GetValue(instance), r.GetValue(variant),
            r.GetValue(threads), r.GetValue(noVariants), r.GetValue(json), io));
        return command;
    }

    private static int Run(string id, string? assembly, int? trials, Seed runSeed, IReadOnlyDictionary<string, Core.Numbers.Rational> overrides, string? instancePath, string? variantName,
        int threads, bool noVariants, bool json, CliOutput io)
    {
        var statement = StatementLookup.Resolve(id, assembly);
        StatementLookup.ValidateOverrides(statement, overrides);
        if (variantName is not null)
        {
            // A variant (e.g. an erratum: the statement as printed) evaluated on a given instance: how a reviewer replays the
            // printed form's counterexample that verify writes under reports/counterexamples/.
            var variant = statement.Variants.FirstOrDefault(v => v.Name == variantName)
                ?? throw new UsageException($"{statement.Id} has no variant '{variantName}' (variants: {string.Join(", ", statement.Variants.Select(v => v.Name))})");
            if (instancePath is null)
            {
                throw new UsageException("--variant needs --instance FILE (vd mutants runs variants on seeded trials)");
            }
            statement = variant.Apply(statement);
        }
        if (instancePath is not null)
        {
            return CheckInstance(statement, overrides, StatementLookup.ReadInstanceFile(instancePath), json, io.Out);
        }
        var result = StatementRunner.Run(statement, new RunOptions(StatementSeed(runSeed, statement.Id), trials, overrides, threads, RunVariants: !noVariants));
        if (json)
        {
            io.Out.Write(CanonicalJson.Seal(CertificateBuilder.Build(result)));
        }
        else
        {
            PrintResult(result, runSeed, io.Out);
        }
        return ExitCodeFor(result.Verdict);
    }

    public static int ExitCodeFor(Verdict verdict) => verdict switch
    {
        Verdict.Refuted => ExitCodes.Refuted,
        Verdict.Inconclusive or Verdict.NotCheckable => ExitCodes.Inconclusive,
        _ => ExitCodes.Ok,
    };

    private static void PrintResult(StatementResult r, Seed runSeed, TextWriter w)
    {
        var t = r.Trials;
        w.WriteLine($"{r.Statement.Id} — {r.Statement.Title}");
        w.WriteLine($"  seed {runSeed} (statement seed {r.Options.Seed}); {t.Trials} trials: {t.Count(InstanceOutcome.Holds)} hold, {t.Count(InstanceOutcome.Rejected)} rejected, {t.Count(InstanceOutcome.Inconclusive)} inconclusive, {t.Count(InstanceOutcome.Confirmed)} counterexamples, {t.Count(InstanceOutcome.Error)} errors");
        if (t.Worst is { Worst: { } m } worst)
        {
            w.WriteLine($"  worst margin: {m.Name} = {F(m.Value)} (normalized {F(m.Normalized)}, tolerance {F(m.Tolerance.Absolute)} from {m.Tolerance.Source}) at trial {worst.Index}, family '{worst.Instance?.Family}'");
        }
        foreach (var v in r.Variants)
        {
            string mark = v.AsExpected ? "ok  " : "FAIL";
            w.WriteLine($"  {mark} {v.Variant.Role.Word()} {v.Variant.Name}: {(v.Refuted ? "refuted" : "not refuted")} ({v.Trials.Accepted}/{v.Trials.Trials} accepted){(v.Refuted ? " — " + v.Trials.Counterexamples.First().Detail : "")}");
        }
        foreach (var o in r.Obligations)
        {
            w.WriteLine($"  {(o.MetExpectation ? "ok  " : "open")} obligation {o.Spec.Id}: {o.Result.Status.ToString().ToLowerInvariant()} by {o.Result.Method}");
        }
        w.WriteLine($"  verdict: {r.Verdict.ToKebab()} — {(r.AsPrinted ?? r.Decision).Reason}");
        var headline = r.AsPrinted ?? r.Decision;
        w.WriteLine($"  fidelity: {r.Statement.Fidelity.Word} — {r.Statement.Fidelity.Note}");
        w.WriteLine($"  utilization: {t.Utilization.Describe()}{(t.BoundarySearch is { } b ? $" (boundary search: {b.Evaluations} evaluations from {b.Starts} starts, least-exercised utilization {F(b.UtilizationBefore ?? double.NaN)} → {F(b.UtilizationAfter ?? double.NaN)})" : "")}");
        w.WriteLine($"  evidence: {headline.GradeText} — {headline.GradeBasis}");
        if (r.AsPrinted is not null)
        {
            w.WriteLine($"  corrected form: {r.Decision.Verdict.ToKebab()}, evidence {r.Decision.GradeText} — {r.Decision.GradeBasis}");
        }
    }

    private static int CheckInstance(Statement statement, IReadOnlyDictionary<string, Core.Numbers.Rational> overrides, string text, bool json, TextWriter w)
    {
        var instance = InstanceJson.Parse(text);
        var constants = StatementRunner.ResolveConstants(statement, overrides);
        var record = TrialRunner.Evaluate(statement, constants, instance, index: 0, seed: new Seed(0));
        if (record.Outcome == InstanceOutcome.Error && record.Detail?.StartsWith("validator threw", StringComparison.Ordinal) == true)
        {
            // The validator could not even read the instance (a field the statement needs is missing, e.g. an instance of
            // another family): that is bad input, not a finding about the statement.
            throw new UsageException($"the instance (family '{instance.Family}') does not fit {statement.Id}: {record.Detail}; 'vd show {statement.Id}' describes the instances it takes");
        }
        if (json)
        {
            var o = new JsonObject { ["statement"] = statement.Id.ToString() };
            foreach (var (k, v) in CertificateBuilder.Record(record))
            {
                if (k != "trial" && k != "seed")
                {
                    o[k] = v?.DeepClone();
                }
            }
            w.Write(CanonicalJson.Serialize(o));
        }
        else
        {
            w.WriteLine($"{statement.Id} on the given instance: {record.Outcome.ToString().ToLowerInvariant()}{(record.Detail is null ? "" : " — " + record.Detail)}");
            foreach (var m in record.Margins?.Margins ?? [])
            {
                w.WriteLine($"  {(m.Holds ? "holds" : m.IsComputable ? "VIOLATED" : "uncomputable"),-12} {m.Name} = {F(m.Value)} (tolerance {F(m.Tolerance.Absolute)}: {m.Tolerance.Source})");
            }
        }
        return record.Outcome switch
        {
            InstanceOutcome.Holds => ExitCodes.Ok,
            InstanceOutcome.Confirmed => ExitCodes.Refuted,
            InstanceOutcome.Rejected => ExitCodes.Inconclusive,
            _ => ExitCodes.Inconclusive,
        };
    }

    private static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
