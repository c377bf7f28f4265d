using System.CommandLine;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Cli.Commands;

/// <summary><c>vd show ID</c>: a statement's text, source, constants, hypotheses, variants and obligations.</summary>
public static class ShowCommand
{
    public static Command Create(CliOutput io)
    {
        var id = new Argument<string>("ID") { Description = "statement id ('vd list' shows every id)" };
        var assembly = CliOptions.Assembly();
        var command = new Command("show", "show a statement: text, source, constants, hypotheses, variants, obligations") { id, assembly };
        command.SetAction(r => Run(r.GetValue(id)!, r.GetValue(assembly), io.Out));
        return command;
    }

    private static int Run(string id, string? assembly, TextWriter stdout)
    {
        var s = StatementLookup.Resolve(id, assembly);
        stdout.WriteLine($"{s.Id} — {s.Title}");
        stdout.WriteLine($"  source:       {s.Source.Location} ({s.Source.Lines})");
        stdout.WriteLine($"  kind:         {s.Kind.ToString().ToLowerInvariant()}; checked as: {s.Checkability.ToString().ToLowerInvariant()}");
        if (s.AliasOf is { } alias)
        {
            stdout.WriteLine($"  alias of:     {alias}");
        }
        stdout.WriteLine($"  statement:    {s.Text}");
        if (s.FormalisationNote.Length > 0)
        {
            stdout.WriteLine($"  formalised:   {s.FormalisationNote}");
        }
        if (s.NotCheckableReason is not null)
        {
            stdout.WriteLine($"  not checked:  {s.NotCheckableReason}");
        }
        stdout.WriteLine($"  generator:    {s.Hypotheses.GeneratorDescription}");
        stdout.WriteLine($"  trials:       {s.DefaultTrials} by default");
        foreach (var lemma in s.AssumedLemmas)
        {
            stdout.WriteLine($"  assumes:      {lemma}");
        }
        stdout.WriteLine($"  fidelity:     {s.Fidelity.Word}{(s.Fidelity.Kind == FidelityKind.Undeclared ? "" : " — " + s.Fidelity.Note)}");
        var (ceiling, why) = Harness.Verdicts.VerdictRules.Ceiling(s);
        stdout.WriteLine($"  best grade:   {Harness.Verdicts.EvidenceGradeExtensions.ToKebab(ceiling)} ({why}); `vd check {s.Id}` prints the grade reached");
        foreach (var c in s.Constants)
        {
            stdout.WriteLine($"  constant      {c.Name} = {c.Default}  ({c.Description}; {c.Domain switch { ConstantDomain.Positive => "> 0", ConstantDomain.NonNegative => "≥ 0", ConstantDomain.PositiveInteger => "positive integer", ConstantDomain.OpenUnitInterval => "in (0, 1)", _ => "any rational" }}{(s.ConstantsInObligations.Contains(c.Name) ? "; re-derived in the obligations under --set" : "")})");
        }
        foreach (var v in s.Variants)
        {
            stdout.WriteLine($"  {v.Role.ToString().ToLowerInvariant(),-13} {v.Name}: {v.Description}");
        }
        foreach (var o in s.Obligations)
        {
            stdout.WriteLine($"  obligation    {o.Id} [{(o.Expect == Theorems.Model.ObligationExpectation.Holds ? "must hold" : "must fail")}] {o.Claim}  ({o.Location})");
        }
        foreach (var e in s.Errata)
        {
            stdout.WriteLine($"  erratum       {e}");
        }
        return ExitCodes.Ok;
    }
}
