// The README section "Property tests over a statement's hypotheses" shows this file's test verbatim (between the markers).
// README-EXAMPLE-BEGIN
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.PropertyTesting;

namespace MyTests;

public sealed class MyTheoremOneProperties
{
    /// <summary>Under the hypotheses of ACGH19 Theorem 1, one gradient-descent step does not increase the loss.</summary>
    [Property(MaxTest = 25, Replay = "(20261207,1)")]
    public Property OneStepDoesNotIncreaseTheLoss() =>
        Prop.ForAll(HypothesisArbitrary.For("ACGH19.Thm1"), draw =>
        {
            var x = draw.Instance;
            var phi = x.RequireTarget;
            var net = x.Network;
            var step = new DeepLinearNetwork(net.Weights.Zip(net.Gradients(phi), (w, g) => w - x.RequireEta * g));
            return step.Loss(phi) <= net.Loss(phi) * (1 + 1e-12);
        });
}
// README-EXAMPLE-END
