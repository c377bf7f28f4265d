using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// The common setting of the Prop. 20 proof lemmas (EC21 App. I.14, Lemmas 66–87): instances satisfying the standing
/// hypotheses of I.14.1, and the two trajectories on the Appendix-B objective computed independently of the closed forms
/// the lemmas assert — gradient descent by LITERAL iteration θ_{k+1} = θ_k − η∇f(θ_k), gradient flow by validated DOP853.
/// The second coordinate is carried as the offset δ̄ = θ̄ − z_0 (z_0 = ρ̄/2 − 1, θ̄(0) − z_0 ≈ e^{−12}): on the anisotropic
/// piece −φ̄′(z_0 + δ̄) = (a/2)δ̄ exactly, so no cancellation; from 1 − ρ̄ on the existing numerically safe
/// <see cref="AppendixB.MinusPhiBarPrime"/> is used (its arguments are ≥ 1 − ρ̄ there). Values of φ, φ̄ are never formed.
/// Instance fields: a, b, ε, θ_{s,1} ("theta1"), u = θ_{s,2} + 1, θ_{s,3} ("theta3"), η, t̃ ("ttilde").
/// Generator ranges (not hypotheses): a ∈ [0.5, 2], b ∈ {1e3, 1e4, 1e6}, aη ∈ [1e−4, 1/6] (standard family; ≤ 4·10^5 GD
/// steps per trial) or aη ∈ (1/6, 2] (large-step family, Lemma 66), θ_{s,2} + 1 ∈ e^{−12}·[0.55, 0.95], θ_{s,3} ∈ (2, 4),
/// t̃ in the window (uniform, or at its lower/upper end for the adversarial choices of Lemmas 85/87), and ε drawn last as a
/// fraction ∈ [0.05, 0.999] of the largest ε with η ≥ (10^{14}/a)e^{−at̃}ε (capped at 0.5), so the threshold holds.
/// </summary>
internal static class Prop20Proof
{
    public const string Standard = "standard";
    public const string LargeStep = "large-step";

    public enum TChoice { Uniform, WindowLow, WindowHigh }

    /// <summary>The 10^{14} of Prop. 20's step-size threshold (the same constant as <see cref="Prop20.C"/>).</summary>
    public static double C => Prop20.C.Default.ToDouble();

    public static Instance Generate(Rng r, string family, TChoice choice = TChoice.Uniform)
    {
        double a = r.Uniform(0.5, 2), b = r.Pick([1e3, 1e4, 1e6]);
        double aeta = family == LargeStep ? r.Uniform(1.0 / 6 * 1.05, 2) : r.LogUniform(1e-4, 1.0 / 6);
        double theta1 = r.Uniform(0.5, 1), u = Math.Exp(-12) * r.Uniform(0.55, 0.95), theta3 = r.Uniform(2, 4);
        double frac = r.Uniform(0.05, 0.999), pos = r.NextDouble();
        // The window moves with ρ̄ = min{e^{−12}/2, ε/(2b)} by O(ρ̄/a); ε is not known yet, so t̃ is first placed in the
        // intersection of the windows for ρ̄ → 0 and ρ̄ = e^{−12}/2, then moved to the exact window end if asked.
        var tiny = new AppendixB(a, b, 1e-300);
        var wide = new AppendixB(a, b, 0.999);
        var (lo0, hi0) = tiny.Window(u - tiny.RhoBar / 2);
        var (lo1, hi1) = wide.Window(u - wide.RhoBar / 2);
        double lo = Math.Max(lo0, lo1), hi = Math.Min(hi0, hi1);
        double t = choice switch { TChoice.WindowLow => lo, TChoice.WindowHigh => hi, _ => lo + pos * (hi - lo) };
        double eps = Math.Min(0.5, frac * aeta * Math.Exp(a * t) / C);
        // ρ̄ (hence θ̄(0) − z_0 = u − ρ̄/2, hence the window) depends on ε: recompute the window for the current ε, put t̃ in it, and
        // shrink ε until the threshold holds at that t̃. ε only decreases, so ρ̄ and the window converge (a few passes).
        double t0 = t;
        for (int pass = 0; pass < 32; pass++)
        {
            var ab = new AppendixB(a, b, eps);
            var (loE, hiE) = ab.Window(u - ab.RhoBar / 2);
            t = choice switch { TChoice.WindowLow => loE, TChoice.WindowHigh => hiE, _ => Math.Clamp(t0, loE, hiE) };
            double epsMax = aeta * Math.Exp(a * t) / C;
            if (eps <= epsMax * (1 - 1e-9))
            {
                break;
            }
            eps = frac * epsMax;
        }
        return Instance.OfScalars(family, ("a", a), ("b", b), ("epsilon", eps), ("theta1", theta1), ("u", u), ("theta3", theta3), ("eta", aeta / a), ("ttilde", t));
    }

