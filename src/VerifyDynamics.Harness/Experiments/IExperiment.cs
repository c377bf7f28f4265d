using System.Globalization;

namespace VerifyDynamics.Harness.Experiments;

/// <summary>Options every experiment understands.</summary>
/// <param name="OutputDirectory">Where the experiment writes its curves (CSV/JSON), normally <c>reports/experiments/&lt;name&gt;</c>.</param>
/// <param name="Seed">Root seed of every random choice.</param>
/// <param name="Quick">A reduced-size run (tests and smoke runs); the full run is the default.</param>
/// <param name="Arguments">Experiment-specific <c>--key value</c> options, already split.</param>
public sealed record ExperimentOptions(
    string OutputDirectory,
    Core.Randomness.Seed Seed,
    bool Quick,
    IReadOnlyDictionary<string, string> Arguments)
{
    // Malformed option values are bad input (ArgumentException → a usage error naming the option), never a crash.

    /// <summary>The positive integer option <c>--key</c>, or <paramref name="fallback"/> when absent.</summary>
    public int PositiveInt(string key, int fallback) =>
        Arguments.TryGetValue(key, out var s)
            ? int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : throw new ArgumentException($"--{key} must be a positive integer, got '{s}'")
            : fallback;

    /// <summary>The positive finite number option <c>--key</c>, or <paramref name="fallback"/> when absent.</summary>
    public double PositiveDouble(string key, double fallback) =>
        Arguments.TryGetValue(key, out var s)
            ? double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && double.IsFinite(v) ? v : throw new ArgumentException($"--{key} must be a positive number, got '{s}'")
            : fallback;
}

/// <summary>What an experiment produced: files written (all through <c>AtomicFile</c>) and a short textual summary.</summary>
public sealed record ExperimentResult(IReadOnlyList<string> Files, string Summary);

/// <summary>
/// A reproducible experiment of a paper (e.g. <c>ec21-fig1</c>, <c>jggsh21-saddles</c>), run by
/// <c>vd experiment NAME</c>. Implementations are discovered by reflection in the Harness assembly.
/// </summary>
public interface IExperiment
{
    /// <summary>The name on the command line.</summary>
    string Name { get; }

    /// <summary>One line for <c>vd experiment --list</c>.</summary>
    string Description { get; }

    /// <summary>The experiment-specific <c>--key value</c> options it reads; any other option is a usage error (never silently ignored).</summary>
    IReadOnlyList<string> Options => [];

    ExperimentResult Run(ExperimentOptions options, TextWriter log);
}

public static class ExperimentRegistry
{
    public static IReadOnlyList<IExperiment> All { get; } =
    [
        .. typeof(IExperiment).Assembly.GetTypes()
            .Where(t => typeof(IExperiment).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false })
            .Select(t => (IExperiment)Activator.CreateInstance(t)!)
            .OrderBy(e => e.Name, StringComparer.Ordinal),
    ];

    public static IExperiment? Find(string name) => All.FirstOrDefault(e => e.Name == name);
}
