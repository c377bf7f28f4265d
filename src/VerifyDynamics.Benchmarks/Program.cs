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
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
