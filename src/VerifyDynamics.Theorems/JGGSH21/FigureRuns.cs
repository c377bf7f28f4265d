using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// A cost C on n_L×n_0 matrices (Core's <see cref="IMatrixCost"/>: matrix completion, MSE) seen as the end-to-end loss φ of
/// Core's <see cref="DeepLinearObjective"/>, so that JGGSH21's figures run on Core's allocation-free deep-linear kernel.
/// </summary>
public sealed class MatrixCostLoss(IMatrixCost cost) : IEndToEndLoss
{
    public IMatrixCost Cost { get; } = cost;

    /// <summary>
    /// C(W). For MSE the kernel asks for the value at every gradient evaluation; the direct form (1/N)‖WX − Y‖² multiplies by the
    /// n_0×N data matrix (MathNet may split that product over threads), so it is evaluated as C_min + Tr(DΣ_xxDᵀ), D = W − A_LS
    /// (Core's <see cref="MeanSquaredError.Excess"/> in statistics form: a PSD quadratic form of D, no cancellation against ‖Y‖²).
    /// </summary>
    public double Value(Matrix<double> w)
    {
        if (Cost is not MeanSquaredError mse)
        {
            return Cost.Value(w);
        }
        var ls = mse.LeastSquares;
        var sxx = mse.SigmaXX;
        int rows = w.RowCount, cols = w.ColumnCount;
        double sum = 0;
        var d = new double[cols];
        for (int i = 0; i < rows; i++)
        {
            for (int k = 0; k < cols; k++)
            {
                d[k] = w[i, k] - ls[i, k];
            }
            for (int k = 0; k < cols; k++)
            {
                double acc = 0;
                for (int l = 0; l < cols; l++)
                {
                    acc += sxx[k, l] * d[l];
                }
                sum += d[k] * acc;
            }
        }
        return mse.Minimum + sum;
    }

    public Matrix<double> Gradient(Matrix<double> w) => Cost.Gradient(w);

    public Matrix<double> HessianApply(Matrix<double> w, Matrix<double> dw) => Cost.HessianVectorProduct(w, dw);
}

/// <summary>
/// JGGSH21's regularized objective C^NN_{L,λ}(θ) = C(A_θ) + λ‖θ‖² (Sec 2, L58) on Core's <see cref="DeepLinearObjective"/>:
/// value, gradient, HVP and exact Hessian are Core's plus the ridge terms λ‖θ‖², 2λθ, 2λv, 2λI.
/// </summary>
public sealed class RidgeDeepLinear(DeepLinearObjective inner, double lambda) : IDifferentiableObjective
{
    public DeepLinearObjective Inner { get; } = inner;
    public double Lambda { get; } = lambda;
    public int Dimension => Inner.Dimension;

    public double Value(double[] theta) => Inner.Value(theta) + Lambda * VectorOps.Dot(theta, theta);

    public double[] Gradient(double[] theta) => VectorOps.AddScaled(Inner.Gradient(theta), 2 * Lambda, theta);

    public double[] HessianVectorProduct(double[] theta, double[] v) => VectorOps.AddScaled(Inner.HessianVectorProduct(theta, v), 2 * Lambda, v);

    public Matrix<double> Hessian(double[] theta)
    {
        var h = ExactHessian.DeepLinear(Inner, theta);
        for (int i = 0; i < h.RowCount; i++)
        {
            h[i, i] += 2 * Lambda;
        }
        return h;
    }

    public double HessianRoundingBound(double[] theta) => throw new NotSupportedException("no rounding bound for the ridge objective");

    public double[] Invariants(double[] theta) => [];

    public Matrix<double> EndToEnd(double[] theta) => Inner.Network(theta).EndToEnd();
}

/// <summary>
/// Paper-specific constructions of JGGSH21 Fig 1 (saddle-to-saddle rank staircase on matrix completion) and Fig 3 / Fig 5
/// (L2-regularized minima selected by the initialization scale), shared by the statements Fig1/Fig3 and the experiments
/// jggsh21-saddles / jggsh21-l2-minima. Numerics are Core's: gradient flow by <see cref="OdeSolver"/> (DOP853) on
/// <see cref="GradientFlow.Problem"/>, gradient descent as fixed Euler steps of the same solver, exact Hessians by
/// <see cref="ExactHessian"/> and symmetric eigenvalues by <see cref="Spectra"/>.
/// </summary>
public static class FigureRuns
{
    /// <summary>App A's rank tolerance: singular values below 10^{−4} count as zero.</summary>
    public const double RankThreshold = 1e-4;

