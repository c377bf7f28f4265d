using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Randomness;

namespace VerifyDynamics.Benchmarks;

/// <summary>
/// EC21 engine costs: (1) gradient flow of a depth-4 DLN [16,32,32,32,8] to t = 50 at rtol 1e−10 (DOP853);
/// (2) λ_min of a 4,368-parameter DLN Hessian [16,52,52,16] by Lanczos on exact HVPs; (3) one GD step on (1)'s network.
/// Also runnable without BenchmarkDotNet as a timed loop: <c>dotnet run -c Release --project src/VerifyDynamics.Benchmarks -- ec21-timed</c>.
/// </summary>
[MemoryDiagnoser]
public class Ec21EngineBenchmarks
{
    private DeepLinearObjective _gf = null!;
    private double[] _gfTheta = null!;
    private DeepLinearObjective _big = null!;
    private double[] _bigTheta = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_gf, _gfTheta) = Build([16, 32, 32, 32, 8], "bench-gf", 0.3);
        (_big, _bigTheta) = Build([16, 52, 52, 16], "bench-lanczos", 0.3);
    }

    internal static (DeepLinearObjective F, double[] Theta) Build(int[] dims, string label, double scale)
    {
        var rng = Seed.Default.Split(label).CreateRng();
        var f = DeepLinearObjective.ForTarget(dims, rng.GaussianMatrix(dims[^1], dims[0]));
        var theta = new double[f.Dimension];
        for (int j = 1; j < dims.Length; j++)
        {
            // Scale each layer by 1/√fan-in·scale-ish so the product stays O(1).
            double s = scale * Math.Sqrt(2.0 / dims[j - 1]);
            for (int k = 0; k < dims[j] * dims[j - 1]; k++)
            {
                theta[f.Offset(j) + k] = s * rng.NextGaussian();
            }
        }
        return (f, theta);
    }

    [Benchmark]
    public double GradientFlowDepth4ToT50() =>
        GradientFlow.Solve(_gf, _gfTheta, 50, new OdeSettings(Rtol: 1e-10, Atol: 1e-12, StoreDenseOutput: false)).FinalTheta[0];

    [Benchmark]
    public double LanczosLambdaMin4368() =>
        Lanczos.MinEigenvalue(HessianVectorProduct.Operator(_big, _bigTheta), _big.Dimension, new LanczosSettings(MaxIterations: 300, RelativeTolerance: 1e-8)).Value;

    [Benchmark]
    public double OneGradientDescentStep() => ObjectiveGradientDescent.Run(_gf, _gfTheta, 1e-3, 1).Theta[0];

    /// <summary>A timed loop without BenchmarkDotNet (quick figures on a shared machine).</summary>
    public static void Timed(TextWriter output)
    {
        var b = new Ec21EngineBenchmarks();
        b.Setup();
        Measure(output, "gradient flow [16,32,32,32,8] to t=50, rtol 1e-10", 3, () =>
        {
            var gf = GradientFlow.Solve(b._gf, b._gfTheta, 50, new OdeSettings(Rtol: 1e-10, Atol: 1e-12, StoreDenseOutput: false));
            return $"{gf.Ode.Outcome}, {gf.Ode.Statistics.AcceptedSteps} steps, {gf.Ode.Statistics.RejectedSteps} rejected, "
                + $"{gf.Ode.Statistics.FunctionEvaluations} gradients, loss {gf.Objective.Value(gf.FinalTheta):G4}, balancedness drift {gf.MaxInvariantDrift():G3}";
        });
        Measure(output, $"Lanczos λ_min, DLN [16,52,52,16] (d = {b._big.Dimension})", 3, () =>
        {
            var e = Lanczos.MinEigenvalue(HessianVectorProduct.Operator(b._big, b._bigTheta), b._big.Dimension, new LanczosSettings(MaxIterations: 300, RelativeTolerance: 1e-8));
            return $"λ_min ≈ {e.Value:G10}, residual {e.Residual:G3}, {e.Iterations} HVPs, converged {e.Converged}";
        });
        Measure(output, "one GD step [16,32,32,32,8]", 200, () => ObjectiveGradientDescent.Run(b._gf, b._gfTheta, 1e-3, 1).Steps.ToString(CultureInfo.InvariantCulture));
    }

    private static void Measure(TextWriter output, string what, int repeats, Func<string> run)
    {
        string info = run(); // warm-up (JIT)
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < repeats; i++)
        {
            info = run();
        }
        sw.Stop();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {sw.Elapsed.TotalMilliseconds / repeats:F3} ms/run (mean of {repeats}) — {info}"));
    }
}
