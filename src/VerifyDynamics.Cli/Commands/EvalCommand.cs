using VerifyDynamics.Core;
using System.Text.Json.Nodes;
using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Cli.Commands;

[Command("eval", "evaluate a deep-linear-network instance: loss, balancedness, σ_min, deficiency margin (and after K GD steps); λ_min of the Hessian",
    "vd eval --instance FILE [--gd K] [--lambda-min [--certify]] [--json]")]
public static class EvalCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var a = new Arguments(args, new HashSet<string> { "json", "lambda-min", "certify" });
        string path = a.Option("instance") ?? throw new UsageException("--instance FILE is required");
        int? steps = a.Int("gd", min: 0, max: InputLimits.MaxSteps);
        bool json = a.Flag("json");
        bool lambdaMin = a.Flag("lambda-min");
        bool certify = a.Flag("certify");
        a.EnsureAllUsed(0);
        var instance = InstanceJson.Parse(StatementLookup.ReadInstanceFile(path));
        if (!instance.HasNetwork)
        {
            throw new InstanceFormatException("weights", "eval needs dims and weights");
        }
        if (instance.Target is null)
        {
            throw new InstanceFormatException("target", "eval needs the target Φ");
        }
        if (steps is not null && instance.Eta is null)
        {
            throw new InstanceFormatException("eta", "--gd needs the learning rate eta in the instance");
        }
        var network = instance.Network;
        var target = instance.RequireTarget;
        var o = new JsonObject { ["initial"] = Measures(network, target) };
        if (lambdaMin)
        {
            o["hessian"] = Hessian(DeepLinearObjective.ForTarget(network.Dims, target), network, certify);
        }
        int exit = ExitCodes.Ok;
        if (steps is { } k)
        {
            var run = GradientDescent.Run(network, target, instance.RequireEta, k);
            var after = Measures(run.Final, target);
            after["steps"] = run.Steps;
            after["outcome"] = run.Outcome.ToString().ToLowerInvariant();
            if (run.Message is not null)
            {
                after["message"] = run.Message;
                stderr.WriteLine($"vd eval: gradient descent diverged: {run.Message}");
                exit = ExitCodes.Inconclusive;
            }
            o["afterGradientDescent"] = after;
        }
        if (json)
        {
            stdout.Write(CanonicalJson.Serialize(o));
        }
        else
        {
            foreach (var (section, node) in o)
            {
                stdout.WriteLine(section);
                foreach (var (k2, v) in node!.AsObject())
                {
                    stdout.WriteLine($"  {k2,-22} {v}");
                }
            }
        }
        return exit;
    }

    /// <summary>Above this many parameters the dense Cholesky certificate (O(d³), 8d² bytes) runs only with --certify.</summary>
    private const int DenseCertificateLimit = 2000;

    /// <summary>
    /// λ_min of ∇²L at the instance by Lanczos on exact Hessian-vector products, and a lower bound: for d ≤ 2,000 (or with
    /// --certify) a proven one, Cholesky of H − sI on the assembled exact Hessian (<see cref="CertifiedBounds"/>, Higham
    /// Thm 10.3); above, the Lanczos residual bracket θ − ‖Hx − θx‖, which bounds an eigenvalue of H and is λ_min's
    /// bound only if Lanczos missed no lower eigenvalue (so <c>lowerBoundCertified</c> is false).
    /// </summary>
    private static JsonObject Hessian(DeepLinearObjective f, DeepLinearNetwork network, bool certify)
    {
        var theta = f.Pack(network);
        var estimate = Lanczos.MinEigenvalue(HessianVectorProduct.Operator(f, theta), f.Dimension);
        var o = new JsonObject
        {
            ["dimension"] = f.Dimension,
            ["lambdaMin"] = CanonicalJson.Number(estimate.Value),
            ["residual"] = CanonicalJson.Number(estimate.Residual),
            ["converged"] = estimate.Converged,
            ["method"] = estimate.Method,
        };
        if (certify || f.Dimension <= DenseCertificateLimit)
        {
            var h = Spectra.Symmetrized(ExactHessian.DeepLinear(f, theta));
            var certificate = CertifiedBounds.LowerBoundBelow(h, estimate.Value);
            o["lowerBound"] = CanonicalJson.Number(certificate.Succeeded ? certificate.LowerBound : double.NaN);
            o["lowerBoundCertified"] = certificate.Succeeded;
            o["lowerBoundMethod"] = certificate.Explanation + " (on the assembled exact Hessian)";
        }
        else
        {
            o["lowerBound"] = CanonicalJson.Number(estimate.Lower);
            o["lowerBoundCertified"] = false;
            o["lowerBoundMethod"] = $"Lanczos residual bracket θ − ‖Hx − θx‖ (an eigenvalue lies above it; certified for λ_min only with --certify, dense Cholesky, d = {f.Dimension} > {DenseCertificateLimit})";
        }
        return o;
    }

    private static JsonObject Measures(DeepLinearNetwork network, MathNet.Numerics.LinearAlgebra.Matrix<double> target)
    {
        var e2e = network.EndToEnd();
        if (!e2e.Enumerate().All(double.IsFinite))
        {
            // A diverged run (or overflowing weights): singular values of Inf/NaN do not exist, so say so instead of failing in the SVD.
            return new JsonObject
            {
                ["loss"] = CanonicalJson.Number(network.Loss(target) is var l && double.IsNaN(l) ? double.PositiveInfinity : l),
                ["balancedness"] = CanonicalJson.Number(network.BalancednessGap()),
                ["sigmaMinEndToEnd"] = CanonicalJson.Number(double.NaN),
                ["sigmaMinTarget"] = CanonicalJson.Number(MatrixMeasures.SigmaMin(target)),
                ["deficiencyMargin"] = CanonicalJson.Number(double.NaN),
                ["note"] = "the end-to-end matrix is not finite (overflow): σ_min and the deficiency margin are undefined",
            };
        }
        return new JsonObject
        {
            ["loss"] = CanonicalJson.Number(network.Loss(target)),
            ["balancedness"] = CanonicalJson.Number(network.BalancednessGap()),
            ["sigmaMinEndToEnd"] = CanonicalJson.Number(MatrixMeasures.SigmaMin(e2e)),
            ["sigmaMinTarget"] = CanonicalJson.Number(MatrixMeasures.SigmaMin(target)),
            ["deficiencyMargin"] = CanonicalJson.Number(DeficiencyMargin.Of(e2e, target)),
        };
    }
}