    /// <summary>The lazy per-weight scale σ̃ = w^{−(L−1)/(2L)} (Sec 3.1, L106, catalog erratum).</summary>
    public static double LazyScale(int width, int depth) => Math.Pow(width, -(depth - 1) / (2.0 * depth));

    /// <summary>n_L×n_0 rectangular (L, w)-DLN dims.</summary>
    public static int[] Dims(int n0, int nL, int depth, int width) => [n0, .. Enumerable.Repeat(width, depth - 1), nL];

    /// <summary>θ with i.i.d. N(0, σ̃²) entries drawn from <paramref name="rng"/>.</summary>
    public static double[] GaussianInit(Rng rng, int count, double sigma) => [.. Enumerable.Range(0, count).Select(_ => sigma * rng.NextGaussian())];

    /// <summary><paramref name="count"/> log-spaced times from <paramref name="t0"/> to <paramref name="tEnd"/>.</summary>
    public static double[] LogTimes(double t0, double tEnd, int count) =>
        [.. Enumerable.Range(0, count).Select(i => t0 * Math.Pow(tEnd / t0, i / (double)(count - 1)))];

    // ---------------------------------------------------------------- Fig 1

    /// <summary>
    /// Fig 1's task (n×n, rank r; the paper leaves teacher and N unstated, catalog choice): teacher A* = UVᵀ/√r with U, V ∈
    /// R^{n×r} i.i.d. N(0, 1); <paramref name="observed"/> distinct entries drawn uniformly; test = the unobserved entries.
    /// </summary>
    public static MatrixCompletion Completion(Rng rng, int n, int rank, int observed)
    {
        var teacher = rng.GaussianMatrix(n, rank) * rng.GaussianMatrix(rank, n) / Math.Sqrt(rank);
        var cells = Enumerable.Range(0, n * n).ToList();
        var omega = new List<(int, int)>();
        for (int i = 0; i < observed; i++)
        {
            int j = rng.NextInt(0, cells.Count - 1);
            omega.Add((cells[j] / n, cells[j] % n));
            cells.RemoveAt(j);
        }
        return new MatrixCompletion(teacher, omega);
    }

    /// <summary>One sample of a Fig 1 curve: time, train cost, test cost (unobserved entries), rank_τ(A), ‖∇C^NN‖.</summary>
    public sealed record Sample(double Time, double Train, double Test, int Rank, double GradientNorm);

    /// <summary>A sampled gradient-flow run from αθ_0, validated by a re-run at tolerances /100 (max-norm deviation of θ at the samples).</summary>
    public sealed record FlowRun(double Alpha, Sample[] Samples, double Deviation, int Evaluations, bool Succeeded);

    /// <summary>
    /// Gradient flow of C(A_θ) from θ(0) = αθ_0 by Core's DOP853, recorded at <paramref name="times"/> (dense output at those
    /// times only: the paper-size network has 22,000 parameters), solved twice (rtol, rtol/100) for the deviation.
    /// atol = rtol·10^{−2}·‖θ(0)‖_∞: far below the size of the initialization.
    /// </summary>
    public static FlowRun Flow(MatrixCompletion cost, int depth, int width, double[] theta0, double alpha, double[] times, double rtol, int maxSteps = 400_000)
    {
        // The completion cost is itself the end-to-end loss (Core evaluates it in place: IInPlaceEndToEndLoss).
        var objective = new DeepLinearObjective(Dims(cost.Columns, cost.Rows, depth, width), cost);
        var start = VectorOps.Scale(alpha, theta0);
        double atol = rtol * 1e-2 * start.Max(Math.Abs);
        var settings = new OdeSettings(rtol, atol, MaxSteps: maxSteps, StoreDenseOutput: false, StoreStates: false, OutputTimes: times);
        // The run and its validating re-run are independent: solved concurrently when the trial may use more than one thread.
        var solved = TrialParallelism.Map(2, i => OdeSolver.Solve(GradientFlow.Problem(objective, start, times[^1]), i == 0 ? settings : settings.Tightened(100)));
        var (loose, tight) = (solved[0], solved[1]);
        bool ok = loose.Succeeded && tight.Succeeded && tight.OutputStates.Count == times.Length && loose.OutputStates.Count == times.Length;
        double deviation = ok ? loose.OutputStates.Zip(tight.OutputStates).Max(p => p.First.Zip(p.Second).Max(q => Math.Abs(q.First - q.Second))) : double.NaN;
        var samples = ok
            ? tight.OutputStates.Select((th, i) =>
            {
                var a = objective.Network(th).EndToEnd();
                return new Sample(times[i], cost.Value(a), cost.UnobservedError(a), SchattenQuasinorm.Rank(a, RankThreshold), VectorOps.Norm(objective.Gradient(th)));
            }).ToArray()
            : [];
        return new FlowRun(alpha, samples, deviation, loose.Statistics.FunctionEvaluations + tight.Statistics.FunctionEvaluations, ok);
    }

