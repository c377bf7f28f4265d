using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Remark 16 (Sec. 5) (L341): Theorem 3 allows GF and GD to start at different points, so Theorem 15 extends to approximately balanced initializations (Appendix G).
/// Formalisation note: not checkable — a remark pointing to Appendix G; its content is Theorem 32 (EC21.Thm32) and Lemma 88 (EC21.Lemma88), checked there.
/// </summary>
public static class Rem16
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Rem16", "Remark 16 (Sec. 5)", "L341", StatementKind.Remark,
        "unbalanced initialization via Theorem 3",
        "Theorem 3 allows GF and GD to start at different points, so Theorem 15 extends to approximately balanced initializations (Appendix G).",
        "a remark pointing to Appendix G; its content is Theorem 32 (EC21.Thm32) and Lemma 88 (EC21.Lemma88), checked there.");
}
