using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using VerifyDynamics.Core;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Harness.Analysis;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Cli.Commands;

/// <summary>
/// <c>vd simulate gf|gd</c>: gradient flow (DOP853) or gradient descent on a deep linear network instance
/// (dims, weights, target Φ, eta; loss ½‖W_{N:1} − Φ‖_F²), printing the trajectory: time, loss, the distance
/// between the GD iterate and the GF solution at the same time ('gd', or 'gf --compare-gd', with the instance's eta), the
/// balancedness drift max_j ‖Δ_j(t) − Δ_j(0)‖ (Δ_j = W_{j+1}ᵀW_{j+1} − W_jW_jᵀ), and optionally λ_min of the Hessian.
/// The computation is <see cref="FlowSimulation"/>'s; this class reads the command line and prints.
/// </summary>
public static class SimulateCommand
{
    /// <summary>Parsed command line.</summary>
    private sealed record Options(string Mode, string File, double? TEnd, double Rtol, int? Steps, int Points, bool Json, bool Csv, bool Lambda, bool CompareGd, string? Save);

    public static Command Create(CliOutput io)
    {
        var mode = new Argument<string?>("MODE") { Description = "gf: integrate the gradient flow; gd: run gradient descent (rows carry its distance to the flow)", Arity = ArgumentArity.ZeroOrOne };
        var instance = CliOptions.Text("--instance", "FILE", "the instance (JSON: dims, weights, target Φ; eta for gd and --steps)");
        instance.Required = true;
        var t = CliOptions.OptionalDouble("--t", "T", "horizon in time (give --t or --steps)", positive: true);
        var steps = CliOptions.OptionalInt("--steps", "K", "horizon in GD steps, time K·eta (give --t or --steps)", 1, InputLimits.MaxSteps);
        var rtol = new Option<double>("--rtol") { Description = "relative tolerance of the flow's DOP853 integration (atol = rtol/100)", HelpName = "R", DefaultValueFactory = _ => 1e-10,
            CustomParser = r => Parse(r, s => CliOptions.ParseDouble("--rtol", s, positive: true)) };
        var points = CliOptions.Int("--points", "P", "rows of the trajectory (at least 2)", 21, 1, InputLimits.MaxSteps);
        var json = CliOptions.Flag("--json", "print JSON");
        var csv = CliOptions.Flag("--csv", "print CSV (the default)");
        var lambdaMin = CliOptions.Flag("--lambda-min", "add λ_min of the Hessian at each row");
        var compareGd = CliOptions.Flag("--compare-gd", "gf: also run gradient descent with the instance's eta and print the GD–GF distance");
        var save = CliOptions.Text("--save", "FILE", "write the last state shown as an instance (dims and weights)");
        var command = new Command("simulate", "integrate gradient flow or run gradient descent on a deep linear network instance")
        {
            mode, instance, t, steps, rtol, points, json, csv, lambdaMin, compareGd, save,
        };
        command.SetAction(r => Run(new Options(r.GetValue(mode) ?? "", r.GetValue(instance)!, r.GetValue(t), r.GetValue(rtol), r.GetValue(steps), Math.Max(2, r.GetValue(points)),
            r.GetValue(json), r.GetValue(csv), r.GetValue(lambdaMin), r.GetValue(compareGd), r.GetValue(save)), io));
        return command;
    }

    private static double Parse(System.CommandLine.Parsing.ArgumentResult r, Func<string, double> parse)
    {
        try
        {
            return parse(r.Tokens[^1].Value);
        }
        catch (UsageException e)
        {
            r.AddError(e.Message);
            return 0;
        }
    }

    private static int Run(Options options, CliOutput io)
    {
        Validate(options);
        var request = Load(options);
        var result = FlowSimulation.Run(request);
        foreach (var problem in result.Problems)
        {
            io.Err.WriteLine($"vd simulate: {problem}");
        }
        if (options.Save is { } savePath && result.LastState is { } last)
        {
            Save(savePath, request.Objective, last);
        }
        if (options.Json)
        {
            JsonOutput.Write(io.Out, Json(options.Mode, result));
        }
        else
        {
            WriteCsv(io.Out, result.Rows);
        }
        // A diverged or failed run is shown (its rows say where it went wrong) but is not a result: exit 3, as in 'vd eval'.
        return result.Problems.Count > 0 ? ExitCodes.Inconclusive : ExitCodes.Ok;
    }

