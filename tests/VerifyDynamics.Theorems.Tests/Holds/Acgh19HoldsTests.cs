using VerifyDynamics.Testing;
using VerifyDynamics.Theorems.Model;
using Xunit;

namespace VerifyDynamics.Theorems.Tests.Holds;

/// <summary>Every checkable ACGH19 statement passes its check at the paper's constants on a seeded budget.</summary>
public sealed class Acgh19HoldsTests
{
    public static IEnumerable<object[]> Cases() => StatementChecks.StatementCases(Papers.ACGH19);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Statement_HoldsOnSeededTrials(string id) => StatementChecks.AssertHolds(Catalog.Get(id));
}