    /// <summary>The hypotheses of Prop. 20 (I.14.1) plus the case split: η ≤ 1/(6a) (Lemmas 67–87) or η &gt; 1/(6a) (Lemma 66).</summary>
    public static HypothesesCheck Validate(Instance x, bool largeStep) => Validate(x, largeStep, 0, 0);

    /// <summary>As <see cref="Validate(Instance, bool)"/> with the window's ends moved by a^{−1}·(lowShift, highShift) (for mutants that
    /// relax the window; 0, 0 is the paper's window).</summary>
    public static HypothesesCheck Validate(Instance x, bool largeStep, double lowShift, double highShift)
    {
        var ab = AppendixB.From(x);
        double u = x.Scalar("u"), t = x.Scalar("ttilde"), a = ab.A, eta = x.Scalar("eta"), eps = ab.Epsilon;
        var (lo, hi) = ab.Window(u - ab.RhoBar / 2);
        lo += lowShift / a;
        hi += highShift / a;
        // η ≥ (C/a)e^{−at̃}ε compared in logs (e^{at̃} ≈ 1e17: logs keep full relative precision).
        double logThreshold = Math.Log(C / a) - a * t + Math.Log(eps);
        return HypothesesCheck.All(
            (a > 0 && ab.B >= 3 && eps > 0 && eps < 1, "a > 0, b ≥ 3, ε ∈ (0, 1)"),
            (x.Scalar("theta1") is > 0.5 and < 1, "θ_{s,1} ∈ (0.5, 1)"),
            (u > Math.Exp(-12) / 2 && u < Math.Exp(-12), "θ_{s,2} ∈ (e^{−12}/2 − 1, e^{−12} − 1)"),
            (x.Scalar("theta3") > 2, "θ_{s,3} > 2"),
            (t >= lo && t <= hi, "t̃ in the window"),
            (eta > 0 && Math.Log(eta) >= logThreshold, "η ≥ (10^{14}/a)e^{−at̃}ε"),
            (largeStep ? eta > 1 / (6 * a) : eta <= 1 / (6 * a), largeStep ? "η > 1/(6a) (Lemma 66's case)" : "η ≤ 1/(6a) (the case of Lemmas 67–87)"));
    }

    public static Hypotheses StandardHypotheses(TChoice choice = TChoice.Uniform) => new(
        "a ∈ [0.5, 2], b ∈ {1e3, 1e4, 1e6}, aη ∈ [1e−4, 1/6] log-uniform, θ_{s,1} ∈ (0.5, 1), θ_{s,2} + 1 ∈ e^{−12}[0.55, 0.95], θ_{s,3} ∈ (2, 4), t̃ "
        + (choice == TChoice.Uniform ? "uniform in" : choice == TChoice.WindowLow ? "at the lower end of" : "at the upper end of")
        + " the window, ε a fraction ∈ [0.05, 0.999] of the largest ε allowed by η ≥ (10^{14}/a)e^{−at̃}ε (≤ 0.5)",
        ctx => Generate(ctx.Rng, Standard, choice), (x, k) => Validate(x, false));

    /// <summary>−φ′(z) for z ≥ 0 (Eq. 25): az on [0, z_c); a(1 − s)²(z_c(1 + 2s) + s), s = z − z_c, on [z_c, z_c + 1] (the factored
    /// form of catalog EC21.Fact.PhiStructure: non-negative by construction, no cancellation); 0 beyond.</summary>
    public static double MinusPhiPrime(AppendixB ab, double z)
    {
        if (z < ab.Zc)
        {
            return ab.A * z;
        }
        if (z <= ab.Zc + 1)
        {
            double s = z - ab.Zc;
            return ab.A * (1 - s) * (1 - s) * (ab.Zc * (1 + 2 * s) + s);
        }
        return 0;
    }

    /// <summary>Offset of 1 − ρ̄ from z_0: 1 − ρ̄ − (ρ̄/2 − 1) = 2 − 3ρ̄/2 (exact in the offset coordinate).</summary>
    public static double OffsetOneMinusRho(AppendixB ab) => 2 - 1.5 * ab.RhoBar;

    /// <summary>Offset of 1 from z_0: 2 − ρ̄/2.</summary>
    public static double OffsetOne(AppendixB ab) => 2 - 0.5 * ab.RhoBar;

