namespace VerifyDynamics.Cli.Tests;

/// <summary>Runs <c>vd</c> in-process in a scratch directory and captures its output.</summary>
internal sealed class CliRunner : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "vd-cli-" + Guid.NewGuid().ToString("N"));

    public CliRunner() => System.IO.Directory.CreateDirectory(Directory);

    public (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = Program.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public string Write(string name, string contents)
    {
        string path = Path.Combine(Directory, name);
        File.WriteAllText(path, contents);
        return path;
    }

    /// <summary>Every file under the scratch directory except the inputs the test wrote.</summary>
    public IReadOnlyList<string> FilesOtherThan(params string[] inputs) =>
        [.. System.IO.Directory.GetFiles(Directory, "*", SearchOption.AllDirectories).Where(f => !inputs.Contains(f))];

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
