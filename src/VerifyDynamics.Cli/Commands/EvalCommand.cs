using System.CommandLine;
using System.Text.Json.Nodes;
using VerifyDynamics.Core;
using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Harness.Analysis;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Cli.Commands;

/// <summary><c>vd eval --instance FILE</c>: the ACGH19 measures of a deep-linear-network instance (Harness.Analysis computes them).</summary>
public static class EvalCommand
{
    public static Command Create(CliOutput io)
    {
        var instance = CliOptions.Text("--instance", "FILE", "the instance (JSON: dims, weights, target Φ, and eta for --gd)");
        instance.Required = true;
        var gd = CliOptions.OptionalInt("--gd", "K", "also run K gradient-descent steps with the instance's eta and print the measures after them", 0, InputLimits.MaxSteps);
        var lambdaMin = CliOptions.Flag("--lambda-min", "λ_min of the Hessian at the instance (Lanczos on exact HVPs) and a lower bound, certified by dense Cholesky up to "
            + $"{HessianAtInstance.DenseCertificateLimit} parameters");
        var certify = CliOptions.Flag("--certify", $"with --lambda-min: certify the lower bound by dense Cholesky above {HessianAtInstance.DenseCertificateLimit} parameters too (O(d³))");
        var json = CliOptions.Flag("--json", "print JSON");
        var repeat = CliOptions.Int("--repeat", "K", "benchmarking: evaluate K times in this one process (parse, measures, λ_min, GD each time; every result must be "
            + "identical and is printed once), so per-evaluation cost can be told apart from process start-up", 1, 1, 1000);
        var command = new Command("eval", "evaluate a deep-linear-network instance: loss, balancedness, σ_min, deficiency margin (and after K GD steps); λ_min of the Hessian")
        {
            instance, gd, lambdaMin, certify, json, repeat,
        };
        command.SetAction(r => Run(r.GetValue(instance)!, r.GetValue(gd), r.GetValue(lambdaMin), r.GetValue(certify), r.GetValue(json), r.GetValue(repeat), io));
        return command;
    }

    private static int Run(string path, int? steps, bool lambdaMin, bool certify, bool json, int repeat, CliOutput io)
    {
        var (o, diverged) = Evaluate(path, steps, lambdaMin, certify);
        for (int r = 1; r < repeat; r++)
        {
            // Each repetition redoes the whole evaluation from the file; a result that differed would be a determinism defect.
            var (again, _) = Evaluate(path, steps, lambdaMin, certify);
            if (again.ToJsonString() != o.ToJsonString())
            {
                throw new InvalidOperationException($"--repeat: evaluation {r + 1} of {repeat} differs from the first (nondeterminism)");
            }
        }
        int exit = ExitCodes.Ok;
        if (diverged is not null)
        {
            io.Err.WriteLine($"vd eval: gradient descent diverged: {diverged}");
            exit = ExitCodes.Inconclusive;
        }
        if (json)
        {
            JsonOutput.Write(io.Out, o);
            return exit;
        }
        foreach (var (section, node) in o)
        {
            io.Out.WriteLine(section);
            foreach (var (k2, v) in node!.AsObject())
            {
                io.Out.WriteLine($"  {k2,-22} {v}");
            }
        }
        return exit;
    }

    /// <summary>The measures (and λ_min, and GD's result) of the instance in <paramref name="path"/>; the message of a diverged GD run, else null.</summary>
    private static (JsonObject Result, string? Diverged) Evaluate(string path, int? steps, bool lambdaMin, bool certify)
    {
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
        var o = new JsonObject { ["initial"] = Measures(NetworkMeasures.Of(network, target)) };
        if (lambdaMin)
        {
            o["hessian"] = Hessian(HessianAtInstance.Of(DeepLinearObjective.ForTarget(network.Dims, target), network, certify));
        }
        string? diverged = null;
        if (steps is { } k)
        {
            var run = GradientDescent.Run(network, target, instance.RequireEta, k);
            var after = Measures(NetworkMeasures.Of(run.Final, target));
            after["steps"] = run.Steps;
            after["outcome"] = JsonOutput.Outcome(run.Outcome);
            if (run.Message is not null)
            {
                after["message"] = run.Message;
                diverged = run.Message;
            }
            o["afterGradientDescent"] = after;
        }
        return (o, diverged);
    }

    private static JsonObject Hessian(HessianAtInstance h) => new()
    {
        ["dimension"] = h.Dimension,
        ["lambdaMin"] = JsonOutput.Number(h.LambdaMin),
        ["residual"] = JsonOutput.Number(h.Residual),
        ["converged"] = h.Converged,
        ["method"] = h.Method,
        ["lowerBound"] = JsonOutput.Number(h.LowerBound),
        ["lowerBoundCertified"] = h.LowerBoundCertified,
        ["lowerBoundMethod"] = h.LowerBoundMethod,
    };

    private static JsonObject Measures(NetworkMeasures m)
    {
        var o = new JsonObject
        {
            ["loss"] = JsonOutput.Number(m.Loss),
            ["balancedness"] = JsonOutput.Number(m.Balancedness),
            ["sigmaMinEndToEnd"] = JsonOutput.Number(m.SigmaMinEndToEnd),
            ["sigmaMinTarget"] = JsonOutput.Number(m.SigmaMinTarget),
            ["deficiencyMargin"] = JsonOutput.Number(m.DeficiencyMargin),
        };
        if (m.Note is not null)
        {
            o["note"] = m.Note;
        }
        return o;
    }
}
