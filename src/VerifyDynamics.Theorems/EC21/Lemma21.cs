using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 21 (App. C, Eq. 30); proof App. I.15 (L562–569): Eq. (16) with ΔW_j replaced by W_j(Δw_j) and W_j by W_j(w_j) gives the Hessian quadratic form of a weight-sharing/sparse (convolutional) network inside a region.
/// Formalisation note: Not yet encoded on this branch (checkable): needs a weight-sharing (conv) network model; the catalog's check is Eq. (30) vs finite differences with frozen masks, as EC21.Lemma9 does for fully connected nets.
/// </summary>
public static class Lemma21
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma21", "Lemma 21 (App. C, Eq. 30); proof App. I.15", "L562–569", StatementKind.Lemma,
        "Hessian of weight-sharing nets",
        "Eq. (16) with ΔW_j replaced by W_j(Δw_j) and W_j by W_j(w_j) gives the Hessian quadratic form of a weight-sharing/sparse (convolutional) network inside a region.",
        "Not yet encoded on this branch (checkable): needs a weight-sharing (conv) network model; the catalog's check is Eq. (30) vs finite differences with frozen masks, as EC21.Lemma9 does for fully connected nets.");
}
