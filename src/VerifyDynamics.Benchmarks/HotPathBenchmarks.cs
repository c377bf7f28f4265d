using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Theorems;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Benchmarks;

/// <summary>
/// The hot paths of a verification campaign, at the sizes the catalog's generators use (a depth-3 DLN [8,16,16,4],
/// 464 parameters): one GD step (the in-place kernel, per step of a 100-step run, and the allocating <see cref="DeepLinearNetwork.GradientStep"/>),
/// a short gradient flow (DOP853 to t = 1), one exact Hessian-vector product, λ_min by Lanczos on HVPs, and the trial
/// loop of a cheap statement (ACGH19.Aux.Grad, 40 trials, 1 thread). Run with
/// <c>dotnet run -c Release --project src/VerifyDynamics.Benchmarks -- bdn --filter '*HotPath*'</c>.
/// </summary>
[MemoryDiagnoser]
public class HotPathBenchmarks
{
    private const int KernelSteps = 100;
    private static readonly int[] Dims = [8, 16, 16, 4];
    private DeepLinearObjective _objective = null!;
    private double[] _theta = null!;
    private double[] _direction = null!;
    private DeepLinearNetwork _network = null!;
    private Matrix<double> _target = null!;
    private Statement _cheap = null!;
    private ConstantValues _constants = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_objective, _theta) = Ec21EngineBenchmarks.Build(Dims, "bench-hot", 0.5);
        var rng = Seed.Default.Split("bench-hot-direction").CreateRng();
        _direction = [.. Enumerable.Range(0, _objective.Dimension).Select(_ => rng.NextGaussian())];
        _network = _objective.Network(_theta);
        _target = rng.GaussianMatrix(Dims[^1], Dims[0]);
        _cheap = Catalog.Get("ACGH19.Aux.Grad");
        _constants = StatementRunner.ResolveConstants(_cheap, null);
    }

    /// <summary>
    /// 100 steps from the same start per invocation, reported per step (construction amortised over the 100): stepping
    /// one kernel for millions of invocations would drive the residual into subnormal numbers and time those instead.
    /// </summary>
    [Benchmark(OperationsPerInvoke = KernelSteps)]
    public double GdStepKernel()
    {
        var kernel = new DeepLinearDescentKernel(_network, _target);
        for (int i = 0; i < KernelSteps; i++)
        {
            kernel.Step(1e-3);
        }
        return kernel.LastLoss;
    }

    [Benchmark]
    public DeepLinearNetwork GdStepNetwork() => _network.GradientStep(_target, 1e-3);

    [Benchmark]
    public double GradientFlowToT1() =>
        GradientFlow.Solve(_objective, _theta, 1, new OdeSettings(StoreDenseOutput: false)).FinalTheta[0];

    [Benchmark]
    public double[] HessianVectorProduct() => _objective.HessianVectorProduct(_theta, _direction);

    [Benchmark]
    public double LanczosLambdaMin() =>
        Lanczos.MinEigenvalue(Core.Networks.HessianVectorProduct.Operator(_objective, _theta), _objective.Dimension,
            new LanczosSettings(MaxIterations: 300, RelativeTolerance: 1e-8)).Value;

    [Benchmark]
    public int TrialLoopAuxGrad40() => TrialRunner.Run(_cheap, _constants, Seed.Default.Split("bench-trials"), 40, parallelism: 1).Accepted;
}
