using BenchmarkDotNet.Running;

namespace VerifyDynamics.Benchmarks;

public static class Program
{
    public static void Main(string[] args)
    {
        // `ec21-timed`: a plain timed loop of the EC21 engine benchmarks (no BenchmarkDotNet harness).
        if (args is ["ec21-timed"])
        {
            Ec21EngineBenchmarks.Timed(Console.Out);
            return;
        }
        // `kernels-timed`: SIMD kernels against OpenBLAS dgemm (the small-matrix throughput reference).
        if (args is ["kernels-timed"])
        {
            KernelBenchmarks.Timed(Console.Out);
            return;
        }
        // `statement-costs`: the CPU time of each catalog statement at one thread (vd verify's longest-first cost table).
        if (args is ["statement-costs"])
        {
            StatementCosts.Write(Console.Out);
            return;
        }
        // `bdn ARGS...`: BenchmarkDotNet with its own options (e.g. `bdn --filter '*' --job short`); without `bdn`
        // the arguments go to BenchmarkDotNet unchanged, as before.
        if (args is ["bdn", .. var rest])
        {
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