    /// <summary>The ranks visited in order (consecutive duplicates removed) and the first sample time of each.</summary>
    public static (int[] Ranks, double[] Times) RanksVisited(IReadOnlyList<Sample> samples)
    {
        var ranks = new List<int>();
        var at = new List<double>();
        foreach (var s in samples)
        {
            if (ranks.Count == 0 || ranks[^1] != s.Rank)
            {
                ranks.Add(s.Rank);
                at.Add(s.Time);
            }
        }
        return ([.. ranks], [.. at]);
    }

    /// <summary>
    /// The bracket (t_{i−1}, t_i] of the first sample with train cost ≤ <paramref name="level"/> (gradient flow never raises the cost,
    /// so the crossing lies inside it); null when never reached.
    /// </summary>
    public static (double Lo, double Hi)? Crossing(IReadOnlyList<Sample> samples, double level)
    {
        for (int i = 0; i < samples.Count; i++)
        {
            if (samples[i].Train <= level)
            {
                return (i == 0 ? 0 : samples[i - 1].Time, samples[i].Time);
            }
        }
        return null;
    }

    /// <summary>
    /// Algorithm A's stage costs (the saddle values C(A_ϑ^k), L190–202, sign-fixed as in <see cref="GreedyRankAlgorithm"/>), stage k a
    /// width-k network grown from ε along the top singular pair of ∇C and trained by GD (rate η, at most T steps, stopped at ‖∇‖ ≤ 10^{−9}).
    /// </summary>
    public static double[] SaddleValues(MatrixCompletion cost, int depth, int stages, double epsilon = 0.02, double eta = 0.2, int maxSteps = 200_000) =>
        [.. GreedyRankAlgorithm.Run(cost, depth, epsilon, eta, maxSteps, 1e-9, stages).Select(s => s.Cost)];

    // ---------------------------------------------------------------- Fig 3

    /// <summary>A regression task: the noiseless teacher W_T, the training cost (noisy outputs) and the test cost (noiseless outputs).</summary>
    public sealed record Regression(Matrix<double> Teacher, MeanSquaredError Train, MeanSquaredError Test);

    /// <summary>
    /// App A's regression task of Fig 3: W_T = W_0W_0ᵀ, W_0 ∈ R^{n×r} i.i.d. N(0, <paramref name="w0Std"/>²) (1.5 in the paper), training
    /// outputs from W_T + E (E i.i.d. N(0, <paramref name="noise"/>²)), test outputs from W_T, isotropic Gaussian inputs; MSE (1/N)‖AX − Y‖².
    /// </summary>
    public static Regression NoisyLowRank(Rng rng, int n, int rank, double w0Std, double noise, int train, int test)
    {
        var w0 = rng.GaussianMatrix(n, rank, w0Std);
        var teacher = w0 * w0.Transpose();
        var e = rng.GaussianMatrix(n, n, noise);
        var x = rng.GaussianMatrix(n, train);
        var xt = rng.GaussianMatrix(n, test);
        return new Regression(teacher, new MeanSquaredError(x, (teacher + e) * x), new MeanSquaredError(xt, teacher * xt));
    }

    public static RidgeDeepLinear Ridge(IMatrixCost cost, int depth, int width, double lambda) =>
        new(new DeepLinearObjective(Dims(cost.Columns, cost.Rows, depth, width), new MatrixCostLoss(cost)), lambda);

