using VerifyDynamics.Core.Randomness;

namespace VerifyDynamics.Theorems.Model;

/// <summary>How a conclusion is evaluated: the confirmation pass re-runs a candidate violation more precisely.</summary>
public enum Precision
{
    /// <summary>The everyday evaluation used on every trial.</summary>
    Standard,
    /// <summary>Re-evaluation of a candidate counterexample: tighter ODE tolerance, more Monte Carlo draws, higher-precision arithmetic, whatever the statement has.</summary>
    Confirm,
}

/// <summary>What a trial's generator is given: its own random stream, the constants, and its index.</summary>
public sealed record TrialContext(Rng Rng, ConstantValues Constants, int Index);

/// <summary>Hypotheses as a generator that aims to satisfy them and a validator that checks they hold.</summary>
public sealed record Hypotheses(
    string GeneratorDescription,
    Func<TrialContext, Instance> Generate,
    Func<Instance, ConstantValues, HypothesesCheck> Validate);

/// <summary>How a statement can be checked, which bounds the verdict it can reach.</summary>
public enum Checkability
{
    /// <summary>Deterministic inequalities on instances; can be certified when every obligation is proven.</summary>
    Margins,
    /// <summary>A probability bound estimated by Monte Carlo with exact confidence bounds.</summary>
    Statistical,
    /// <summary>A counterexample construction of the paper; success means the claimed failure is reproduced.</summary>
    Construction,
    /// <summary>An asymptotic statement checked as a trend over a sequence of sizes.</summary>
    Trend,
    /// <summary>A conjecture or assumption: evidence only, never certified.</summary>
    Conjecture,
    /// <summary>Cannot be checked (pure existence, unspecified constants); <see cref="Statement.NotCheckableReason"/> says why.</summary>
    NotCheckable,
    /// <summary>Checkable, but no check is implemented yet; <see cref="Statement.NotCheckableReason"/> says what the check would be. Reported as inconclusive, never as a pass.</summary>
    Pending,
}

/// <summary>The role of a variant of a statement.</summary>
public enum VariantRole
{
    /// <summary>A plausible wrong variant; the check must refute it (a check that cannot fail is a defect).</summary>
    Mutant,
    /// <summary>A variant expected to still hold (a control showing the check is not trigger-happy).</summary>
    Control,
    /// <summary>The statement as printed in the paper where the catalog found an error; expected refuted.</summary>
    Erratum,
    /// <summary>
    /// A false step in the paper's proof (the statement itself is not affected: its check still decides the verdict);
    /// expected refuted, reported with the statement's errata.
    /// </summary>
    ProofErratum,
}

/// <summary>How variant roles are written in certificates, reports and the CLI.</summary>
public static class VariantRoleNames
{
    public static string Word(this VariantRole role) => role switch
    {
        VariantRole.Mutant => "mutant",
        VariantRole.Control => "control",
        VariantRole.Erratum => "erratum",
        VariantRole.ProofErratum => "proof-erratum",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown variant role"),
    };
}

/// <summary>A variant of a statement: the same check with one thing changed.</summary>
/// <param name="Name">Says what it breaks, e.g. <c>DropOneHalf</c>.</param>
/// <param name="Description">One sentence for the report.</param>
/// <param name="Role">Mutant, control or erratum.</param>
/// <param name="Apply">Builds the variant from the statement.</param>
/// <param name="Trials">Trial budget (defaults to the statement's).</param>
public sealed record Variant(string Name, string Description, VariantRole Role, Func<Statement, Statement> Apply, int? Trials = null)
{
    public static Variant Mutant(string name, string description, Func<Statement, Statement> apply, int? trials = null) =>
        new(name, description, VariantRole.Mutant, apply, trials);

    public static Variant Control(string name, string description, Func<Statement, Statement> apply, int? trials = null) =>
        new(name, description, VariantRole.Control, apply, trials);

    public static Variant Erratum(string name, string description, Func<Statement, Statement> apply, int? trials = null) =>
        new(name, description, VariantRole.Erratum, apply, trials);

