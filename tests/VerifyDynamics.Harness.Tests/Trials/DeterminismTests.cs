using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Theorems;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Trials;

public sealed class DeterminismTests
{
    [Fact]
    public void Certificate_IsByteIdentical_AtOneAndTwoThreads()
    {
        var statement = Catalog.Get("ACGH19.Claim1");
        string One(int threads) => CanonicalJson.Seal(CertificateBuilder.Build(
            StatementRunner.Run(statement, new RunOptions(new Seed(99), Trials: 40, Parallelism: threads))));
        Assert.Equal(One(1), One(2));
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentTrials()
    {
        var statement = ToyStatements.UniformBelowOne();
        var a = TrialRunner.Run(statement, statement.DefaultConstants(), new Seed(1), 5);
        var b = TrialRunner.Run(statement, statement.DefaultConstants(), new Seed(2), 5);
        Assert.NotEqual(a.Worst!.Worst!.Value, b.Worst!.Worst!.Value);
    }

    [Fact]
    public void TrialSeed_IsTheRootSplitByIndex()
    {
        var statement = ToyStatements.UniformBelowOne();
        var summary = TrialRunner.Run(statement, statement.DefaultConstants(), new Seed(5), 3);
        Assert.Equal(new Seed(5).Split(2), summary.Records[2].Seed);
    }
}
