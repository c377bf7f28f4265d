using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Proposition 26 (App. D) (L631–665): The same as Proposition 25 for weight-sharing networks (Eq. 29), with rescaling of weight vectors.
/// Formalisation note: Not yet encoded on this branch: an almost-everywhere existence statement for conv nets; needs the conv network model.
/// </summary>
public static class Prop26
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Prop26", "Proposition 26 (App. D)", "L631–665", StatementKind.Proposition,
        "regions of differentiability (weight sharing)",
        "The same as Proposition 25 for weight-sharing networks (Eq. 29), with rescaling of weight vectors.",
        "Not yet encoded on this branch: an almost-everywhere existence statement for conv nets; needs the conv network model.");
}
