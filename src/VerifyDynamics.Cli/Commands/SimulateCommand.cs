using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Cli.Commands;

/// <summary>
/// <c>vd simulate gf|gd</c>: gradient flow (DOP853) or gradient descent on a deep linear network instance
/// (dims, weights, target Φ, eta; loss ½‖W_{N:1} − Φ‖_F²), printing the trajectory: time, loss, the distance
/// between the GD iterate and the GF solution at the same time ('gd', or 'gf --compare-gd', with the instance's eta), the
/// balancedness drift max_j ‖Δ_j(t) − Δ_j(0)‖ (Δ_j = W_{j+1}ᵀW_{j+1} − W_jW_jᵀ), and optionally λ_min of the Hessian.
/// </summary>
[Command("simulate", "Integrate gradient flow or run gradient descent on a deep linear network instance",
    "vd simulate gf|gd --instance FILE (--t T | --steps K) [--rtol R] [--points P] [--json|--csv] [--lambda-min] [--compare-gd] [--save FILE]")]
public static class SimulateCommand
{
    private sealed record Row(double Time, double Loss, double? Distance, double Drift, double? LambdaMin);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            return Execute(args, stdout, stderr);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"vd simulate: {e.Message}");
            stderr.WriteLine("usage: vd simulate gf|gd --instance FILE (--t T | --steps K) [--rtol R] [--points P] [--json|--csv] [--lambda-min] [--compare-gd] [--save FILE]");
            return ExitCodes.UsageError;
        }
        catch (InstanceFormatException e)
        {
            stderr.WriteLine($"vd simulate: invalid instance: {e.Message}");
            return ExitCodes.UsageError;
        }
    }

    private sealed class UsageException(string message) : Exception(message);

    /// <summary>Parsed command line.</summary>
    private sealed record Options(string Mode, string File, double? TEnd, double? Rtol, int? Steps, int Points, bool Json, bool Lambda, bool CompareGd, string? Save);

    /// <summary>The instance as an objective: θ(0), η when given, and the step count and horizon asked for.</summary>
    private sealed record Setup(DeepLinearObjective Objective, double[] Theta0, double? Eta, int Steps, double Horizon);

    private static int Execute(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = Parse(args);
        var setup = Load(options);
        var (times, gridSteps) = Grid(setup, options.Points);
        bool failed = false;
        // 'gf' integrates the flow alone unless --compare-gd; 'gd' is the comparison (its rows carry the GD–GF distance).
        bool runDescent = options.Mode == "gd" || options.CompareGd;
        double[][]? gdStates = runDescent && setup.Eta is { } eta && setup.Steps > 0
            ? Descend(setup, eta, gridSteps, stderr, ref failed)
            : null;
        var settings = new OdeSettings(Rtol: options.Rtol ?? 1e-10, Atol: (options.Rtol ?? 1e-10) * 1e-2, StoreDenseOutput: false, OutputTimes: times, StoreStates: false);
        var gf = GradientFlow.Solve(setup.Objective, setup.Theta0, times[^1] > 0 ? times[^1] : setup.Horizon, settings);
        if (!gf.Succeeded)
        {
            stderr.WriteLine($"vd simulate: gradient flow {gf.Ode.Outcome}: {gf.Ode.Message}");
            failed = true;
        }
        var rows = Rows(options, setup.Objective, times, gf, gdStates);
        if (options.Save is { } savePath)
        {
            Save(savePath, setup.Objective, options.Mode == "gf" ? (gf.Ode.OutputStates.Count > 0 ? gf.Ode.OutputStates[^1] : null) : gdStates?.LastOrDefault(x => x is not null));
        }
        Write(stdout, options.Mode, rows, gf, options.Json);
        // A diverged or failed run is shown (its rows say where it went wrong) but is not a result: exit 3, as in 'vd eval'.
        return failed ? ExitCodes.Inconclusive : ExitCodes.Ok;
    }

    private static Options Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("gf" or "gd"))
        {
            throw new UsageException("first argument must be 'gf' or 'gd'");
        }
        string? file = null;
        double? tEnd = null, rtol = null;
        int? steps = null;
        int points = 21;
        bool json = false, csv = false, lambda = false, compareGd = false;
        string? save = null;
        for (int i = 1; i < args.Length; i++)
        {
            string Next(string what) => i + 1 < args.Length ? args[++i] : throw new UsageException($"{args[i]} needs {what}");
            switch (args[i])
            {
                case "--instance": file = Next("a file"); break;
                case "--t": tEnd = PositiveDouble(Next("a time"), "--t"); break;
                case "--steps": steps = PositiveInt(Next("a count"), "--steps"); break;
                case "--rtol": rtol = PositiveDouble(Next("a tolerance"), "--rtol"); break;
                case "--points": points = PositiveInt(Next("a count"), "--points"); break;
                case "--json": json = true; break;
                case "--csv": csv = true; break;
                case "--lambda-min": lambda = true; break;
                case "--compare-gd": compareGd = true; break;
                case "--save": save = Next("a file"); break;
                default: throw new UsageException($"unknown option '{args[i]}'");
            }
        }
        if (json && csv)
        {
            throw new UsageException("--json and --csv are exclusive");
        }
        if (file is null)
        {
            throw new UsageException("--instance FILE is required");
        }
        if (tEnd is null == steps is null)
        {
            throw new UsageException("give exactly one of --t T and --steps K");
        }
        if (!File.Exists(file) && !Directory.Exists(file))
        {
            throw new UsageException($"cannot read instance file '{file}': it does not exist");
        }
        return new Options(args[0], file, tEnd, rtol, steps, Math.Max(2, points), json, lambda, compareGd, save);
    }

    private static Setup Load(Options options)
    {
        string text = StatementLookup.ReadInstanceFile(options.File);
        var instance = InstanceJson.Parse(text);
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
        return new Setup(objective, objective.Pack(instance.Network), eta, k, horizon);
    }

    /// <summary>Grid: GD step indices k_i (when eta is known) and their times k_i·η; otherwise an even time grid.</summary>
    private static (double[] Times, int[] GridSteps) Grid(Setup setup, int points)
    {
        var gridSteps = new int[points];
        var times = new double[points];
        for (int i = 0; i < points; i++)
        {
            if (setup.Eta is { } et && setup.Steps > 0)
            {
                gridSteps[i] = (int)Math.Round((double)i * setup.Steps / (points - 1));
                times[i] = gridSteps[i] * et;
            }
            else
            {
                times[i] = setup.Horizon * i / (points - 1);
            }
        }
        return ([.. times.Distinct()], [.. gridSteps.Distinct()]);
    }

    /// <summary>GD iterates at the grid's step indices (null entries past a divergence).</summary>
    private static double[][] Descend(Setup setup, double eta, int[] gridSteps, TextWriter stderr, ref bool failed)
    {
        var gdStates = new double[gridSteps.Length][];
        int next = 0;
        var (_, taken, diverged) = ObjectiveGradientDescent.Run(setup.Objective, setup.Theta0, eta, gridSteps[^1], (step, th) =>
        {
            while (next < gridSteps.Length && gridSteps[next] == step)
            {
                gdStates[next++] = (double[])th.Clone();
            }
            return true;
        });
        if (diverged)
        {
            stderr.WriteLine($"vd simulate: gradient descent diverged after {taken} steps (η = {eta.ToString("G6", CultureInfo.InvariantCulture)}): "
                + "the iterates left the floating-point range; the step size is too large for this instance (try a smaller eta)");
            failed = true;
        }
        return gdStates;
    }

    /// <summary>--save FILE: the last state of the trajectory shown, as an instance (dims and weights, row-major), for comparisons.</summary>
    private static void Save(string path, DeepLinearObjective objective, double[]? theta)
    {
        if (theta is null)
        {
            return;
        }
        var network = objective.Network(theta);
        var o = new JsonObject
        {
            ["dims"] = new JsonArray([.. objective.Dims.Select(d => (JsonNode)d)]),
            ["weights"] = new JsonArray([.. network.Weights.Select(w => (JsonNode)new JsonArray([.. w.ToRowArrays().Select(r => (JsonNode)new JsonArray([.. r.Select(x => (JsonNode)x)]))]))]),
        };
        File.WriteAllText(path, o.ToJsonString());
    }

    private static List<Row> Rows(Options options, DeepLinearObjective objective, double[] times, GradientFlowSolution gf, double[][]? gdStates)
    {
        var rows = new List<Row>();
        for (int i = 0; i < times.Length; i++)
        {
            double[]? gfTheta = i < gf.Ode.OutputStates.Count ? gf.Ode.OutputStates[i] : null;
            double[]? gdTheta = gdStates is not null && i < gdStates.Length ? gdStates[i] : null;
            var primary = options.Mode == "gf" ? gfTheta : gdTheta;
            if (primary is null)
            {
                break;
            }
            double? distance = gfTheta is not null && gdTheta is not null ? VectorOps.Distance(gfTheta, gdTheta) : null;
            double? lmin = options.Lambda ? LambdaMin(objective, primary) : null;
            rows.Add(new Row(times[i], objective.Value(primary), distance, gf.InvariantDrift(primary), lmin));
        }
        return rows;
    }

    /// <summary>Dense symmetric EVD of the Lemma 5 Hessian for d ≤ 400, Lanczos on exact HVPs above.</summary>
    private static double LambdaMin(DeepLinearObjective f, double[] theta) => f.Dimension <= 400
        ? Spectra.MinEigenvalue(ExactHessian.DeepLinear(f, theta))
        : Lanczos.MinEigenvalue(HessianVectorProduct.Operator(f, theta), f.Dimension).Value;

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A JSON number, or the string "Infinity"/"NaN" for a diverged value (JSON has no non-finite numbers).</summary>
    private static JsonNode? JsonNumber(double? x) => x is { } v ? VerifyDynamics.Harness.Certificates.CanonicalJson.Number(v) : null;

    private static void Write(TextWriter stdout, string mode, List<Row> rows, GradientFlowSolution gf, bool json)
    {
        if (json)
        {
            var o = new JsonObject
            {
                ["mode"] = mode,
                ["loss"] = "½‖W_{N:1} − Φ‖_F²",
                ["gradientFlow"] = new JsonObject
                {
                    ["outcome"] = gf.Ode.Outcome.ToString(),
                    ["message"] = gf.Ode.Message,
                    ["rtol"] = gf.Ode.Settings.Rtol,
                    ["atol"] = gf.Ode.Settings.Atol,
                    ["acceptedSteps"] = gf.Ode.Statistics.AcceptedSteps,
                    ["rejectedSteps"] = gf.Ode.Statistics.RejectedSteps,
                    ["functionEvaluations"] = gf.Ode.Statistics.FunctionEvaluations,
                },
                ["rows"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
                {
                    ["t"] = JsonNumber(r.Time),
                    ["loss"] = JsonNumber(r.Loss),
                    ["distanceGdGf"] = JsonNumber(r.Distance),
                    ["balancednessDrift"] = JsonNumber(r.Drift),
                    ["lambdaMin"] = JsonNumber(r.LambdaMin),
                })]),
            };
            stdout.WriteLine(o.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return;
        }
        stdout.WriteLine("t,loss,distance_gd_gf,balancedness_drift,lambda_min");
        foreach (var r in rows)
        {
            stdout.WriteLine(string.Join(",", F(r.Time), F(r.Loss), r.Distance is { } d ? F(d) : "", F(r.Drift), r.LambdaMin is { } l ? F(l) : ""));
        }
    }

    private static double PositiveDouble(string s, string option) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && double.IsFinite(v)
            ? v : throw new UsageException($"{option} must be a positive number, got '{s}'");

    private static int PositiveInt(string s, string option) =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0
            ? v : throw new UsageException($"{option} must be a positive integer, got '{s}'");
}
