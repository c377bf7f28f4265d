using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Appendix H.1, Figure 3 (L787–800): The Figure 1 comparison repeated with an off-the-shelf LeNet-style CNN and an adapted bias-free, subsampling CNN captured by the theory.
/// Formalisation note: not checkable — an empirical experiment (MNIST CNNs, hours of CPU); belongs to an experiment of the CLI, not encoded on this branch.
/// </summary>
public static class ExpH1
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "ExpH1", "Appendix H.1, Figure 3", "L787–800", StatementKind.Example,
        "the same for convolutional nets",
        "The Figure 1 comparison repeated with an off-the-shelf LeNet-style CNN and an adapted bias-free, subsampling CNN captured by the theory.",
        "an empirical experiment (MNIST CNNs, hours of CPU); belongs to an experiment of the CLI, not encoded on this branch.");
}
