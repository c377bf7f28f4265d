using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 67 (App. I.14, L1895–1900): θ(·), θ̄(·) (first two GF coordinates) and (θ_k), (θ̄_k) (first two GD coordinates) are
/// monotonically non-decreasing. Proof: φ′ ≤ 0 on [0, ∞) and φ̄′ ≤ 0 on [ρ̄/2 − 1, ∞).
/// Formalisation note: (a) the reason: −φ′ ≥ 0 and −φ̄′ ≥ 0 on grids covering every piece ([0, z_c) log-spaced, [z_c, z_c + 1] and
/// [z̄_c, z̄_c + 1] with 65 points each, the transition [1 − ρ̄, 1], beyond the cut points), tolerance the rounding of the unfactored
/// quartic piece of φ̄′ (γ_8·6a(z̄_c + 1)); (b) GD: literal iteration of coordinates 1–2 from θ_s until ⌈6/ln(1 + aη)⌉ + 16 steps past
/// k_{z̄_c} (into the quartic piece of φ̄ and, for the first coordinate, towards z_c), min_k(θ_{k+1} − θ_k) and min_k(θ̄_{k+1} − θ̄_k) ≥ 0
/// (tolerance η × the rounding of −φ̄′); (c) GF: validated DOP853 of both coordinates on [0, t_{z̄_c}] (the explicit solver is not run
/// into the quartic pieces, whose curvature ~a z_c makes them stiff), consecutive step values non-decreasing up to 1.1 × the relative
/// deviation. Instances: the Prop. 20 setting with η ≤ 1/(6a).
/// </summary>
public static class Lemma67
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma67"),
        Source = Ec21.Source("Lemma 67 (App. I.14)", "L1895–1900"),
        Kind = StatementKind.Lemma,
        Title = "monotone trajectories",
        Text = "The functions θ(·) and θ̄(·), and the series (θ_k)_{k=0}^∞ and (θ̄_k)_{k=0}^∞, are all monotonically non-decreasing.",
        FormalisationNote = "Sign of −φ′, −φ̄′ on grids over every piece; literal GD of coordinates 1–2 up to past k_{z̄_c}; validated DOP853 GF up to t_{z̄_c}; all increments ≥ 0 up to derived rounding/ODE tolerances.",
        Fidelity = Fidelity.Restricted("GD up to ⌈6/ln(1 + aη)⌉ + 16 steps past k_{z̄_c} and GF up to t_{z̄_c} (beyond: the sign of −φ′, −φ̄′ on grids over every piece)"),
        Hypotheses = Prop20Proof.StandardHypotheses(),
        Conclusion = (x, k, p) => Conclude(x, p),
        DefaultTrials = 6,
        Variants =
        [
            Variant.Mutant("StartBelowZ0", "θ_{s,2} ∈ (e^{−12}/2 − 1, e^{−12} − 1) dropped: θ_{s,2} = z_0 − f·e^{−12}, f ∈ [0.25, 0.45] (left of the reflection point, where φ̄′ > 0): θ̄ decreases",
                s => s.WithHypotheses("as the statement but θ_{s,2} = z_0 − f·e^{−12} (window and threshold not checked)",
                    ctx =>
                    {
                        var x = Prop20Proof.Generate(ctx.Rng, Prop20Proof.Standard);
                        var ab = AppendixB.From(x);
                        return x.WithScalar("u", ab.RhoBar / 2 - ctx.Rng.Uniform(0.25, 0.45) * Math.Exp(-12));
                    },
                    (x, k) => HypothesesCheck.All(
                        (x.Scalar("a") > 0 && x.Scalar("b") >= 3 && x.Scalar("epsilon") is > 0 and < 1, "a > 0, b ≥ 3, ε ∈ (0, 1)"),
                        (x.Scalar("theta1") is > 0.5 and < 1 && x.Scalar("theta3") > 2, "θ_{s,1}, θ_{s,3} as in Prop. 20"),
                        (x.Scalar("eta") > 0 && x.Scalar("eta") <= 1 / (6 * x.Scalar("a")), "0 < η ≤ 1/(6a)"))), trials: 2),
        ],
    };

    private static MarginSet Conclude(Instance x, Precision p)
    {
        var ab = AppendixB.From(x);
        double a = ab.A, eta = x.Scalar("eta"), delta0 = x.Scalar("u") - ab.RhoBar / 2;
        var margins = new List<Margin>();
        // (a) the sign of the vector field on every piece.
        var zs = Enumerable.Range(0, 65).Select(i => Math.Exp(Math.Log(ab.Zc) * i / 64) - 1)
            .Concat(Enumerable.Range(0, 65).Select(i => ab.Zc + i / 64.0)).Append(ab.Zc + 2);
        double minPhi = zs.Min(z => Prop20Proof.MinusPhiPrime(ab, z));
        var ds = Enumerable.Range(0, 65).Select(i => Math.Exp(-14 + (Math.Log(Prop20Proof.OffsetOneMinusRho(ab)) + 14) * i / 64))
            .Concat(Enumerable.Range(0, 65).Select(i => Prop20Proof.OffsetOneMinusRho(ab) + ab.RhoBar * i / 64))
            .Concat(Enumerable.Range(0, 65).Select(i => ab.ZbarC - ab.Z0 - (ab.ZbarC - 1) * (64 - i) / 64))
            .Concat(Enumerable.Range(0, 65).Select(i => ab.ZbarC + i / 64.0 - ab.Z0)).Append(ab.ZbarC + 2 - ab.Z0).Append(0.0);
        double minBar = ds.Min(d => Prop20Proof.MinusPhiBarPrimeOffset(ab, d));
        var fieldTol = Tolerance.FromRounding(8, 6 * a * (ab.ZbarC + 1), "unfactored quartic piece of φ̄′");
        margins.Add(Margin.AtLeast("−φ′(z) ≥ 0 on [0, ∞) (grid over every piece)", minPhi, 0, Tolerance.FromRounding(8, 6 * a * (ab.Zc + 1), "unfactored quartic piece of φ′")));
        margins.Add(Margin.AtLeast("−φ̄′(z) ≥ 0 on [z_0, ∞) (grid over every piece)", minBar, 0, fieldTol));
        // (b) GD: literal iteration of coordinates 1 and 2.
        double l = AccurateFunctions.Log1p(a * eta);
        double prevT = double.NaN, prevD = double.NaN, minIncT = double.PositiveInfinity, minIncD = double.PositiveInfinity;
        long budget = delta0 > 0 ? 5_000_000 : (long)Math.Ceiling(20 / AccurateFunctions.Log1p(a * eta / 2));
        Prop20Proof.IterateGd(x, (k, theta, delta) =>
        {
            if (k > 0)
            {
                minIncT = Math.Min(minIncT, theta - prevT);
                minIncD = Math.Min(minIncD, delta - prevD);
            }
            prevT = theta;
            prevD = delta;
        }, extraAfterKZbarC: (long)Math.Ceiling(6 / l) + 16, maxSteps: budget);
        margins.Add(Margin.AtLeast("GD: min_k (θ_{k+1} − θ_k) ≥ 0", minIncT, 0, Tolerance.FromRounding(8, 6 * a * (ab.Zc + 1), "−φ′ at an iterate").Scaled(eta, "η")));
        margins.Add(Margin.AtLeast("GD: min_k (θ̄_{k+1} − θ̄_k) ≥ 0", minIncD, 0, fieldTol.Scaled(eta, "η")));
        // (c) GF up to t_{z̄_c} (or 20/a when θ̄(0) < z_0, staying on the reflected anisotropic piece).
        double tEnd = delta0 > 0 ? ab.TimeOne(delta0) + Math.Log(ab.ZbarC) / a : 20 / a;
        foreach (var (name, gf) in new[] { ("θ(t)", Prop20Proof.SolveFirst(x, tEnd, p)), ("θ̄(t)", Prop20Proof.SolveSecond(x, tEnd, p)) })
        {
            double rel = Prop20Proof.RelativeDeviation(gf);
            if (!gf.Succeeded)
            {
                margins.Add(Margin.Uncomputable($"GF: DOP853 run for {name}"));
                continue;
            }
            // Worst consecutive decrease relative to the ODE tolerance at that point (normalised so that one margin covers all steps).
            double worst = double.PositiveInfinity;
            var st = gf.Reference.States;
            for (int i = 1; i < st.Count; i++)
            {
                double tolI = 1.1 * rel * (Math.Abs(st[i][0]) + Math.Abs(st[i - 1][0])) + double.Epsilon;
                worst = Math.Min(worst, (st[i][0] - st[i - 1][0]) / tolI);
            }
            margins.Add(Margin.AtLeast($"GF: min over steps of ({name}_{{i+1}} − {name}_i) / (1.1·relative ODE deviation·|values|) ≥ −1", worst, -1, Tolerance.ValidatedEstimate(0, "the allowance 1.1 × relative DOP853 deviation × |values| is inside the normalised margin")));
        }
        return new MarginSet(margins);
    }
}
