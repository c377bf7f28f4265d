using System.Globalization;
using Xunit;

namespace VerifyDynamics.Cli.Tests;

public class SimulateCommandTests
{
    private const string Instance =
        """{"family":"demo","dims":[2,2,2],"weights":[[[0.5,0.1],[0.2,0.4]],[[0.3,-0.2],[0.1,0.6]]],"target":[[1,0],[0,2]],"eta":0.01}""";

    private static (int Code, string Out, string Err) Run(string json, params string[] args)
    {
        string path = Path.Combine(Path.GetTempPath(), $"vd-sim-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            var o = new StringWriter();
            var e = new StringWriter();
            int code = Program.Run(["simulate", .. args.Select(a => a == "FILE" ? path : a)], o, e);
            return (code, o.ToString(), e.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void GradientDescentTrajectoryTracksTheFlowAndDecreasesTheLoss()
    {
        var (code, output, err) = Run(Instance, "gd", "--instance", "FILE", "--steps", "200", "--points", "5", "--lambda-min");
        Assert.True(code == ExitCodes.Ok, err);
        var lines = output.Trim().Split('\n');
        Assert.Equal("t,loss,distance_gd_gf,balancedness_drift,lambda_min", lines[0]);
        Assert.Equal(6, lines.Length);
        var last = lines[^1].Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var first = lines[1].Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(2.0, last[0], 12);
        Assert.True(last[1] < first[1]);
        Assert.InRange(last[2], 1e-6, 0.1); // GD with η = 0.01 differs from GF by O(η)
    }

    [Fact]
    public void GradientFlowJsonHasStatistics()
    {
        var (code, output, _) = Run(Instance, "gf", "--instance", "FILE", "--t", "1", "--json");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("\"outcome\": \"completed\"", output);
        Assert.Contains("balancednessDrift", output);
    }

    [Fact]
    public void BadInputNamesTheField()
    {
        var (code, _, err) = Run("""{"dims":[2,2],"weights":[[[1,2]]]}""", "gf", "--instance", "FILE", "--t", "1");
        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("weights[0]", err);
        (code, _, err) = Run("""{"dims":[2,2],"weights":[[[1,0],[0,1]]]}""", "gd", "--instance", "FILE", "--steps", "3");
        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("target", err);
        (code, _, err) = Run(Instance, "gf", "--instance", "FILE");
        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("--t", err);
    }

    [Fact]
    public void GradientFlow_RunsNoDescentUnlessCompareGdIsGiven()
    {
        var (code, output, err) = Run(Instance, "gf", "--instance", "FILE", "--t", "1", "--points", "3");
        Assert.True(code == ExitCodes.Ok, err);
        var rows = output.Trim().Split('\n').Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(3, rows.Length);
        Assert.All(rows, r => Assert.Equal("", r[2]));
        (code, output, err) = Run(Instance, "gf", "--instance", "FILE", "--t", "1", "--points", "3", "--compare-gd");
        Assert.True(code == ExitCodes.Ok, err);
        var compared = output.Trim().Split('\n').Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.InRange(double.Parse(compared[^1][2], CultureInfo.InvariantCulture), 1e-6, 0.1);
        // The flow itself is the same with or without the comparison.
        Assert.Equal(rows.Select(r => r[1]), compared.Select(r => r[1]));
    }

    [Fact]
    public void Save_WritesTheFinalWeights()
    {
        string saved = Path.Combine(Path.GetTempPath(), $"vd-sim-save-{Guid.NewGuid():N}.json");
        try
        {
            var (code, _, err) = Run(Instance, "gf", "--instance", "FILE", "--t", "1", "--save", saved);
            Assert.True(code == ExitCodes.Ok, err);
            var o = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(saved))!;
            Assert.Equal(3, o["dims"]!.AsArray().Count);
            Assert.Equal(2, o["weights"]!.AsArray().Count);
        }
        finally
        {
            File.Delete(saved);
        }
    }
}
