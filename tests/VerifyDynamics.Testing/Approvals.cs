using System.Runtime.CompilerServices;
using System.Text;
using Xunit.Sdk;

namespace VerifyDynamics.Testing;

/// <summary>
/// Snapshot (approval) testing in Verify's conventions: <c>{Class}.{Method}.verified.{ext}</c> next to the
/// test file is the approved text; on a mismatch <c>.received.{ext}</c> is written beside it (git-ignored)
/// and the test fails with both paths and the first differing line. Approve by renaming received → verified
/// after reading the diff.
/// </summary>
public static class Approvals
{
    public static void Verify(
        string actual,
        string extension = "txt",
        Func<string, string>? scrubber = null,
        string? suffix = null,
        [CallerFilePath] string sourceFile = "",
        [CallerMemberName] string method = "")
    {
        string text = Normalize(scrubber is null ? actual : scrubber(actual));
        string directory = Path.GetDirectoryName(sourceFile)!;
        string stem = $"{Path.GetFileNameWithoutExtension(sourceFile)}.{method}{(suffix is null ? "" : "." + suffix)}";
        string verified = Path.Combine(directory, $"{stem}.verified.{extension}");
        string received = Path.Combine(directory, $"{stem}.received.{extension}");
        string? expected = File.Exists(verified) ? Normalize(File.ReadAllText(verified)) : null;
        if (expected == text)
        {
            if (File.Exists(received))
            {
                File.Delete(received);
            }
            return;
        }
        File.WriteAllText(received, text, new UTF8Encoding(false));
        if (expected is null)
        {
            throw new XunitException($"No approved snapshot yet. Review {received} and rename it to {verified}.");
        }
        throw new XunitException($"Snapshot mismatch.\n  verified: {verified}\n  received: {received}\n{FirstDifference(expected, text)}");
    }

    private static string Normalize(string s) => s.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string el = i < e.Length ? e[i] : "<end of file>";
            string al = i < a.Length ? a[i] : "<end of file>";
            if (el != al)
            {
                return $"first difference at line {i + 1}:\n  - {el}\n  + {al}";
            }
        }
        return "texts differ only in length";
    }
}
