using System.Globalization;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Randomness;

namespace VerifyDynamics.Benchmarks;

/// <summary>
/// Throughput of the numerical core's kernels against the machine's small-matrix multiply throughput.
/// <para><c>kernels-timed</c> (a plain timed loop, <see cref="Timed"/>): GFLOP/s of <see cref="DenseKernels.Multiply"/> and of
/// OpenBLAS <c>cblas_dgemm</c> (single-threaded, called directly through a function pointer, so no Python overhead) on
/// L1-resident products of the GD shapes and on 32³/64³; then one GD step, one gradient and one HVP, each in GFLOP/s
/// of the products it performs. The GD kernel's share of the best small-matrix throughput is printed last.</para>
/// </summary>
[MemoryDiagnoser]
public unsafe class KernelBenchmarks
{
    private static readonly int[] GdDims = [16, 32, 32, 32, 8];
    private static readonly int[] HessianDims = [16, 52, 52, 16];
    private double[] _a = null!, _b = null!, _c = null!;
    private DeepLinearKernel _gd = null!;
    private double[] _theta = null!, _gradient = null!;
    private DeepLinearKernel _hvp = null!;
    private double[] _v = null!, _hv = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = Seed.Default.Split("bench-kernels").CreateRng();
        _a = Random(rng, 64 * 64);
        _b = Random(rng, 64 * 64);
        _c = new double[64 * 64];
        (_gd, _theta) = Kernel(GdDims, "gd");
        _gradient = new double[_theta.Length];
        (_hvp, var thetaH) = Kernel(HessianDims, "hvp");
        _hvp.PrepareHessian(thetaH);
        _v = Random(rng, thetaH.Length);
        _hv = new double[thetaH.Length];
    }

    private static double[] Random(Rng rng, int n) => [.. Enumerable.Range(0, n).Select(_ => rng.NextGaussian())];

    private static (DeepLinearKernel Kernel, double[] Theta) Kernel(int[] dims, string label)
    {
        var rng = Seed.Default.Split("bench-kernels-" + label).CreateRng();
        var f = DeepLinearObjective.ForTarget(dims, rng.GaussianMatrix(dims[^1], dims[0]));
        return (f.CreateKernel(), Random(rng, f.Dimension).Select(x => x / Math.Sqrt(dims.Max())).ToArray());
    }

    /// <summary>The GD forward shape: (16×32)·(32×32).</summary>
    [Benchmark]
    public void Multiply16x32x32() => DenseKernels.Multiply(_a, _b, _c, 16, 32, 32);

    [Benchmark]
    public void Multiply32x32x32() => DenseKernels.Multiply(_a, _b, _c, 32, 32, 32);

    /// <summary>One gradient of ½‖W_{1:4} − Φ‖² on [16,32,32,32,8] (2,816 parameters), the GD and gradient-flow unit of work.</summary>
    [Benchmark]
    public double GradientDln16x32x32x32x8() => _gd.ValueAndGradient(_theta, _gradient);

    /// <summary>One exact HVP on [16,52,52,16] (4,368 parameters) with θ's passes prepared (the Lanczos unit of work).</summary>
    [Benchmark]
    public void HvpDln16x52x52x16() => _hvp.ApplyHessian(_v, _hv);

    /// <summary>Floating-point operations of one gradient: forward, backward and layer products, 2·d_0·d_{j−1}·d_j each, j ≥ 2.</summary>
    public static double GradientFlops(int[] dims) => 6.0 * dims[0] * Enumerable.Range(2, dims.Length - 2).Sum(j => (double)dims[j - 1] * dims[j]);

    public static void Timed(TextWriter output)
    {
        var b = new KernelBenchmarks();
        b.Setup();
        output.WriteLine($"Vector256 hardware: {System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated}, Vector512 hardware: {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}, FMA: {System.Runtime.Intrinsics.X86.Fma.IsSupported}");
        var blas = OpenBlas.TryLoad(out string why);
        output.WriteLine(blas is null ? $"OpenBLAS: not loaded ({why})" : "OpenBLAS: libopenblas.so.0, 1 thread");
        double best = 0;
        foreach (var (m, k, n) in new[] { (16, 32, 32), (32, 16, 32), (16, 32, 8), (32, 32, 32), (64, 64, 64) })
        {
            double flops = 2.0 * m * k * n;
            double ours = Rate(() => DenseKernels.Multiply(b._a, b._b, b._c, m, k, n), flops);
            string theirs = "";
            if (blas is not null)
            {
                double r = Rate(() => blas.Dgemm(b._a, b._b, b._c, m, k, n), flops);
                theirs = $"   OpenBLAS dgemm {r:F1} GFLOP/s";
                best = Math.Max(best, r);
            }
            best = Math.Max(best, ours);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m}×{k}·{k}×{n}: DenseKernels {ours:F1} GFLOP/s{theirs}"));
        }
        double gdFlops = GradientFlops(GdDims);
        var (gdObjective, gdTheta) = Ec21EngineBenchmarks.Build(GdDims, "bench-gd", 0.3);
        // η small enough that the iterates stay in normal-number range for the whole timing.
        var gdKernel = new DeepLinearDescentKernel(gdObjective.Network(gdTheta), Seed.Default.Split("bench-gd-target").CreateRng().GaussianMatrix(8, 16));
        double gd = Rate(() => gdKernel.Step(1e-4), gdFlops);
        double grad = Rate(() => b.GradientDln16x32x32x32x8(), gdFlops);
        double hvpFlops = 2 * 6.0 * HessianDims[0] * (52 * 52 + 52 * 16);
        double hvp = Rate(b.HvpDln16x52x52x16, hvpFlops);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"GD step [16,32,32,32,8] ({gdFlops:N0} flop): {gd:F1} GFLOP/s = {gdFlops / gd / 1e3:F1} µs/step; gradient alone {grad:F1} GFLOP/s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"HVP [16,52,52,16] (≈{hvpFlops:N0} flop): {hvp:F1} GFLOP/s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"GD kernel / best small-matrix multiply throughput measured above ({best:F1} GFLOP/s): {100 * gd / best:F0}%"));
    }

    /// <summary>
    /// GFLOP/s of an action: the best of 7 batches of ≥ 50 ms of process CPU time (user + system, so time while another
    /// process holds the core does not count) after a warm-up; best, because the machine is shared.
    /// </summary>
    private static double Rate(Action action, double flops)
    {
        int reps = 1;
        while (true)
        {
            var start = Environment.CpuUsage.TotalTime;
            for (int i = 0; i < reps; i++)
            {
                action();
            }
            if ((Environment.CpuUsage.TotalTime - start).TotalMilliseconds > 50)
            {
                break;
            }
            reps *= 2;
        }
        double best = double.PositiveInfinity;
        for (int round = 0; round < 7; round++)
        {
            var start = Environment.CpuUsage.TotalTime;
            for (int i = 0; i < reps; i++)
            {
                action();
            }
            best = Math.Min(best, (Environment.CpuUsage.TotalTime - start).TotalSeconds / reps);
        }
        return flops / best / 1e9;
    }

    /// <summary>cblas_dgemm from Debian's libopenblas (row-major, no transposes), forced to one thread.</summary>
    private sealed class OpenBlas
    {
        private readonly delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> _dgemm;

        private OpenBlas(nint dgemm) => _dgemm = (delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)dgemm;

        public static OpenBlas? TryLoad(out string reason)
        {
            if (!NativeLibrary.TryLoad("libopenblas.so.0", out var lib))
            {
                reason = "libopenblas.so.0 not found (apt-get install libopenblas0)";
                return null;
            }
            if (!NativeLibrary.TryGetExport(lib, "cblas_dgemm", out var dgemm) || !NativeLibrary.TryGetExport(lib, "openblas_set_num_threads", out var threads))
            {
                reason = "cblas_dgemm or openblas_set_num_threads missing";
                return null;
            }
            ((delegate* unmanaged<int, void>)threads)(1);
            reason = "";
            return new OpenBlas(dgemm);
        }

        public void Dgemm(double[] a, double[] b, double[] c, int m, int k, int n)
        {
            fixed (double* pa = a, pb = b, pc = c)
            {
                // CblasRowMajor = 101, CblasNoTrans = 111.
                _dgemm(101, 111, 111, m, n, k, 1.0, pa, k, pb, n, 0.0, pc, n);
            }
        }
    }
}
