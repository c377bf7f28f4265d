using System.Text.RegularExpressions;
using Xunit;

namespace VerifyDynamics.Theorems.Tests.Registry;

/// <summary>
/// Paper folders (src/VerifyDynamics.Theorems/&lt;PAPER&gt;/) keep statements and paper-specific constructions; integrators and
/// network models live in Core. A source scan (comments stripped) flags, in a paper folder:
/// <list type="bullet">
/// <item>a declared type or method whose name says integrator (Rk4, RungeKutta, Integrator, Dop853, Dopri, Tableau, StepHalving);</item>
/// <item>a Runge–Kutta stage combination written out (the step h times a stage vector k1..k4 in one statement);</item>
/// <item>a forward/backward pass or HVP implemented here (a method named Forward, Backward, Backprop, Gradients,
/// HessianVectorProduct, Hvp with a block body containing a loop; a one-line delegation to Core is fine);</item>
/// <item>a Hessian assembled here (a method whose name contains Hessian, with a block body containing two or more loops);</item>
/// <item>binomial confidence bounds computed here (a Beta quantile, Beta.InvCDF/BetaQuantile, or a method named ClopperPearson with a
/// block body; Core.Statistics.ClopperPearson is the one implementation).</item>
/// </list>
/// Statements (margins, closed forms such as EC21 Eq. 12/16 written out literally) are not flagged. Files still waiting for their
/// paper's migration are listed in <see cref="Pending"/> with the reason; an entry that no longer offends fails too (no stale list).
/// </summary>
public sealed class PaperFolderNumericsTests
{
    /// <summary>
    /// Files not yet migrated to Core (issue 11 item 1), each with what it still defines. Empty since JGGSH21's integrators,
    /// HVP/Hessian and Clopper–Pearson moved to Core (EmbeddedRungeKutta, StepDoubling, RungeKuttaStepper, HessianVectorProduct,
    /// ExactHessian, Statistics.ClopperPearson): any finding in a paper folder now fails <see cref="PaperFolders_DefineNoIntegratorOrNetworkModel"/>.
    /// </summary>
    private static readonly Dictionary<string, string> Pending = new(StringComparer.Ordinal);

    private static readonly string[] Papers = ["ACGH19", "EC21", "JGGSH21"];

    private static readonly Regex IntegratorName = new(@"(Rk4|RungeKutta|Integrator|Dop853|Dopri|Tableau|StepHalving)", RegexOptions.Compiled);
    private static readonly Regex TypeDeclaration = new(@"\b(class|record|struct|interface)\s+(\w+)", RegexOptions.Compiled);
    private static readonly Regex MethodDeclaration = new(@"^\s*((public|private|internal|protected|static|readonly|override|sealed|async)\s+)+[\w<>\[\],.?() ]*?\b(\w+)\s*(<[^>()]*>)?\s*\(", RegexOptions.Compiled);
    // A stage combination: the step h times a stage vector k1..k4 in one statement (y + (h/2)·k1, h·a21·k1[i], h/6·(k1 + 2k2 …)).
    private static readonly Regex Stage = new(@"\bh\b[^;\n]{0,40}\bk[1-4]\b", RegexOptions.Compiled);
    private static readonly Regex BetaQuantile = new(@"\b(Beta\.InvCDF|BetaQuantile)\b", RegexOptions.Compiled);
    private static readonly Regex Loop = new(@"\b(for|foreach|while)\s*\(", RegexOptions.Compiled);
    private static readonly HashSet<string> PassNames = ["Forward", "ForwardPass", "Backward", "Backprop", "BackPropagate", "Backpropagate", "Gradients", "HessianVectorProduct", "Hvp"];

