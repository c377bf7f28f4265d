namespace VerifyDynamics.Theorems.Model;

/// <summary>How much of the statement as printed the check covers (declared by the statement's author, shown everywhere).</summary>
public enum FidelityKind
{
    /// <summary>Not declared: the check cannot be certified, and a test fails while any checked statement is undeclared.</summary>
    Undeclared,
    /// <summary>The statement as printed, under its hypotheses, at its constants.</summary>
    Full,
    /// <summary>The statement on a named subfamily, horizon or size only (the note says which).</summary>
    Restricted,
    /// <summary>Something else is checked in its place (the note says what, and why).</summary>
    Substitute,
}

/// <summary>
/// The fidelity of a check to the statement as printed. Only <see cref="FidelityKind.Full"/> may be certified; a restricted
/// check is reported as "holds on trials (restricted to …)", a substitute as what it is (Harness <c>VerdictRules</c>).
/// </summary>
/// <param name="Kind">Full, restricted or substitute.</param>
/// <param name="Note">For full: what makes it the statement as printed (may be short); for restricted: the subfamily, horizon or size the
/// check is limited to; for substitute: what is checked instead and why.</param>
public sealed record Fidelity(FidelityKind Kind, string Note)
{
    /// <summary>Not declared (the default of a <see cref="Statement"/>).</summary>
    public static Fidelity Undeclared { get; } = new(FidelityKind.Undeclared, "fidelity not declared");

    /// <summary>The statement as printed, under its hypotheses, at its constants.</summary>
    public static Fidelity Full(string note = "the statement as printed, under its hypotheses, at its constants") => new(FidelityKind.Full, note);

    /// <summary>Restricted to <paramref name="to"/> (a subfamily, horizon or size), e.g. "horizon t ≤ 8".</summary>
    public static Fidelity Restricted(string to) => new(FidelityKind.Restricted, to);

    /// <summary>Checks <paramref name="what"/> instead of the statement (say why in the same sentence).</summary>
    public static Fidelity Substitute(string what) => new(FidelityKind.Substitute, what);

    /// <summary>"full", "restricted", "substitute", "undeclared": the word certificates, reports and the CLI print.</summary>
    public string Word => Kind switch
    {
        FidelityKind.Full => "full",
        FidelityKind.Restricted => "restricted",
        FidelityKind.Substitute => "substitute",
        _ => "undeclared",
    };

    /// <summary>One phrase for verdict sentences, e.g. "restricted to horizon t ≤ 8".</summary>
    public string Phrase => Kind switch
    {
        FidelityKind.Full => "the statement as printed",
        FidelityKind.Restricted => $"restricted to {Note}",
        FidelityKind.Substitute => $"a substitute check: {Note}",
        _ => "fidelity not declared",
    };
}