    /// <summary>
    /// Morse–Bott local-minimum certificate at θ (catalog §0): dense exact Hessian of C^NN_{L,λ}; kernel = eigenvalues with |μ| ≤ threshold
    /// (max(10^{−7}, γ_P·P)·‖H‖, the symmetric eigensolver's backward error); for hidden rank k the rotation orbit has dimension
    /// d_orb = (L−1)[w(w−1)/2 − (w−k)(w−k−1)/2]. A local minimum: ‖∇‖ small, no eigenvalue below −threshold, and exactly d_orb in the kernel
    /// (the (d_orb+1)-th smallest eigenvalue above the threshold: positive definite on the normal space of the orbit).
    /// </summary>
    public sealed record LocalMinimum(double GradientNorm, double MinEigenvalue, double FirstNormalEigenvalue, int KernelDimension, int OrbitDimension, double Threshold)
    {
        public bool Holds(double gradientTolerance) =>
            GradientNorm <= gradientTolerance && MinEigenvalue >= -Threshold && KernelDimension == OrbitDimension && FirstNormalEigenvalue > Threshold;
    }

    public static LocalMinimum Certify(RidgeDeepLinear f, double[] theta, int hiddenRank, int width)
    {
        var h = Spectra.Symmetrized(f.Hessian(theta));
        var eig = Spectra.SymmetricEigenvalues(h).OrderBy(v => v).ToArray();
        double norm = eig.Max(Math.Abs);
        double threshold = Math.Max(1e-7, Tolerance.Gamma(h.RowCount) * h.RowCount) * norm;
        int depth = f.Inner.Depth;
        int orbit = (depth - 1) * (width * (width - 1) / 2 - (width - hiddenRank) * (width - hiddenRank - 1) / 2);
        int kernel = eig.Count(v => Math.Abs(v) <= threshold);
        return new LocalMinimum(VectorOps.Norm(f.Gradient(theta)), eig[0], orbit < eig.Length ? eig[orbit] : double.PositiveInfinity, kernel, orbit, threshold);
    }

    /// <summary>One converged network of Fig 3 / Fig 5.</summary>
    public sealed record L2Minimum(double Sigma, int Seed, double[] Theta, int Rank, double Nuclear, double Train, double Test, double CostNN, double GradientNorm, long Steps, bool Converged);

    /// <summary>Explicit Euler as a one-stage tableau of Core's solver: a fixed step h of gradient flow is exactly a GD step of rate h.</summary>
    public static ExplicitTableau GradientDescentTableau { get; } = new("explicit Euler (gradient descent)", 1, [0.0], [[]], [1.0], 1.0);

    /// <summary>
    /// Gradient descent θ ← θ − η∇C^NN_{L,λ}(θ) (App A trains by GD) from θ_0, run as fixed Euler steps h = η of Core's
    /// <see cref="OdeSolver"/> on Core's allocation-free deep-linear kernel plus the ridge term, until ‖∇‖ ≤
    /// <paramref name="gradientTolerance"/> (checked every 100 steps) or <paramref name="maxSteps"/>.
    /// </summary>
    public static L2Minimum Train(RidgeDeepLinear f, Regression task, double[] theta0, double sigma, int seed, double eta, long maxSteps, double gradientTolerance)
    {
        var kernel = f.Inner.CreateKernel();
        double twoLambda = 2 * f.Lambda;
        void F(double t, double[] y, double[] dy)
        {
            kernel.NegativeGradient(y, dy);
            for (int i = 0; i < dy.Length; i++)
            {
                dy[i] -= twoLambda * y[i];
            }
        }
        long steps = 0;
        bool converged = false;
        var probe = new double[theta0.Length];
        var run = OdeSolver.Solve(new OdeProblem(F, 0, (double[])theta0.Clone(), eta * maxSteps, "jggsh21 ridge gradient descent"),
            new OdeSettings(FixedSteps: (int)maxSteps, Tableau: GradientDescentTableau, StoreDenseOutput: false, StoreStates: false),
            (t, y) =>
            {
                steps++;
                if (steps % 100 != 0)
                {
                    return true;
                }
                F(t, y, probe);
                converged = VectorOps.Norm(probe) <= gradientTolerance;
                return !converged && VectorOps.AllFinite(y);
            });
        var theta = run.FinalState;
        var a = f.EndToEnd(theta);
        return new L2Minimum(sigma, seed, theta, SchattenQuasinorm.Rank(a, RankThreshold), SchattenQuasinorm.Nuclear(a), task.Train.Value(a), task.Test.Value(a),
            f.Value(theta), VectorOps.Norm(f.Gradient(theta)), steps, converged);
    }
}