    /// <summary>The findings for one source file ("line: what: code").</summary>
    public static List<string> Scan(string source)
    {
        var lines = StripComments(source).Split('\n');
        var findings = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            foreach (Match t in TypeDeclaration.Matches(line))
            {
                if (IntegratorName.IsMatch(t.Groups[2].Value))
                {
                    findings.Add($"{i + 1}: integrator type: {line.Trim()}");
                }
            }
            if (Stage.IsMatch(line))
            {
                findings.Add($"{i + 1}: Runge–Kutta stage: {line.Trim()}");
            }
            if (BetaQuantile.IsMatch(line))
            {
                findings.Add($"{i + 1}: binomial confidence bound computed here: {line.Trim()}");
            }
            var m = MethodDeclaration.Match(line);
            if (!m.Success || TypeDeclaration.IsMatch(line) || line.Contains(" new(", StringComparison.Ordinal) || line.Contains("= new", StringComparison.Ordinal))
            {
                continue;
            }
            string name = m.Groups[3].Value;
            string body = Body(lines, i);
            int loops = Loop.Count(body);
            if (IntegratorName.IsMatch(name))
            {
                findings.Add($"{i + 1}: integrator method: {line.Trim()}");
            }
            else if (PassNames.Contains(name) && loops > 0)
            {
                findings.Add($"{i + 1}: network pass implemented here: {line.Trim()}");
            }
            else if (name.Contains("Hessian", StringComparison.Ordinal) && loops >= 2)
            {
                findings.Add($"{i + 1}: Hessian assembled here: {line.Trim()}");
            }
            else if (name.Contains("ClopperPearson", StringComparison.Ordinal) && body.Length > 0)
            {
                findings.Add($"{i + 1}: Clopper–Pearson implemented here: {line.Trim()}");
            }
        }
        return findings;
    }

    /// <summary>The block body of the method declared on line i (brace-matched), or "" for an expression body.</summary>
    private static string Body(string[] lines, int i)
    {
        var text = string.Join("\n", lines.Skip(i).Take(400));
        int arrow = text.IndexOf("=>", StringComparison.Ordinal), brace = text.IndexOf('{'), semi = text.IndexOf(';');
        if (brace < 0 || (arrow >= 0 && arrow < brace) || (semi >= 0 && semi < brace))
        {
            return "";
        }
        int depth = 0;
        for (int k = brace; k < text.Length; k++)
        {
            depth += text[k] == '{' ? 1 : text[k] == '}' ? -1 : 0;
            if (depth == 0)
            {
                return text[brace..(k + 1)];
            }
        }
        return text[brace..];
    }

    private static string StripComments(string source)
    {
        var noBlock = Regex.Replace(source, @"/\*.*?\*/", m => new string('\n', m.Value.Count(c => c == '\n')), RegexOptions.Singleline);
        return Regex.Replace(noBlock, @"//[^\n]*", "");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VerifyDynamics.sln")))
        {
            dir = dir.Parent;
        }
        Assert.NotNull(dir);
        return dir!.FullName;
    }

    private static Dictionary<string, List<string>> ScanPapers()
    {
        string theorems = Path.Combine(RepositoryRoot(), "src", "VerifyDynamics.Theorems");
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (string paper in Papers)
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(theorems, paper), "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var findings = Scan(File.ReadAllText(file));
                if (findings.Count > 0)
                {
                    result[Path.GetRelativePath(theorems, file).Replace('\\', '/')] = findings;
                }
            }
        }
        return result;
    }

    [Fact]
    public void PaperFolders_DefineNoIntegratorOrNetworkModel()
    {
        var offenders = ScanPapers().Where(kv => !Pending.ContainsKey(kv.Key)).SelectMany(kv => kv.Value.Select(f => $"{kv.Key}:{f}")).ToList();
        Assert.True(offenders.Count == 0, "paper folders must call Core for integrators and network models:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void PendingList_IsNotStale()
    {
        var found = ScanPapers();
        var stale = Pending.Keys.Where(k => !found.ContainsKey(k)).ToList();
        Assert.True(stale.Count == 0, "migrated files still listed as pending (remove them): " + string.Join(", ", stale));
    }

    [Fact]
    public void Scan_FlagsAHandWrittenRk4()
    {
        const string source = """
            public static class Paper
            {
                /// <summary>Classical RK4.</summary>
                public static double[] Rk4Plain(Func<double, double[], double[]> f, double[] y0, double t0, double t1, int steps)
                {
                    var y = (double[])y0.Clone();
                    double h = (t1 - t0) / steps;
                    for (int s = 0; s < steps; s++)
                    {
                        var k1 = f(t0 + s * h, y);
                        var k2 = f(t0 + s * h + h / 2, Axpy(y, h / 2, k1));
                    }
                    return y;
                }
            }
            """;
        var findings = Scan(source);
        Assert.Contains(findings, f => f.Contains("integrator method", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("Runge–Kutta stage", StringComparison.Ordinal));
    }

    [Fact]
    public void Scan_FlagsAForwardPassBackpropAndHessianAssembly()
    {
        const string source = """
            public sealed class Net
            {
                public (Matrix<double>[] Pre, Matrix<double> Output) Forward(IReadOnlyList<Matrix<double>> ws)
                {
                    for (int j = 1; j < ws.Count; j++) { }
                    return default;
                }
                public Matrix<double>[] Gradients(IReadOnlyList<Matrix<double>> ws)
                {
                    for (int j = ws.Count; j >= 1; j--) { }
                    return [];
                }
                private static Matrix<double> FdHessianPlain(Func<double[], double[]> grad, double[] x, double h)
                {
                    for (int a = 0; a < x.Length; a++) { for (int b = 0; b < x.Length; b++) { } }
                    return null!;
                }
            }
            """;
        var findings = Scan(source);
        Assert.Equal(2, findings.Count(f => f.Contains("network pass", StringComparison.Ordinal)));
        Assert.Single(findings, f => f.Contains("Hessian assembled", StringComparison.Ordinal));
    }

    [Fact]
    public void Scan_FlagsAHandWrittenClopperPearson()
    {
        // The former JGGSH21 EscapeNumerics.ClopperPearson (MathNet Beta quantiles), and a block-bodied bisection variant.
        const string source = """
            public static class Stats
            {
                public static (double Lower, double Upper) ClopperPearson(int k, int n, double level)
                {
                    double lower = k == 0 ? 0 : MathNet.Numerics.Distributions.Beta.InvCDF(k, n - k + 1, level);
                    double upper = k == n ? 1 : MathNet.Numerics.Distributions.Beta.InvCDF(k + 1, n - k, 1 - level);
                    return (lower, upper);
                }
                private static double CpUpper(int k, int n, double level)
                {
                    return BetaQuantile(k + 1, n - k, 1 - level);
                }
            }
            """;
        var findings = Scan(source);
        Assert.Single(findings, f => f.Contains("Clopper–Pearson implemented here", StringComparison.Ordinal));
        Assert.Equal(3, findings.Count(f => f.Contains("binomial confidence bound", StringComparison.Ordinal)));
    }

    [Fact]
    public void Scan_LeavesStatementsAndDelegationsAlone()
    {
        const string source = """
            internal static class Lemma9
            {
                // var k1 = f(t, y) in a comment is not code.
                public HomogeneousNetwork.ForwardPass Forward(IReadOnlyList<Matrix<double>> ws) => Core(DimsOf(ws)).Forward(ParameterLayout.Flatten(ws));
                public (double Value, double Error) MinEigenExact(double[] theta, int[] dims) => ExactHessian.CertifiedMinEigenvalue(Core(dims), theta);
                public static (double Lower, double Upper) ClopperPearson(int k, int n, double level) =>
                    n == 0 ? (0, 1) : (Statistics.ClopperPearson.Lower(k, n, level), Statistics.ClopperPearson.Upper(k, n, level));
                private static MarginSet Conclude(Instance x, Precision p)
                {
                    var (y, err) = OdeSolver.SolveRichardson(flow, RungeKuttaTableaus.ClassicalRk4, steps);
                    for (int i = 0; i < 3; i++) { margins.Add(Margin.AtMost("|q(t)| ≤ |q0|", y[0], 1, tol)); }
                    return MarginSet.Of(margins);
                }
                public double Eq16(IReadOnlyList<Matrix<double>> ws, IReadOnlyList<Matrix<double>> dw)
                {
                    for (int i = 0; i < n; i++) { for (int j = 1; j <= n; j++) { } }
                    return 0;
                }
            }
            """;
        Assert.Empty(Scan(source));
    }
}
