namespace VerifyDynamics.Symbolic.Expressions;

/// <summary>
/// The domain of one variable: lower and upper bounds (null = unbounded), each open or closed. A
/// bound may mention variables declared before this one (<c>b in [u, 10]</c>); the interval prover
/// then starts from the numeric hull and keeps the bound as a hypothesis.
/// </summary>
public sealed record VariableDomain(string Name, Expr? Lower, bool LowerOpen, Expr? Upper, bool UpperOpen)
{
    /// <summary>The membership condition as a formula (true when unbounded on both sides).</summary>
    public Formula Membership()
    {
        Formula f = new TrueFormula();
        var v = new Var(Name);
        if (Lower is not null)
        {
            f = Conjoin(f, new Compare(Lower, LowerOpen ? Relation.Less : Relation.LessOrEqual, v));
        }
        if (Upper is not null)
        {
            f = Conjoin(f, new Compare(v, UpperOpen ? Relation.Less : Relation.LessOrEqual, Upper));
        }
        return f;
    }

    internal static Formula Conjoin(Formula a, Formula b) => a is TrueFormula ? b : b is TrueFormula ? a : new And(a, b);
}

/// <summary>
/// A scalar obligation: for all values of the variables in their domains, the claim holds. The
/// <see cref="Text"/> is the claim as written (in the <c>vd prove</c> syntax) so that a reviewer can re-run it.
/// </summary>
public sealed record ScalarObligation(IReadOnlyList<VariableDomain> Variables, Formula Claim, string Text)
{
    /// <summary>Conjunction of every variable's membership condition.</summary>
    public Formula Domain() => Variables.Aggregate((Formula)new TrueFormula(), (f, v) => VariableDomain.Conjoin(f, v.Membership()));

    /// <summary>The closed formula the provers decide: domain implies claim.</summary>
    public Formula DomainImpliesClaim()
    {
        var domain = Domain();
        return domain is TrueFormula ? Claim : new Implies(domain, Claim);
    }

    /// <summary>True when exp or ln occurs (in the claim or in a bound).</summary>
    public bool IsTranscendental => ExprFacts.IsTranscendental(DomainImpliesClaim());
}
