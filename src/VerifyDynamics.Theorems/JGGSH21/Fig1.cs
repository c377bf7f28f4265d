using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Fig1 (Figure 1 (Sec 1), L49–53): three (L = 4, w = 100) DLNs fit a 10×10 rank-3 matrix-completion loss from αθ_0 for three values of α; for large α the network is lazy and does not learn the low-rank structure, for smaller α plateaus appear and the network generalizes; as α → 0 the trajectory converges to a sequence of 3 paths from the origin through 2 saddles, whose losses are computed with Algorithm A.
/// Formalisation note: not checkable within a test-sized budget — at depth 4 the small-α escapes take time ∝ α^{−2}, and a staircase with three plateaus (ranks 0 → 1 → 2 → 3) plus a generalization gap needs runs of 10^3–10^4 time units per α on a 10×10 completion problem (minutes, far above the 2 s test budget); N, the teacher, the α values and the projection of the middle panel are not given. The figure is reproduced at reduced scale by `vd experiment jggsh21-saddles` (src/VerifyDynamics.Harness/Experiments/Jggsh21SaddlesExperiment.cs: curves per α, ranks visited, Algorithm A stage costs). Its claims are checked piecewise: the rank staircase and growing plateaus (Conj3), lazy vs saddle-to-saddle with a generalization gap and gradient-norm peaks (Fig2), minimal rank of the noiseless fit (Fact.LowRankBias), Algorithm A's stages (AlgA).
/// </summary>
public static class Fig1
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fig1"),
        Source = new SourceRef(Papers.JGGSH21, "Figure 1 (Sec 1)", "L49–53"),
        Kind = StatementKind.Example,
        Title = "matrix completion: lazy vs saddle-to-saddle (L49–53)",
        Text = "three (L = 4, w = 100) DLNs fit a 10×10 rank-3 matrix-completion loss from αθ_0 for three values of α; for large α the network is lazy and does not learn the low-rank structure, for smaller α plateaus appear and the network generalizes; as α → 0 the trajectory converges to a sequence of 3 paths from the origin through 2 saddles, whose losses are computed with Algorithm A.",
        Checkability = Checkability.NotCheckable,
        NotCheckableReason = "at depth 4 the small-α escapes take time ∝ α^{−2}, and a staircase with three plateaus (ranks 0 → 1 → 2 → 3) plus a generalization gap needs runs of 10^3–10^4 time units per α on a 10×10 completion problem (minutes, far above the 2 s test budget); N, the teacher, the α values and the projection of the middle panel are not given. The figure is reproduced at reduced scale by `vd experiment jggsh21-saddles` (src/VerifyDynamics.Harness/Experiments/Jggsh21SaddlesExperiment.cs: curves per α, ranks visited, Algorithm A stage costs). Its claims are checked piecewise: the rank staircase and growing plateaus (Conj3), lazy vs saddle-to-saddle with a generalization gap and gradient-norm peaks (Fig2), minimal rank of the noiseless fit (Fact.LowRankBias), Algorithm A's stages (AlgA).",
        FormalisationNote = "at depth 4 the small-α escapes take time ∝ α^{−2}, and a staircase with three plateaus (ranks 0 → 1 → 2 → 3) plus a generalization gap needs runs of 10^3–10^4 time units per α on a 10×10 completion problem (minutes, far above the 2 s test budget); N, the teacher, the α values and the projection of the middle panel are not given. The figure is reproduced at reduced scale by `vd experiment jggsh21-saddles` (src/VerifyDynamics.Harness/Experiments/Jggsh21SaddlesExperiment.cs: curves per α, ranks visited, Algorithm A stage costs). Its claims are checked piecewise: the rank staircase and growing plateaus (Conj3), lazy vs saddle-to-saddle with a generalization gap and gradient-norm peaks (Fig2), minimal rank of the noiseless fit (Fact.LowRankBias), Algorithm A's stages (AlgA).",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