    /// <summary>−φ̄′(z_0 + δ̄): (a/2)δ̄ on the anisotropic piece (|δ̄| &lt; 2 − 3ρ̄/2, incl. the reflected side), else
    /// <see cref="AppendixB.MinusPhiBarPrime"/> at z = z_0 + δ̄ ≥ 1 − ρ̄.</summary>
    public static double MinusPhiBarPrimeOffset(AppendixB ab, double delta) =>
        Math.Abs(delta) < OffsetOneMinusRho(ab) ? ab.A / 2 * delta : ab.MinusPhiBarPrime(ab.Z0 + delta);

    /// <summary>GD indices of I.14 found by the literal iteration (−1 = not reached within the iteration budget).</summary>
    public sealed record GdIndices(long KOneMinusRho, long KOne, long KZbarC, long Steps, double ThetaAtKOne, double DeltaAtKOne, double DeltaAtKOneMinusRho, double DeltaAtKZbarC);

    /// <summary>
    /// Literal GD on coordinates 1 and 2 (θ_k, δ̄_k = θ̄_k − z_0) from θ_0 = θ_s for k = 0, 1, …, until
    /// <paramref name="extraAfterKZbarC"/> steps past k_{z̄_c} (or <paramref name="maxSteps"/>); <paramref name="observe"/>(k, θ_k, δ̄_k) at every k.
    /// </summary>
    public static GdIndices IterateGd(Instance x, Action<long, double, double>? observe, long extraAfterKZbarC = 0, long maxSteps = 5_000_000)
    {
        var ab = AppendixB.From(x);
        double eta = x.Scalar("eta"), theta = x.Scalar("theta1"), delta = x.Scalar("u") - ab.RhoBar / 2;
        double dA = OffsetOneMinusRho(ab), d1 = OffsetOne(ab), dZ = ab.ZbarC - ab.Z0;
        long kA = -1, k1 = -1, kZ = -1;
        double thetaK1 = double.NaN, deltaK1 = double.NaN, deltaKA = double.NaN, deltaKZ = double.NaN;
        long k = 0;
        for (; k <= maxSteps; k++)
        {
            observe?.Invoke(k, theta, delta);
            if (kA < 0 && delta >= dA)
            {
                kA = k;
                deltaKA = delta;
            }
            if (k1 < 0 && delta >= d1)
            {
                k1 = k;
                thetaK1 = theta;
                deltaK1 = delta;
            }
            if (kZ < 0 && delta >= dZ)
            {
                kZ = k;
                deltaKZ = delta;
            }
            if (kZ >= 0 && k >= kZ + extraAfterKZbarC)
            {
                break;
            }
            double g1 = MinusPhiPrime(ab, theta), g2 = MinusPhiBarPrimeOffset(ab, delta);
            theta += eta * g1;
            delta += eta * g2;
        }
        return new GdIndices(kA, k1, kZ, k, thetaK1, deltaK1, deltaKA, deltaKZ);
    }

    /// <summary>rtol of the GF solves: Standard 1e−10, Confirm 1e−12 (each validated against a run at rtol/100).</summary>
    public static double Rtol(Precision p) => p == Precision.Confirm ? 1e-12 : 1e-10;

    /// <summary>Validated DOP853 for the first GF coordinate θ′ = −φ′(θ), θ(0) = θ_{s,1}, on [0, tEnd].</summary>
    public static ValidatedOdeSolution SolveFirst(Instance x, double tEnd, Precision p)
    {
        var ab = AppendixB.From(x);
        double rtol = Rtol(p);
        return OdeSolver.SolveValidated(new OdeProblem((t, y, dy) => dy[0] = MinusPhiPrime(ab, y[0]), 0, [x.Scalar("theta1")], tEnd, "EC21 App. B GF, coordinate 1"),
            new OdeSettings(Rtol: rtol, Atol: rtol * 1e-3, MaxSteps: 200_000));
    }

    /// <summary>Validated DOP853 for the second GF coordinate in offset form δ̄′ = −φ̄′(z_0 + δ̄), δ̄(0) = θ_{s,2} − z_0, on [0, tEnd].</summary>
    public static ValidatedOdeSolution SolveSecond(Instance x, double tEnd, Precision p)
    {
        var ab = AppendixB.From(x);
        double rtol = Rtol(p), delta0 = x.Scalar("u") - ab.RhoBar / 2;
        // atol far below δ̄(0) ≈ e^{−12}: the offset is tracked to full relative accuracy from the start.
        return OdeSolver.SolveValidated(new OdeProblem((t, y, dy) => dy[0] = MinusPhiBarPrimeOffset(ab, y[0]), 0, [delta0], tEnd, "EC21 App. B GF, coordinate 2 (offset)"),
            new OdeSettings(Rtol: rtol, Atol: rtol * Math.Abs(delta0) * 1e-3, MaxSteps: 200_000));
    }

