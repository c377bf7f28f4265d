using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 66 (App. I.14) (L1881–1894): η &gt; 1/(6a) ⇒ ‖θ_k − θ(t̃)‖ &gt; ε for all k.
/// Formalisation note: Not yet encoded as its own check; the regime is sampled by EC21.Prop20's random family (η up to 2/(6a)).
/// </summary>
public static class Lemma66
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma66", "Lemma 66 (App. I.14)", "L1881–1894", StatementKind.Lemma,
        "large steps diverge",
        "η > 1/(6a) ⇒ ‖θ_k − θ(t̃)‖ > ε for all k.",
        "Not yet encoded as its own check; the regime is sampled by EC21.Prop20's random family (η up to 2/(6a)).");
}
