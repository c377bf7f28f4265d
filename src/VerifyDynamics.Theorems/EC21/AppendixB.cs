using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.Numbers;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Appendix B (Eqs. 25–27) worst-case objective f(q) = φ(q_1) + φ̄(q_2) + 6a·q_3², and the GF/GD
/// trajectories of Proposition 20 in a numerically safe, semi-closed form (catalog §7 recipe):
/// the second coordinate is carried as an offset from z_0 = ρ̄/2 − 1 (θ_{s,2} + 1 ≈ e^{−12}), GF is in closed form
/// on every region (exponential, Riccati transition θ̄ = 1 − 2ρ̄ + c·tan(…), isotropic e^{a(t−t_1)}), GD is in closed
/// form on the anisotropic and isotropic regions (Lemmas 72, 82) and iterated only through the transition region
/// (≈ ρ̄/(aη) steps). Values of φ itself are never formed (φ(0) ≈ ½a z_c² ≈ 1e26: catastrophic cancellation);
/// only derivatives, which carry no large constants on the relevant pieces.
/// </summary>
public sealed class AppendixB
{
    public double A { get; }
    public double B { get; }
    public double Epsilon { get; }
    public double Zc { get; }
    public double ZbarC { get; }
    public double RhoBar { get; }
    public double Z0 => RhoBar / 2 - 1;

    public AppendixB(double a, double b, double epsilon)
    {
        A = a;
        B = b;
        Epsilon = epsilon;
        Zc = b * Math.Exp(30) + 1;
        ZbarC = b + 1;
        // ρ̄ := min{e^{−12}/2, ε/(2b)} (catalog §18-T17: "ε/2b" means ε/(2b)).
        RhoBar = Math.Min(Math.Exp(-12) / 2, epsilon / (2 * b));
    }

    public static AppendixB From(Instance x) => new(x.Scalar("a"), x.Scalar("b"), x.Scalar("epsilon"));

    /// <summary>−φ̄′(z) for z ≥ z_0 given as z (used away from z_0, where z carries full relative precision).</summary>
    public double MinusPhiBarPrime(double z)
    {
        double a = A, r = RhoBar;
        if (z < 1 - r)
        {
            return a / 2 * (z - Z0);
        }
        if (z <= 1)
        {
            return a * z + a / (4 * r) * (z - 1) * (z - 1);
        }
        if (z < ZbarC)
        {
            return a * z;
        }
        if (z <= ZbarC + 1)
        {
            double s = z - ZbarC;
            return a * z - 3 * a * (2.0 / 3 + ZbarC) * s * s + 4 * a * (0.25 + ZbarC / 2) * s * s * s;
        }
        return 0;
    }

    /// <summary>t_{1−ρ̄} = (2/a) ln((2 − 3ρ̄/2)/(θ̄(0) − z_0)) (Lemma 70), from the offset δ_0 = θ̄(0) − z_0.</summary>
    public double TimeOneMinusRho(double delta0) => 2 / A * Math.Log((2 - 1.5 * RhoBar) / delta0);

    /// <summary>t_1 = t_{1−ρ̄} + (4ρ̄/(ac))(arctan(2ρ̄/c) − arctan(ρ̄/c)), c = √(4ρ̄(1−ρ̄)) (Riccati closed form, catalog Fact.Riccati).</summary>
    public double TimeOne(double delta0)
    {
        double r = RhoBar, c = Math.Sqrt(4 * r * (1 - r));
        return TimeOneMinusRho(delta0) + 4 * r / (A * c) * (Math.Atan(2 * r / c) - Math.Atan(r / c));
    }

    /// <summary>GF second coordinate θ̄(t) on the transition region [t_{1−ρ̄}, t_1].</summary>
    public double TransitionFlow(double delta0, double t)
    {
        double r = RhoBar, c = Math.Sqrt(4 * r * (1 - r));
        return 1 - 2 * r + c * Math.Tan(Math.Atan(r / c) + A * c * (t - TimeOneMinusRho(delta0)) / (4 * r));
    }

    /// <summary>The Prop. 20 window [t_1^{up} + ln2/a, t_1^{low} + ln b/a] in the paper's form.</summary>
    public (double Low, double High) Window(double delta0)
    {
        double first = 2 / A * Math.Log((2 - 1.5 * RhoBar) / delta0);
        return (first + Math.Log(2 / (1 - RhoBar)) / A, first + Math.Log((1 + RhoBar / 4) / (1 - 0.75 * RhoBar)) / A + Math.Log(B) / A);
    }

    /// <summary>GD on the second coordinate up to k_1 (first θ̄_k ≥ 1): k_{1−ρ̄}, k_1, θ̄_{k_1} and the transition step count.</summary>
    public GdPassage Passage(double delta0, double eta)
    {
        double l2 = AccurateFunctions.Log1p(A * eta / 2);
        double target = 2 - 1.5 * RhoBar;
        // k_{1−ρ̄}: the first k with δ_0(1 + aη/2)^k ≥ 2 − 3ρ̄/2 (Lemma 72); the ceiling is corrected by ±1 checks.
        long kA = Math.Max(0, (long)Math.Ceiling(Math.Log(target / delta0) / l2));
        while (kA > 0 && delta0 * Math.Exp((kA - 1) * l2) >= target)
        {
            kA--;
        }
        while (delta0 * Math.Exp(kA * l2) < target)
        {
            kA++;
        }
        double z = Z0 + delta0 * Math.Exp(kA * l2);
        long k = kA;
        int transition = 0;
        while (z < 1)
        {
            z += eta * MinusPhiBarPrime(z);
            k++;
            transition++;
        }
        return new GdPassage(kA, k, z, transition);
    }

    public sealed record GdPassage(long KOneMinusRho, long KOne, double BarAtKOne, int TransitionSteps);
}
