using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Theorems;
using VerifyDynamics.Theorems.ACGH19;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Harness.Experiments;

/// <summary>
/// ACGH19 Theorem 1 over the whole horizon T(ε) of Eq. (8), ε = 10⁻⁶·ℓ(0), at widths and depths beyond the default generator's:
/// scalar regression (d_N = 1) with d_0 up to 64 and N up to 4, a column target, and linear residual networks (W_j(0) = I,
/// ‖Φ − I‖_F = 0.1). Each instance is checked by the statement's own conclusion (every step: envelope (13) and contraction (12)
/// in exponents; σ_min ≥ c on a stride; ℓ(T) ≤ ε), and the balancedness of Lemma 2 is recorded at 0 and T with the drift bound
/// (36)/(37) evaluated on the run's Σ‖G(t)‖². Writes <c>results.csv</c> (one row per instance), <c>curves.csv</c> (ℓ(t) against
/// the envelope, geometrically sampled) and <c>results.json</c> (the same rows and the SHA-256 of both CSV files, sealed).
/// </summary>
public sealed class Acgh19Thm1Experiment : IExperiment
{
    public string Name => "acgh19-thm1";

    public string Description => "ACGH19 Thm 1 over the full T(ε), ε = 1e-6·ℓ(0): scalar regression up to d_0 = 64, N = 4, column target, residual networks";

    public IReadOnlyList<string> Options => ["eps-ratio"];

    private sealed record Spec(string Name, Func<Rng, ConstantValues, double, Instance> Build);

    private static IReadOnlyList<Spec> Specs(bool quick) => quick
        ?
        [
            new("row d0=4 N=1", (rng, k, e) => PaperScaleInstances.Vector(rng, k, column: false, d: 4, hidden: 1, n: 1, scale: 1, rho: 0.05, marginFraction: 0.99, epsRatio: e)),
            new("residual d=2 N=1", (rng, k, e) => PaperScaleInstances.Residual(rng, k, d: 2, n: 1, r: 0.1, marginFraction: 0.99, epsRatio: e)),
        ]
        :
        [
            new("row d0=16 h=16 N=2", (rng, k, e) => PaperScaleInstances.Vector(rng, k, column: false, d: 16, hidden: 16, n: 2, scale: 1, rho: 0.1, marginFraction: 0.99, epsRatio: e)),
            new("row d0=64 h=32 N=2", (rng, k, e) => PaperScaleInstances.Vector(rng, k, column: false, d: 64, hidden: 32, n: 2, scale: 3, rho: 0.1, marginFraction: 0.99, epsRatio: e)),
            new("row d0=16 h=16 N=3", (rng, k, e) => PaperScaleInstances.Vector(rng, k, column: false, d: 16, hidden: 16, n: 3, scale: 1, rho: 0.1, marginFraction: 0.99, epsRatio: e)),
            new("column dN=16 h=16 N=3", (rng, k, e) => PaperScaleInstances.Vector(rng, k, column: true, d: 16, hidden: 16, n: 3, scale: 0.5, rho: 0.1, marginFraction: 0.99, epsRatio: e)),
            new("row d0=32 h=16 N=4", (rng, k, e) => PaperScaleInstances.Vector(rng, k, column: false, d: 32, hidden: 16, n: 4, scale: 1, rho: 0.1, marginFraction: 0.99, epsRatio: e)),
            new("residual d=4 N=2", (rng, k, e) => PaperScaleInstances.Residual(rng, k, d: 4, n: 2, r: 0.1, marginFraction: 0.99, epsRatio: e)),
            new("residual d=2 N=3", (rng, k, e) => PaperScaleInstances.Residual(rng, k, d: 2, n: 3, r: 0.1, marginFraction: 0.99, epsRatio: e)),
        ];

    private static readonly string[] Columns =
    [
        "instance", "family", "dims", "N", "phi_F", "c", "eta", "kappa", "T", "eps_over_l0", "l_T", "l_T_over_eps", "printed_over_attained_rate",
        "share_of_T_needed", "envelope_utilization", "contraction_utilization", "sigma_utilization", "imbalance_0", "imbalance_T", "delta",
        "drift_bound_over_delta", "hypotheses", "holds",
    ];

