using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>Hypotheses and conclusion placeholders for JGGSH21 statements registered as <see cref="Checkability.NotCheckable"/> (never run).</summary>
internal static class NotChecked
{
    public static Hypotheses Hypotheses { get; } = new("none: the statement is not checked", _ => new Instance { Family = "none" }, (_, _) => HypothesesCheck.Fail("not checkable"));

    public static MarginSet Conclusion(Instance x, ConstantValues k, Precision p) => MarginSet.Of();
}
