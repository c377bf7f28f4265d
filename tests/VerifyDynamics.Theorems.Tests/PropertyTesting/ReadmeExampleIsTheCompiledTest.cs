using Xunit;

namespace VerifyDynamics.Theorems.Tests.PropertyTesting;

/// <summary>The README's property-test example is, character for character, the compiled test in ReadmeExampleTests.cs.</summary>
public sealed class ReadmeExampleIsTheCompiledTest
{
    [Fact]
    public void TheReadmeShowsTheCompiledExample()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VerifyDynamics.sln")))
        {
            dir = dir.Parent;
        }
        Assert.True(dir is not null, "the repository root (VerifyDynamics.sln) was not found above " + AppContext.BaseDirectory);
        string source = File.ReadAllText(Path.Combine(dir!.FullName, "tests", "VerifyDynamics.Theorems.Tests", "PropertyTesting", "ReadmeExampleTests.cs")).ReplaceLineEndings("\n");
        const string begin = "// README-EXAMPLE-BEGIN\n", end = "// README-EXAMPLE-END";
        int from = source.IndexOf(begin, StringComparison.Ordinal) + begin.Length, to = source.IndexOf(end, StringComparison.Ordinal);
        Assert.True(from >= begin.Length && to > from, "ReadmeExampleTests.cs lost its README-EXAMPLE markers");
        string example = source[from..to];
        string readme = File.ReadAllText(Path.Combine(dir.FullName, "README.md")).ReplaceLineEndings("\n");
        Assert.True(readme.Contains("```csharp\n" + example + "```\n", StringComparison.Ordinal),
            "README.md's section \"Property tests over a statement's hypotheses\" must show ReadmeExampleTests.cs between its markers, verbatim");
    }
}