    public ExperimentResult Run(ExperimentOptions options, TextWriter log)
    {
        var statement = Catalog.Get("ACGH19.Thm1");
        var k = statement.DefaultConstants();
        double epsRatio = options.PositiveDouble("eps-ratio", 1e-6);
        if (epsRatio >= 1)
        {
            throw new ArgumentException($"--eps-ratio must be below 1, got {epsRatio}");
        }
        var csv = new StringBuilder(string.Join(',', Columns) + "\n");
        var curves = new StringBuilder("instance,t,loss,envelope\n");
        var rows = new JsonArray();
        var summary = new StringBuilder();
        foreach (var spec in Specs(options.Quick))
        {
            var rng = new Rng(options.Seed.Split("acgh19-thm1/" + spec.Name));
            var x = spec.Build(rng, k, epsRatio);
            var check = statement.Hypotheses.Validate(x, k);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var set = statement.Conclusion(x, k, Precision.Standard);
            double seconds = started.Elapsed.TotalSeconds;
            var row = Row(spec.Name, x, k, set, check);
            csv.AppendJoin(',', Columns.Select(c => Format(row[c]))).Append('\n');
            rows.Add(new JsonObject(Columns.Select(c => KeyValuePair.Create(c, (JsonNode?)Json(row[c])))));
            foreach (var trace in set.Traces)
            {
                for (int i = 0; i < trace.X.Count; i++)
                {
                    curves.Append(CultureInfo.InvariantCulture, $"\"{spec.Name}\",{trace.X[i]:R},{trace.Lhs[i]:R},{trace.Rhs[i]:R}\n");
                }
            }
            string line = string.Create(CultureInfo.InvariantCulture,
                $"{spec.Name}: T(ε) = {row["T"]}, ℓ(T)/ε = {(double)row["l_T_over_eps"]:G3}, printed/attained rate = {(double)row["printed_over_attained_rate"]:G3}, "
                + $"drift bound/δ = {(double)row["drift_bound_over_delta"]:G3}, {(set.AllHold && check.Satisfied ? "holds" : "DOES NOT HOLD")} ({seconds:F1} s)\n");
            log.Write(line);
            summary.Append(line);
        }
        Directory.CreateDirectory(options.OutputDirectory);
        string resultsCsv = Path.Combine(options.OutputDirectory, "results.csv");
        string curvesCsv = Path.Combine(options.OutputDirectory, "curves.csv");
        string resultsJson = Path.Combine(options.OutputDirectory, "results.json");
        var document = new JsonObject
        {
            ["experiment"] = Name,
            ["statement"] = "ACGH19.Thm1",
            ["seed"] = options.Seed.ToString(),
            ["quick"] = options.Quick,
            ["epsRatio"] = epsRatio,
            ["instances"] = rows,
            ["files"] = new JsonObject
            {
                ["results.csv"] = CanonicalJson.Sha256Hex(csv.ToString()),
                ["curves.csv"] = CanonicalJson.Sha256Hex(curves.ToString()),
            },
        };
        AtomicFile.WriteAllText(resultsCsv, csv.ToString());
        AtomicFile.WriteAllText(curvesCsv, curves.ToString());
        AtomicFile.WriteAllText(resultsJson, CanonicalJson.Seal(document));
        return new ExperimentResult([resultsCsv, curvesCsv, resultsJson], summary.ToString());
    }

    private static Dictionary<string, object> Row(string name, Instance x, ConstantValues k, MarginSet set, HypothesesCheck check)
    {
        var net = x.Network;
        var phi = x.RequireTarget;
        int n = net.Depth;
        double phiF = phi.FrobeniusNorm(), c = x.Scalar("c"), eta = x.RequireEta;
        double Obs(string key) => set.Observations is { } o && o.TryGetValue(key, out double v) ? v : double.NaN;
        double Util(string prefix) => set.Margins.FirstOrDefault(m => m.Name.StartsWith(prefix, StringComparison.Ordinal))?.Utilization ?? double.NaN;
        double delta = TheoremOneSetting.DeltaStar(c, n, phiF, k);
        // (36)/(37): 4(2‖Φ‖_F)^{2(N−1)/N}·η²·Σ_t‖G(t)‖_F² with ‖G‖_F² = 2ℓ, against δ.
        double drift = 4 * Math.Pow(2 * phiF, 2.0 * (n - 1) / n) * eta * eta * 2 * Obs("Σ_{t≤T} ℓ(t)");
        return new Dictionary<string, object>
        {
            ["instance"] = name,
            ["family"] = x.Family,
            ["dims"] = string.Join('-', net.Dims),
            ["N"] = n,
            ["phi_F"] = phiF,
            ["c"] = c,
            ["eta"] = eta,
            ["kappa"] = Obs("κ"),
            ["T"] = Obs("T(ε)"),
            ["eps_over_l0"] = Obs("ε") / Obs("ℓ(0)"),
            ["l_T"] = Obs("ℓ(T)"),
            ["l_T_over_eps"] = Obs("ℓ(T)") / Obs("ε"),
            ["printed_over_attained_rate"] = Obs("printed rate / attained rate"),
            ["share_of_T_needed"] = Util("(8) in exponents"),
            ["envelope_utilization"] = Util("envelope (13)"),
            ["contraction_utilization"] = Util("(12) per step"),
            ["sigma_utilization"] = Util("σ_min(W(t))"),
            ["imbalance_0"] = Obs("max_j imbalance at 0"),
            ["imbalance_T"] = Obs("max_j imbalance at T"),
            ["delta"] = delta,
            ["drift_bound_over_delta"] = drift / delta,
            ["hypotheses"] = check.Satisfied ? "satisfied" : "FAILED: " + check.Failed,
            ["holds"] = set.AllHold && !set.AnyUncomputable,
        };
    }

    private static string Format(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => s.Contains(',', StringComparison.Ordinal) || s.Contains(' ', StringComparison.Ordinal) ? $"\"{s}\"" : s,
        _ => value.ToString() ?? "",
    };

    private static JsonNode Json(object value) => value switch
    {
        double d => CanonicalJson.Number(d),
        int i => JsonValue.Create(i),
        bool b => JsonValue.Create(b),
        _ => JsonValue.Create(value.ToString() ?? ""),
    };
}
