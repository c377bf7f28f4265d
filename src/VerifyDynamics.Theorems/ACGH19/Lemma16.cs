using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Lemma 16 (App. D.5, L975–991): a verbatim restatement of Lemma 8 (same hypotheses d ≥ 20, b_2 &gt; b_1 ≥ 1,
/// rotation-invariant law with density and window mass ≥ 1 − ε; same conclusion), given there with its proof
/// (integrate over the radius, Lemma 15 pointwise). Formalisation note: an alias sharing Lemma 8's generator,
/// conclusion and variants.
/// </summary>
public static class Lemma16
{
    public static Statement Statement { get; } = Lemma8.Statement with
    {
        Id = new StatementId(Papers.ACGH19, "Lemma16"),
        Source = new SourceRef(Papers.ACGH19, "Lemma 16 (App. D.5), restatement of Lemma 8 with proof", "L975–991"),
        Title = "restatement of Lemma 8",
        FormalisationNote = "Alias of ACGH19.Lemma8 (identical statement); shares its checks. " + Lemma8.Statement.FormalisationNote,
        AliasOf = Lemma8.Statement.Id,
    };
}
