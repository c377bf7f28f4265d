namespace VerifyDynamics.Cli.Commands;

/// <summary>
/// Marks a static class as a <c>vd</c> verb. The class must have
/// <c>public static int Run(string[] args, TextWriter stdout, TextWriter stderr)</c> (args: everything
/// after the verb). Program discovers verbs by this attribute, so adding a command touches one file.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class CommandAttribute(string verb, string summary, string usage) : Attribute
{
    public string Verb { get; } = verb;
    public string Summary { get; } = summary;
    public string Usage { get; } = usage;
}