    private static void Validate(Options options)
    {
        if (options.Mode is not ("gf" or "gd"))
        {
            throw new UsageException("first argument must be 'gf' or 'gd'");
        }
        if (options.Json && options.Csv)
        {
            throw new UsageException("--json and --csv are exclusive");
        }
        if (options.TEnd is null == options.Steps is null)
        {
            throw new UsageException("give exactly one of --t T and --steps K");
        }
    }

    private static SimulationRequest Load(Options options)
    {
        var instance = InstanceJson.Parse(StatementLookup.ReadInstanceFile(options.File));
        if (!instance.HasNetwork)
        {
            throw new InstanceFormatException("weights", "is required (with dims) for simulate");
        }
        if (instance.Target is null)
        {
            throw new InstanceFormatException("target", "is required for simulate (loss ½‖W_{N:1} − Φ‖_F²)");
        }
        double? eta = instance.Eta;
        if (options.Mode == "gd" && eta is null)
        {
            throw new InstanceFormatException("eta", "is required for 'simulate gd'");
        }
        if (options.Steps is not null && eta is null)
        {
            throw new InstanceFormatException("eta", "is required with --steps (time = steps·eta)");
        }
        var objective = DeepLinearObjective.ForTarget(instance.Dims, instance.Target);
        int k = options.Steps ?? (eta is { } e ? (int)Math.Round(options.TEnd!.Value / e) : 0);
        double horizon = options.Steps is { } s ? s * eta!.Value : options.TEnd!.Value;
        return new SimulationRequest(options.Mode, objective, objective.Pack(instance.Network), eta, k, horizon, options.Points, options.Rtol, options.CompareGd, options.Lambda);
    }

    /// <summary>--save FILE: the last state of the trajectory shown, as an instance (dims and weights, row-major), for comparisons.</summary>
    private static void Save(string path, DeepLinearObjective objective, double[] theta)
    {
        var network = objective.Network(theta);
        var o = new JsonObject
        {
            ["dims"] = new JsonArray([.. objective.Dims.Select(d => (JsonNode)d)]),
            ["weights"] = new JsonArray([.. network.Weights.Select(w => (JsonNode)new JsonArray([.. w.ToRowArrays().Select(r => (JsonNode)new JsonArray([.. r.Select(x => (JsonNode)x)]))]))]),
        };
        AtomicFile.WriteAllText(path, CanonicalJson.Serialize(o));
    }

    private static JsonObject Json(string mode, SimulationResult result)
    {
        var ode = result.Flow.Ode;
        return new JsonObject
        {
            ["mode"] = mode,
            ["loss"] = "½‖W_{N:1} − Φ‖_F²",
            ["gradientFlow"] = new JsonObject
            {
                ["outcome"] = JsonOutput.Outcome(ode.Outcome),
                ["message"] = ode.Message,
                ["rtol"] = ode.Settings.Rtol,
                ["atol"] = ode.Settings.Atol,
                ["acceptedSteps"] = ode.Statistics.AcceptedSteps,
                ["rejectedSteps"] = ode.Statistics.RejectedSteps,
                ["functionEvaluations"] = ode.Statistics.FunctionEvaluations,
            },
            ["rows"] = new JsonArray([.. result.Rows.Select(r => (JsonNode)new JsonObject
            {
                ["t"] = JsonOutput.Number(r.Time),
                ["loss"] = JsonOutput.Number(r.Loss),
                ["distanceGdGf"] = JsonOutput.Number(r.Distance),
                ["balancednessDrift"] = JsonOutput.Number(r.Drift),
                ["lambdaMin"] = JsonOutput.Number(r.LambdaMin),
            })]),
        };
    }

    private static void WriteCsv(TextWriter w, IReadOnlyList<TrajectoryRow> rows)
    {
        w.WriteLine("t,loss,distance_gd_gf,balancedness_drift,lambda_min");
        foreach (var r in rows)
        {
            w.WriteLine(string.Join(",", F(r.Time), F(r.Loss), r.Distance is { } d ? F(d) : "", F(r.Drift), r.LambdaMin is { } l ? F(l) : ""));
        }
    }

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
