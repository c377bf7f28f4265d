using System.Text.Json.Nodes;
using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Harness.Certificates;

namespace VerifyDynamics.Cli;

/// <summary>
/// The one JSON style of every <c>--json</c>: <see cref="CanonicalJson"/>'s serializer options (camelCase members in
/// declaration order, two-space indentation, LF, unescaped UTF-8, shortest round-trip doubles, non-finite numbers as the
/// strings "NaN"/"Infinity"), and the same outcome words in every verb (kebab-case values, as certificates' verdicts).
/// </summary>
public static class JsonOutput
{
    public static void Write(TextWriter w, JsonNode node) => w.Write(CanonicalJson.Serialize(node));

    /// <summary>A double as JSON (a number, or "NaN"/"Infinity"/"-Infinity"); null stays null.</summary>
    public static JsonNode? Number(double? x) => x is { } v ? CanonicalJson.Number(v) : null;

    /// <summary>How a run ended, in the words every verb uses: completed, diverged, stopped, …</summary>
    public static string Outcome(DescentOutcome o) => o switch
    {
        DescentOutcome.Completed => "completed",
        DescentOutcome.Diverged => "diverged",
        DescentOutcome.Stopped => "stopped",
        _ => throw new ArgumentOutOfRangeException(nameof(o), o, null),
    };

    /// <inheritdoc cref="Outcome(DescentOutcome)"/>
    public static string Outcome(OdeOutcome o) => o switch
    {
        OdeOutcome.Success => "completed",
        OdeOutcome.NonFinite => "diverged",
        OdeOutcome.Stopped => "stopped",
        OdeOutcome.MaxStepsReached => "max-steps-reached",
        OdeOutcome.StepSizeUnderflow => "step-size-underflow",
        _ => throw new ArgumentOutOfRangeException(nameof(o), o, null),
    };
}
