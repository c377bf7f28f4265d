using System.Net.Sockets;
using VerifyDynamics.Core;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Testing;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Certificates;

/// <summary>
/// <see cref="InputFiles"/>: the input limits on instance files (README "Input limits"), each at and just beyond its limit,
/// with the field the message names (Stryker run 1 of reports/mutation/harness: 81 mutants of it had no test in the filter).
/// </summary>
public sealed class InputFilesTests
{
    private static InstanceFormatException Rejected(string json) => Assert.Throws<InstanceFormatException>(() => InputFiles.CheckInstance(json));

    private static string Dims(IEnumerable<int> widths) => "{\"dims\":[" + string.Join(",", widths) + "]}";

    [Fact]
    public void AnOrdinaryInstance_Passes()
    {
        InputFiles.CheckInstance("""{"family":"toy","dims":[2,3,1],"weights":[[[1,0],[0,1],[1,1]],[[1,2,3]]],"scalars":{"t":1e100,"s":-1e100}}""");
        InputFiles.CheckInstance("[1, 2]");
        InputFiles.CheckInstance("\"text\"");
        // Not JSON at all: left to InstanceJson.Parse, which words the usual message.
        InputFiles.CheckInstance("{ not json");
        InputFiles.CheckInstance("");
    }

    [Fact]
    public void ADuplicateMember_IsRejected()
    {
        var e = Rejected("""{"scalars":{"t":1,"t":2}}""");
        Assert.Equal("(document)", e.Field);
        Assert.StartsWith("(document): has a duplicate member (", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("); each member may appear once", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NestingBeyondTheLimit_IsRejected_AtTheLimitIsNot()
    {
        string Nested(int depth) => new string('[', depth) + new string(']', depth);
        InputFiles.CheckInstance(Nested(InputLimits.MaxJsonDepth));
        var e = Rejected(Nested(InputLimits.MaxJsonDepth + 1));
        Assert.Equal("(document)", e.Field);
        Assert.Equal($"(document): nests deeper than {InputLimits.MaxJsonDepth} levels (README \"Input limits\")", e.Message);
    }

    [Fact]
    public void TooManyLayers_IsRejected()
    {
        InputFiles.CheckInstance(Dims(Enumerable.Repeat(1, InputLimits.MaxLayers)));
        var e = Rejected(Dims(Enumerable.Repeat(1, InputLimits.MaxLayers + 1)));
        Assert.Equal("dims", e.Field);
        Assert.Equal($"dims: has {InputLimits.MaxLayers + 1} entries; the limit is {InputLimits.MaxLayers} (README \"Input limits\")", e.Message);
    }

    [Fact]
    public void AWideLayer_IsRejected_WithItsIndex()
    {
        InputFiles.CheckInstance(Dims([InputLimits.MaxLayerWidth, 1]));
        var e = Rejected(Dims([1, 2, InputLimits.MaxLayerWidth + 1]));
        Assert.Equal("dims[2]", e.Field);
        Assert.Equal($"dims[2]: is {InputLimits.MaxLayerWidth + 1}; a layer is at most {InputLimits.MaxLayerWidth} wide (README \"Input limits\")", e.Message);
        Assert.Equal("dims[0]", Rejected("{\"dims\":[1024.5]}").Field);
    }

    [Fact]
    public void TheParameterCount_IsBounded()
    {
        // 1000·1000 = 10^6 parameters: at the limit. One more layer of 1 adds 1000: beyond it.
        InputFiles.CheckInstance(Dims([1000, 1000]));
        var e = Rejected(Dims([1000, 1000, 1]));
        Assert.Equal("dims", e.Field);
        Assert.Equal($"dims: give 1001000 parameters; the limit is {InputLimits.MaxParameters} (README \"Input limits\")", e.Message);
        // The products are of consecutive widths: 1000·1 + 1·1000 + 1000·1000 is over, 1000·1 + 1·1000 alone is not.
        InputFiles.CheckInstance(Dims([1000, 1, 1000]));
        Assert.Equal("dims: give 1002000 parameters; the limit is 1000000 (README \"Input limits\")", Rejected(Dims([1000, 1, 1000, 1000])).Message);
        // Widths that are not positive integers count as 0 (the parser rejects them with its own message).
        InputFiles.CheckInstance("{\"dims\":[1000, \"x\", 1000, 0, 1000, -5, 1000]}");
        InputFiles.CheckInstance("{\"dims\":\"many\"}");
    }

    [Fact]
    public void ANumberBeyondTheMagnitudeLimit_IsNamedByItsPath()
    {
        InputFiles.CheckInstance("""{"scalars":{"t":1e100},"matrices":{"A":[[-1e100]]}}""");
        var e = Rejected("""{"scalars":{"t":1,"u":-2e100}}""");
        Assert.Equal("scalars.u", e.Field);
        Assert.Equal("scalars.u: is -2e100; numbers in an instance are limited to magnitude 1e100 (README \"Input limits\")", e.Message);
        Assert.Equal("matrices.A[1][0]", Rejected("""{"matrices":{"A":[[1,2],[3e100,4]]}}""").Field);
        Assert.Equal("matrixLists.L[1][0][2]", Rejected("""{"matrixLists":{"L":[[[0]],[[1,2,-1e101]]]}}""").Field);
        // Only an object is an instance: the limits leave anything else to the parser's message.
        InputFiles.CheckInstance("[0, 1, 1e101]");
        Assert.Equal("weights[0][1][0]", Rejected("""{"dims":[1,2],"weights":[[[1],[1.5e100]]]}""").Field);
    }

    [Fact]
    public void ReadInstanceText_ReadsAFile_AndNamesWhatIsWrong()
    {
        string dir = Path.Combine(Path.GetTempPath(), "vd-inputs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string good = Path.Combine(dir, "x.json");
            File.WriteAllText(good, "{\"scalars\":{\"t\":1}}");
            Assert.Equal("{\"scalars\":{\"t\":1}}", InputFiles.ReadInstanceText(good));

            string missing = Path.Combine(dir, "missing.json");
            var notFound = Assert.Throws<FileNotFoundException>(() => InputFiles.ReadInstanceText(missing));
            Assert.Equal($"instance file '{missing}' does not exist", notFound.Message);
            Assert.Equal(missing, notFound.FileName);

            string atLimit = Path.Combine(dir, "limit.json");
            using (var f = File.Create(atLimit))
            {
                f.SetLength(InputLimits.MaxFileBytes);
            }
            Assert.Equal(InputLimits.MaxFileBytes, InputFiles.ReadInstanceText(atLimit).Length);

            string big = Path.Combine(dir, "big.json");
            using (var f = File.Create(big))
            {
                f.SetLength(InputLimits.MaxFileBytes + 1);
            }
            Assert.Equal($"instance file '{big}' has {InputLimits.MaxFileBytes + 1} bytes; the limit is {InputLimits.MaxFileBytes} (README \"Input limits\")",
                Assert.Throws<InputLimitException>(() => InputFiles.ReadInstanceText(big)).Message);

            // A folder is no file: said so, as for a missing file (the FileNotFoundException is not wrapped as unreadable).
            Assert.Equal($"instance file '{dir}' does not exist", Assert.Throws<FileNotFoundException>(() => InputFiles.ReadInstanceText(dir)).Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ADuplicateMemberWithAnEscapedNewline_IsNamedOnOneLine()
    {
        var e = Rejected("""{"a\nb":1,"a\nb":2}""");
        Assert.Equal("(document)", e.Field);
        Assert.Contains("a b", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", e.Message, StringComparison.Ordinal);
    }

    [LinuxFact("a Unix socket file that open() refuses with ENXIO")]
    public void ReadInstanceText_OfAFileThatCannotBeOpened_IsAnInstanceError_OnOneLine()
    {
        // A Unix socket exists as a file but cannot be opened (ENXIO), for root too (a chmod 000 file can still be read by
        // root). Its name has a newline; the I/O message that repeats the path has it replaced by a space.
        string dir = Path.Combine(Path.GetTempPath(), "vd-inputs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string path = Path.Combine(dir, "s\nx");
            using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            {
                socket.Bind(new UnixDomainSocketEndPoint(path));
                var e = Assert.Throws<InstanceFormatException>(() => InputFiles.ReadInstanceText(path));
                Assert.Equal("(file)", e.Field);
                string prefix = $"(file): cannot read instance file '{path}': ";
                Assert.StartsWith(prefix, e.Message, StringComparison.Ordinal);
                string io = e.Message[prefix.Length..];
                Assert.DoesNotContain("\n", io, StringComparison.Ordinal);
                Assert.Contains(path.Replace("\n", " ", StringComparison.Ordinal), io, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void CheckInstance_BoundsTheTextLength()
    {
        string text = "\"" + new string('a', (int)InputLimits.MaxFileBytes - 1) + "\"";
        var e = Assert.Throws<InputLimitException>(() => InputFiles.CheckInstance(text));
        Assert.Equal($"the instance has {InputLimits.MaxFileBytes + 1} characters; the limit is {InputLimits.MaxFileBytes} (README \"Input limits\")", e.Message);
        InputFiles.CheckInstance(text[1..]);
    }
}
