using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Section 6, Figure 1 (L351–366): Full-batch GD on 1,000 MNIST images with a 784-50-50-10 net: runs with η0 = 0.001 and η0/r (r ∈ {2,5,10,20}) stay close in weight space compared with the distance travelled, and their loss curves nearly coincide.
/// Formalisation note: not checkable — an empirical experiment with no numeric threshold (catalog §12); the long run belongs to an experiment of the CLI (vd experiment), not to the statement test pile; not encoded on this branch.
/// </summary>
public static class Exp6
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Exp6", "Section 6, Figure 1", "L351–366", StatementKind.Example,
        "GD with η0 vs η0/r on MNIST",
        "Full-batch GD on 1,000 MNIST images with a 784-50-50-10 net: runs with η0 = 0.001 and η0/r (r ∈ {2,5,10,20}) stay close in weight space compared with the distance travelled, and their loss curves nearly coincide.",
        "an empirical experiment with no numeric threshold (catalog §12); the long run belongs to an experiment of the CLI (vd experiment), not to the statement test pile; not encoded on this branch.");
}