    public static Variant ProofErratum(string name, string description, Func<Statement, Statement> apply, int? trials = null) =>
        new(name, description, VariantRole.ProofErratum, apply, trials);

    /// <summary>A variant that only changes one constant's value.</summary>
    public static Variant ConstantChanged(VariantRole role, string name, string description, NamedConstant constant, Core.Numbers.Rational value, int? trials = null) =>
        new(name, description, role, s => s.WithConstantDefault(constant.Name, value), trials);
}

/// <summary>Whether an obligation is expected to be proven (the inequality the proof uses) or refuted (a wrong variant of it).</summary>
public enum ObligationExpectation
{
    Holds,
    Fails,
}

/// <summary>
/// A scalar inequality a proof relies on, in the <c>vd prove</c> syntax, e.g.
/// <c>forall y in (0, 1/2): 1/(1-y) &lt;= 1 + 2*y</c>.
/// </summary>
/// <remarks>
/// A claim may name a statement's constants as <c>{name}</c> (e.g. <c>eta*{eta_denominator}*b^2 &lt;= 1</c>): the harness
/// substitutes the values in force (<see cref="Resolve"/>), so <c>--set</c> re-derives and re-proves the obligation. A
/// constant overridden while no obligation names it keeps the verdict at holds-on-trials (Harness <c>VerdictRules</c>).
/// </remarks>
public sealed record ObligationSpec(
    string Id,
    string Location,
    string Claim,
    ObligationExpectation Expect = ObligationExpectation.Holds,
    string? Note = null)
{
    private static readonly System.Text.RegularExpressions.Regex Placeholder = new(@"\{([A-Za-z_][A-Za-z0-9_]*)\}", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>The constants the claim names as <c>{name}</c>.</summary>
    public IReadOnlyList<string> ConstantNames => [.. Placeholder.Matches(Claim).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    /// <summary>The claim with every <c>{name}</c> replaced by the constant's exact value (a parenthesised rational).</summary>
    public ObligationSpec Resolve(ConstantValues constants)
    {
        if (!Claim.Contains('{', StringComparison.Ordinal))
        {
            return this;
        }
        string claim = Placeholder.Replace(Claim, m => constants.TryGetValue(m.Groups[1].Value, out var v)
            ? "(" + v.ToString() + ")"
            : throw new KeyNotFoundException($"obligation {Id} names constant '{m.Groups[1].Value}', which its statement does not have"));
        return this with { Claim = claim };
    }
}

/// <summary>A paper's scalar obligations, keyed by statement id; found by the catalog through reflection.</summary>
public interface IObligationBank
{
    IEnumerable<(string StatementId, ObligationSpec Obligation)> Obligations { get; }
}

/// <summary>
/// One catalog statement as code: where it is in the paper, what it says, its constants,
/// hypotheses (generator + validator), conclusion (margins), obligations and variants.
/// </summary>
public sealed record Statement
{
    public required StatementId Id { get; init; }
    public required SourceRef Source { get; init; }
    public required StatementKind Kind { get; init; }

    /// <summary>A few words, e.g. "linear convergence of GD".</summary>
    public required string Title { get; init; }

    /// <summary>The statement in one or two plain sentences, as in the paper.</summary>
    public required string Text { get; init; }

    /// <summary>Every choice the paper left open and how the check made it, and how the check evaluates the conclusion.</summary>
    public string FormalisationNote { get; init; } = "";

    public Checkability Checkability { get; init; } = Checkability.Margins;

    /// <summary>
    /// How much of the statement as printed the check covers: full, restricted (to what) or substitute (for what). Only a
    /// full check can be certified; an undeclared fidelity keeps the verdict at holds-on-trials and fails the catalog lint.
    /// </summary>
    public Fidelity Fidelity { get; init; } = Fidelity.Undeclared;

    /// <summary>
    /// Evaluations the boundary search of <c>vd verify</c> may spend after the trials (a hill climber from the trials nearest
    /// the bound, within the hypotheses), so that the reported utilization is the worst found, not the worst of random draws;
    /// null: the harness default; 0: no search (the formalisation note must say why).
    /// </summary>
    public int? BoundarySearchSteps { get; init; }

    /// <summary>Why the statement cannot be checked (with <see cref="Checkability.NotCheckable"/>), or what of it could not be.</summary>
    public string? NotCheckableReason { get; init; }

    public IReadOnlyList<NamedConstant> Constants { get; init; } = [];

    public required Hypotheses Hypotheses { get; init; }

    /// <summary>The conclusion as margins on an instance that satisfies the hypotheses.</summary>
    public required Func<Instance, ConstantValues, Precision, MarginSet> Conclusion { get; init; }

    public IReadOnlyList<ObligationSpec> Obligations { get; init; } = [];

    public IReadOnlyList<Variant> Variants { get; init; } = [];

    public int DefaultTrials { get; init; } = 32;

    /// <summary>Errata noted by the catalog or found here, in words (also shown when no erratum variant exists).</summary>
    public IReadOnlyList<string> Errata { get; init; } = [];

    /// <summary>For a verbatim restatement (ACGH19 Lemma 16 = Lemma 8): the id whose check it shares.</summary>
    public StatementId? AliasOf { get; init; }

    /// <summary>
    /// Results the check takes as given (catalog ids such as <c>EC21.Lemma41</c>, or named external results such as
    /// "Weyl's inequality"): a statement whose obligations are all proven is then graded "proven assuming" these,
    /// never plainly "proven" (Harness <c>VerdictRules</c>).
    /// </summary>
    public IReadOnlyList<string> AssumedLemmas { get; init; } = [];

    /// <summary>
    /// True only when the statement IS its scalar obligations (a scalar inequality, or a finite conjunction of them, stated
    /// exactly by the obligations that are expected to hold). Otherwise the obligations are the proof's scalar steps and the
    /// reduction of the matrix-level statement to them is the paper's: a certified statement is then graded "proven assuming
    /// the paper's reduction", never plainly "proven" (Harness <c>VerdictRules</c>).
    /// </summary>
    public bool ObligationsAreTheStatement { get; init; }

    public IEnumerable<Variant> Mutants => Variants.Where(v => v.Role == VariantRole.Mutant);

    /// <summary>The obligations with the constants in force substituted for their <c>{name}</c> placeholders.</summary>
    public IReadOnlyList<ObligationSpec> ObligationsFor(ConstantValues constants) => [.. Obligations.Select(o => o.Resolve(constants))];

    /// <summary>The constants some obligation expected to hold names (and so re-derives under <c>--set</c>).</summary>
    public IReadOnlySet<string> ConstantsInObligations =>
        Obligations.Where(o => o.Expect == ObligationExpectation.Holds).SelectMany(o => o.ConstantNames).ToHashSet(StringComparer.Ordinal);

    public ConstantValues DefaultConstants() => ConstantValues.Defaults(Constants);

    public Statement WithConstantDefault(string name, Core.Numbers.Rational value)
    {
        if (!Constants.Any(c => c.Name == name))
        {
            throw new KeyNotFoundException($"{Id} has no constant '{name}' (known: {string.Join(", ", Constants.Select(c => c.Name))})");
        }
        return this with { Constants = [.. Constants.Select(c => c.Name == name ? c with { Default = value } : c)] };
    }

    /// <summary>The same statement with a different conclusion (for mutants and errata).</summary>
    public Statement WithConclusion(Func<Instance, ConstantValues, Precision, MarginSet> conclusion) => this with { Conclusion = conclusion };

    /// <summary>The same statement with different hypotheses (a relaxed hypothesis is a mutant too).</summary>
    public Statement WithHypotheses(string description, Func<TrialContext, Instance> generate, Func<Instance, ConstantValues, HypothesesCheck> validate) =>
        this with { Hypotheses = new Hypotheses(description, generate, validate) };

    /// <summary>The same statement with a different generator (for mutants that need a targeted instance).</summary>
    public Statement WithGenerator(string description, Func<TrialContext, Instance> generate) =>
        this with { Hypotheses = Hypotheses with { GeneratorDescription = description, Generate = generate } };
}