    /// <summary>
    /// Max over the loose run's step points of |reference − loose|/|reference|: the relative global-error estimate of the
    /// looser run, used (×1.1) as the relative tolerance of the reference solution (it is ≈ 100^{7/8}× more accurate).
    /// </summary>
    public static double RelativeDeviation(ValidatedOdeSolution s)
    {
        if (!s.Succeeded)
        {
            return double.NaN;
        }
        double dev = 0;
        for (int i = 0; i < s.Solution.Times.Count; i++)
        {
            double t = s.Solution.Times[i];
            if (t > s.Reference.TEnd)
            {
                break;
            }
            double r = s.Reference.Evaluate(t)[0], l = s.Solution.States[i][0];
            dev = Math.Max(dev, Math.Abs(r - l) / Math.Max(Math.Abs(r), double.Epsilon));
        }
        return dev;
    }

    /// <summary>The first time the (increasing) reference solution reaches <paramref name="level"/>, by bisection of its dense output on
    /// [lo, hi] (60 halvings); NaN if the level is not bracketed.</summary>
    public static double Crossing(OdeSolution s, double level, double lo, double hi)
    {
        if (!(s.Evaluate(lo)[0] < level && s.Evaluate(hi)[0] >= level))
        {
            return double.NaN;
        }
        for (int i = 0; i < 60; i++)
        {
            double mid = (lo + hi) / 2;
            if (s.Evaluate(mid)[0] >= level)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }
        return hi;
    }

    /// <summary>
    /// An integer ⌈x⌉ whose argument x is known only to ±err: the set of admissible values [⌈x − err⌉, ⌈x + err⌉]. Margin 0 if
    /// <paramref name="actual"/> is admissible, else minus its distance to the set (exact integers, tolerance 0).
    /// </summary>
    public static Margin CeilingEquals(string name, long actual, double x, double err)
    {
        double lo = Math.Ceiling(x - err), hi = Math.Ceiling(x + err);
        double miss = actual < lo ? lo - actual : actual > hi ? actual - hi : 0;
        return Margin.Deviation(name, miss, Math.Max(1, Math.Abs(actual)), Tolerance.Bound(0, $"exact integers; the ⌈·⌉ argument enclosed to ±{err:G3} by the caller's rounding bound"));
    }

    /// <summary>An integer inequality actual ≤ ⌈x⌉ with x known to ±err (the most favourable admissible ceiling is used).</summary>
    public static Margin AtMostCeiling(string name, long actual, double x, double err)
    {
        double hi = Math.Ceiling(x + err);
        return Margin.Bound(name, hi - actual, Math.Max(1, Math.Abs(hi)), Tolerance.Bound(0, $"exact integers; the ⌈·⌉ argument enclosed to ±{err:G3} by the caller's rounding bound"));
    }

    /// <summary>GF second coordinate θ̄(t) from the closed forms of Lemma 70, Fact.Riccati and Lemma 80 (valid up to t_{z̄_c}).</summary>
    public static double FlowBar(AppendixB ab, double delta0, double t)
    {
        double tA = ab.TimeOneMinusRho(delta0), t1 = ab.TimeOne(delta0);
        if (t <= tA)
        {
            return ab.Z0 + delta0 * Math.Exp(ab.A * t / 2);
        }
        return t <= t1 ? ab.TransitionFlow(delta0, t) : Math.Exp(ab.A * (t - t1));
    }

    /// <summary>GF at t̃ ∈ window (closed forms: θ(0)e^{at̃} (Lemma 68), e^{a(t̃ − t_1)} (Lemma 80, t_1 from the DOP853-validated Riccati
    /// closed form, EC21.Fact.Riccati), θ̂(0)e^{−12at̃}) and the literal GD state of the third coordinate is iterated by the caller.</summary>
    public static (double Theta, double Bar, double Hat) FlowAt(Instance x, double t)
    {
        var ab = AppendixB.From(x);
        double delta0 = x.Scalar("u") - ab.RhoBar / 2;
        return (x.Scalar("theta1") * Math.Exp(ab.A * t), FlowBar(ab, delta0, t), x.Scalar("theta3") * Math.Exp(-12 * ab.A * t));
    }
}
