using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Proposition 25 (App. D) (L606–630): For a.e. θ′ there are activation matrices with f = Eq. (15) on an open region around θ′ closed under positive layer rescalings.
/// Formalisation note: Not yet encoded on this branch: an almost-everywhere existence statement; the catalog's consequence checks (random θ′ are regular; masks invariant under positive rescalings; f = Eq. (15) on a certified neighbourhood) are partly exercised by the region tests of EC21.Lemma9/11 (instances are rejected unless inside a region) but not as a statement of their own.
/// </summary>
public static class Prop25
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Prop25", "Proposition 25 (App. D)", "L606–630", StatementKind.Proposition,
        "regions of differentiability (fully connected)",
        "For a.e. θ′ there are activation matrices with f = Eq. (15) on an open region around θ′ closed under positive layer rescalings.",
        "Not yet encoded on this branch: an almost-everywhere existence statement; the catalog's consequence checks (random θ′ are regular; masks invariant under positive rescalings; f = Eq. (15) on a certified neighbourhood) are partly exercised by the region tests of EC21.Lemma9/11 (instances are rejected unless inside a region) but not as a statement of their own.");
}
