using VerifyDynamics.Testing;
using VerifyDynamics.Theorems.Model;
using Xunit;

namespace VerifyDynamics.Theorems.Tests.Mutants;

/// <summary>The must-fail pile: every ACGH19 mutant and erratum is refuted; every control is not.</summary>
public sealed class Acgh19MutantTests
{
    public static IEnumerable<object[]> Cases() => StatementChecks.VariantCases(Papers.ACGH19);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Variant_BehavesAsDeclared(string id, string variant) => StatementChecks.AssertVariantBehaves(Catalog.Get(id), variant);
}
