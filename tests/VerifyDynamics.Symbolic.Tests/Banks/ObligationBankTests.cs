using VerifyDynamics.Symbolic.Expressions;
using VerifyDynamics.Symbolic.Proving;
using VerifyDynamics.Theorems;
using VerifyDynamics.Theorems.ACGH19;
using VerifyDynamics.Theorems.EC21;
using VerifyDynamics.Theorems.JGGSH21;
using VerifyDynamics.Theorems.Model;
using Xunit;

namespace VerifyDynamics.Symbolic.Tests.Banks;

/// <summary>
/// The banks are tested directly (not through the Catalog, whose statements are written in parallel):
/// every claim parses, ids are unique, and every obligation's result matches its expectation with the
/// provers available (Holds → proven, Fails → refuted with a re-checked counterexample).
/// </summary>
public static class Banks
{
    public static IReadOnlyDictionary<string, IReadOnlyList<(string StatementId, ObligationSpec Obligation)>> ByPaper { get; } =
        new Dictionary<string, IReadOnlyList<(string StatementId, ObligationSpec Obligation)>>
        {
            ["ACGH19"] = Acgh19Obligations.All,
            ["EC21"] = Ec21Obligations.All,
            ["JGGSH21"] = Jggsh21Obligations.All,
        };

    public static TheoryData<string, string> Rows(string paper)
    {
        var data = new TheoryData<string, string>();
        foreach (var (statement, o) in ByPaper[paper])
        {
            data.Add(statement, o.Id);
        }
        return data;
    }

    /// <summary>
    /// Obligations the provers may leave undecided within their deterministic budgets (see
    /// <see cref="ProofOptions"/>): for these the test asserts only that the answer is not wrong
    /// (never refuted when the claim holds, never proven when it fails). Unknown is honest; the
    /// statement's verdict then rests on its trials. Everything else must be decided as expected.
    /// </summary>
    public static IReadOnlySet<(string StatementId, string Id)> KnownHard { get; } = new HashSet<(string, string)>
    {
        // ln of constants on an unbounded domain: Z3 only relaxes ln, the interval prover needs a bounded box.
        ("EC21.Prop14", "S8b[n=2]"),
        ("EC21.Prop14", "S8b[n=3]"),
        ("EC21.Prop14", "S8b[n=4]"),
        // exp(-12) with th, rb in R: the same two limits.
        ("EC21.Prop20", "S12.d.wrong-constant"),
        ("EC21.Prop20", "S12.e"),
    };

    /// <summary>The obligation with its statement's constants (the paper's values) substituted for its <c>{name}</c> placeholders.</summary>
    public static ObligationSpec Resolved(string statement, ObligationSpec o) => o.Resolve(Catalog.Get(statement).DefaultConstants());

    public static void ProveAndCompare(string paper, string statement, string id)
    {
        var o = Resolved(statement, ByPaper[paper].Single(x => x.StatementId == statement && x.Obligation.Id == id).Obligation);
        var r = ObligationProver.Prove(o.Claim);
        var expected = o.Expect == ObligationExpectation.Holds ? ProofStatus.Proven : ProofStatus.Refuted;
        var wrong = o.Expect == ObligationExpectation.Holds ? ProofStatus.Refuted : ProofStatus.Proven;
        string what = $"{statement} {id}: expected {expected}, got {r.Status} by {r.Method}: {r.Detail}\nclaim: {o.Claim}";
        Assert.True(r.Status != wrong, "WRONG ANSWER: " + what);
        if (!KnownHard.Contains((statement, id)))
        {
            Assert.True(r.Status == expected, what);
        }
        if (r.Status == ProofStatus.Refuted)
        {
            Assert.NotNull(r.Witness);
        }
    }
}

public sealed class ObligationBankShapeTests
{
    [Theory]
    [InlineData("ACGH19")]
    [InlineData("EC21")]
    [InlineData("JGGSH21")]
    public void EveryClaimParses_IdsAreUnique_AndEachStatementHasAWrongVariant(string paper)
    {
        var all = Banks.ByPaper[paper].ToList();
        Assert.NotEmpty(all);
        foreach (var (statement, o) in all)
        {
            Assert.StartsWith(paper + ".", statement, StringComparison.Ordinal);
            Assert.NotEmpty(o.Location);
            var claim = Banks.Resolved(statement, o).Claim;
            var parsed = ClaimParser.Parse(claim);
            Assert.Equal(claim, parsed.Text);
        }
        var duplicates = all.GroupBy(x => (x.StatementId, x.Obligation.Id)).Where(g => g.Count() > 1).Select(g => g.Key.Id).ToList();
        Assert.Empty(duplicates);
        var withoutWrongVariant = all.GroupBy(x => x.StatementId).Where(g => g.All(x => x.Obligation.Expect == ObligationExpectation.Holds)).Select(g => g.Key).ToList();
        Assert.Empty(withoutWrongVariant);
    }

    [Fact]
    public void BanksHoldBackObligationsOfUnregisteredStatements_SoTheCatalogNeverThrows()
    {
        var offered = new Acgh19Obligations().Obligations.Concat(new Ec21Obligations().Obligations).Concat(new Jggsh21Obligations().Obligations);
        Assert.All(offered, x => Assert.True(RegisteredStatements.Contains(x.StatementId)));
    }

    [Fact]
    public void EveryCatalogIdIsRegistered_SoNoObligationIsHeldBack_AndTheCatalogLoads()
    {
        Assert.Empty(RegisteredStatements.Pending(Acgh19Obligations.All));
        Assert.Empty(RegisteredStatements.Pending(Ec21Obligations.All));
        Assert.Empty(RegisteredStatements.Pending(Jggsh21Obligations.All));
        var attached = Catalog.All.SelectMany(s => s.Obligations.Select(o => (s.Id.ToString(), o.Id))).ToHashSet();
        Assert.All(Banks.ByPaper.Values.SelectMany(b => b), x => Assert.Contains((x.StatementId, x.Obligation.Id), attached));
    }

    [Fact]
    public void FamiliesSayWhichDepthTheyWereCheckedFor()
    {
        var family = Banks.ByPaper.Values.SelectMany(b => b).Where(x => x.Obligation.Id.Contains("[N=", StringComparison.Ordinal) || x.Obligation.Id.Contains("[n=", StringComparison.Ordinal) || x.Obligation.Id.Contains("[L=", StringComparison.Ordinal));
        Assert.All(family, x => Assert.Contains("checked for", x.Obligation.Note ?? "", StringComparison.Ordinal));
    }
}

public sealed class Acgh19BankTests
{
    public static TheoryData<string, string> Rows() => Banks.Rows("ACGH19");

    [Theory]
    [MemberData(nameof(Rows))]
    public void ObligationMatchesItsExpectation(string statement, string id) => Banks.ProveAndCompare("ACGH19", statement, id);
}

public sealed class Ec21BankTests
{
    public static TheoryData<string, string> Rows() => Banks.Rows("EC21");

    [Theory]
    [MemberData(nameof(Rows))]
    public void ObligationMatchesItsExpectation(string statement, string id) => Banks.ProveAndCompare("EC21", statement, id);
}

public sealed class Jggsh21BankTests
{
    public static TheoryData<string, string> Rows() => Banks.Rows("JGGSH21");

    [Theory]
    [MemberData(nameof(Rows))]
    public void ObligationMatchesItsExpectation(string statement, string id) => Banks.ProveAndCompare("JGGSH21", statement, id);
}
