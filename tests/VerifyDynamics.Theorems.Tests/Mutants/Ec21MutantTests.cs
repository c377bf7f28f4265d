using VerifyDynamics.Testing;
using VerifyDynamics.Theorems.Model;
using Xunit;

namespace VerifyDynamics.Theorems.Tests.Mutants;

/// <summary>The must-fail pile: every EC21 mutant and erratum is refuted; every control is not.</summary>
public sealed class Ec21MutantTests
{
    public static IEnumerable<object[]> Cases() => StatementChecks.VariantCases(Papers.EC21);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Variant_BehavesAsDeclared(string id, string variant) => StatementChecks.AssertVariantBehaves(Catalog.Get(id), variant);
}
