namespace VerifyDynamics.Core.Dynamics;

/// <summary>
/// One step of an explicit Runge–Kutta method (<see cref="ExplicitTableau"/>, e.g. <see cref="RungeKuttaTableaus.ClassicalRk4"/>)
/// on caller-owned buffers: k_1 = f(t, y), k_s = f(t + c_s h, y + h Σ_r a_{s,r} k_r), y_new = y + (h/BDenominator)·Σ_s BNumerators[s]·k_s.
/// For loops that need control between steps that <see cref="OdeSolver"/> does not offer (renormalization onto a sphere after each
/// step, a stopping test on f(t, y) that reuses it as the first stage). Stage combinations follow <see cref="StageCombination"/>.
/// </summary>
public sealed class RungeKuttaStepper
{
    private readonly ExplicitTableau _tableau;
    private readonly double[][] _k;
    private readonly double[] _tmp;

    public RungeKuttaStepper(ExplicitTableau tableau, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        _tableau = tableau;
        _k = [.. Enumerable.Range(0, tableau.Stages).Select(_ => new double[dimension])];
        _tmp = new double[dimension];
    }

    public ExplicitTableau Tableau => _tableau;

    /// <summary>The first stage k_1 = f(t, y): fill it and pass firstStageKnown to <see cref="Step"/> to reuse an evaluation.</summary>
    public double[] FirstStage => _k[0];

    /// <summary>
    /// One step of size <paramref name="h"/> from (t, y) into <paramref name="yNew"/> (which may be y itself). With
    /// <paramref name="firstStageKnown"/>, <see cref="FirstStage"/> must already hold f(t, y).
    /// </summary>
    public void Step(OdeFunction f, double t, double[] y, double h, double[] yNew, bool firstStageKnown = false)
    {
        if (!firstStageKnown)
        {
            f(t, y, _k[0]);
        }
        for (int s = 1; s < _tableau.Stages; s++)
        {
            StageCombination.Combine(_tmp, y, h, _tableau.A[s], _k);
            f(t + _tableau.C[s] * h, _tmp, _k[s]);
        }
        StageCombination.Combine(yNew, y, h / _tableau.BDenominator, _tableau.BNumerators, _k);
    }
}

/// <summary>
/// The one stage-combination rule of Core's tableau-driven steppers (<see cref="RungeKuttaStepper"/>, <see cref="StepDoubling"/>,
/// <see cref="EmbeddedRungeKutta"/>): out_i = y_i + h·(Σ_r a_r k_{r,i}) over the nonzero a_r in stage order (the sum starts from
/// the first term), except that a row with a single nonzero term is y_i + (h·a)·k_{r,i} — the operation order of Hairer's
/// <c>dopri5.f</c> (Y1 = Y + H*A21*K1). For coefficients that are powers of two (classical RK4's ½ and 1) both forms round alike.
/// </summary>
public static class StageCombination
{
    /// <summary>out = y + h·Σ_r a_r k_r (see the type); <paramref name="output"/> may alias <paramref name="y"/>.</summary>
    public static void Combine(double[] output, double[] y, double h, double[] a, double[][] k)
    {
        int terms = 0, single = -1;
        for (int r = 0; r < a.Length; r++)
        {
            if (a[r] != 0)
            {
                terms++;
                single = r;
            }
        }
        int n = y.Length;
        if (terms == 0)
        {
            Array.Copy(y, output, n);
            return;
        }
        if (terms == 1)
        {
            double ha = h * a[single];
            var ks = k[single];
            for (int i = 0; i < n; i++)
            {
                output[i] = y[i] + ha * ks[i];
            }
            return;
        }
        for (int i = 0; i < n; i++)
        {
            double acc = 0;
            bool first = true;
            for (int r = 0; r < a.Length; r++)
            {
                if (a[r] != 0)
                {
                    acc = first ? a[r] * k[r][i] : acc + a[r] * k[r][i];
                    first = false;
                }
            }
            output[i] = y[i] + h * acc;
        }
    }
}
