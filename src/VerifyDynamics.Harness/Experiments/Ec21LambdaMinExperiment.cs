using System.Globalization;
using System.Text;
using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Certificates;

namespace VerifyDynamics.Harness.Experiments;

/// <summary>
/// EC21 Proposition 8 along one gradient-flow trajectory: λ_min(∇²f(θ(t))) against the bound (14)
/// −(n−1)√min{d_0,d_n}‖∇φ(W_{n:1})‖_F‖W_{n:1}‖_s^{1−2/n} − cε^{1−2/n}, c = (4n(n−1)/(4n)^{2/n})√min{d_0,d_n}‖∇φ‖_F
/// ·max{1, max_j‖W_j‖_s}^{2(n−2)}, for a deep linear network with φ(W) = ½‖W − Φ‖_F² from θ_s = ε·g/‖g‖, ‖θ_s‖ = ε ≤ 1/(2n).
/// The statement's own check (EC21.Prop8) samples a few times per trajectory; this writes the whole curve for the report.
/// Flow: Core DOP853 validated by a 100× tighter run (the deviation is written as <c>ode_deviation</c>); Hessian: exact
/// (<see cref="ExactHessian.DeepLinear"/>), symmetric eigen-decomposition. Columns: t, lambda_min, lambda_min_bound,
/// loss, ode_deviation. Options: --depth n (3), --width (3), --d0 (3), --dn (2), --fraction ε·2n (1), --t (8), --points (161).
/// </summary>
public sealed class Ec21LambdaMinExperiment : IExperiment
{
    public string Name => "ec21-lambda-min";

    public string Description => "EC21 Prop 8: λ_min of the Hessian along one gradient-flow trajectory of a deep linear net from near-zero init, against the bound (14)";

    public IReadOnlyList<string> Options { get; } = ["depth", "width", "d0", "dn", "points", "t", "fraction"];

    public ExperimentResult Run(ExperimentOptions options, TextWriter log)
    {
        int n = options.PositiveInt("depth", 3), width = options.PositiveInt("width", 3), d0 = options.PositiveInt("d0", 3), dn = options.PositiveInt("dn", 2);
        int points = options.PositiveInt("points", options.Quick ? 17 : 161);
        double tEnd = options.PositiveDouble("t", options.Quick ? 4 : 8), fraction = options.PositiveDouble("fraction", 1);
        if (n < 2 || width < 1 || d0 < 1 || dn < 1 || points < 2 || !(tEnd > 0) || !(fraction > 0 && fraction <= 1))
        {
            throw new ArgumentException("need --depth ≥ 2, --width/--d0/--dn ≥ 1, --points ≥ 2, --t > 0 and 0 < --fraction ≤ 1");
        }
        var rng = new Rng(options.Seed.Split("ec21-lambda-min"));
        int[] dims = [d0, .. Enumerable.Repeat(width, n - 1), dn];
        var target = rng.GaussianMatrix(dn, d0);
        var objective = DeepLinearObjective.ForTarget(dims, target);
        double epsilon = fraction / (2 * n);
        var direction = SequentialBuild.Vector(objective.Dimension, _ => rng.NextGaussian());
        var theta0 = (direction * (epsilon / direction.L2Norm())).ToArray();
        log.WriteLine($"ec21-lambda-min: dims [{string.Join(",", dims)}], ε = {epsilon:G4} (= {fraction:G3}/(2n)), t ∈ [0, {tEnd:G4}], {points} points");
        var flow = GradientFlow.SolveValidated(objective, theta0, tEnd);
        if (!flow.Succeeded)
        {
            throw new InvalidOperationException($"gradient flow failed: {flow.Ode.Outcome}");
        }
        double deviation = flow.ThetaTolerance().Absolute;
        double rootMinDim = Math.Sqrt(Math.Min(d0, dn));
        var csv = new StringBuilder("t,lambda_min,lambda_min_bound,loss,ode_deviation\n");
        double worst = double.PositiveInfinity;
        for (int i = 0; i < points; i++)
        {
            double t = tEnd * i / (points - 1);
            var theta = i == 0 ? theta0 : flow.Theta(t);
            var network = objective.Network(theta);
            var endToEnd = network.EndToEnd();
            double gradPhi = (endToEnd - target).FrobeniusNorm();
            double maxLayer = Math.Max(1, network.Weights.Max(MatrixMeasures.Spectral));
            double c = 4.0 * n * (n - 1) / Math.Pow(4.0 * n, 2.0 / n) * rootMinDim * gradPhi * Math.Pow(maxLayer, 2.0 * (n - 2));
            double bound = -(n - 1) * rootMinDim * gradPhi * Math.Pow(MatrixMeasures.Spectral(endToEnd), 1 - 2.0 / n) - c * Math.Pow(epsilon, 1 - 2.0 / n);
            double lambdaMin = Spectra.MinEigenvalue(ExactHessian.DeepLinear(objective, theta));
            worst = Math.Min(worst, lambdaMin - bound);
            csv.Append(CultureInfo.InvariantCulture, $"{t:R},{lambdaMin:R},{bound:R},{objective.Value(theta):R},{deviation:R}\n");
        }
        Directory.CreateDirectory(options.OutputDirectory);
        string path = Path.Combine(options.OutputDirectory, "lambda-min.csv");
        AtomicFile.WriteAllText(path, csv.ToString());
        string summary = $"min over the curve of λ_min − bound (14) = {worst:G4} ({(worst >= 0 ? "the bound holds at every point" : "VIOLATED somewhere: compare with vd check EC21.Prop8")}); ODE deviation {deviation:G2}";
        log.WriteLine(summary);
        return new ExperimentResult([path], summary);
    }
}
