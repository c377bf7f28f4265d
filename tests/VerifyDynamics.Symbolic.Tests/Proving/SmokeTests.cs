using System.Diagnostics;
using VerifyDynamics.Symbolic.Proving;
using VerifyDynamics.Theorems.ACGH19;
using VerifyDynamics.Theorems.EC21;
using VerifyDynamics.Theorems.JGGSH21;
using Xunit;

namespace VerifyDynamics.Symbolic.Tests.Proving;

public sealed class SmokeTests
{
    [Fact]
    public void Smoke()
    {
        var filter = Environment.GetEnvironmentVariable("VD_SMOKE") ?? "";
        var banks = new[] { Acgh19Obligations.All, Ec21Obligations.All, Jggsh21Obligations.All };
        foreach (var (sid, o) in banks.SelectMany(b => b).Where(x => x.StatementId.Contains(filter, StringComparison.Ordinal)))
        {
            var sw = Stopwatch.StartNew();
            File.AppendAllText("/tmp/acgh-live.txt", $"start {o.Id}\n");
            var r = ObligationProver.Prove(o.Claim);
            File.AppendAllText("/tmp/acgh-live.txt", $"{sw.ElapsedMilliseconds,6} {o.Expect,-6} {r.Status,-8} {sid} {o.Id} | {r.Detail}\n");
        }
    }
}
