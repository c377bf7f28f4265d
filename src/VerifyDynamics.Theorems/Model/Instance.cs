using System.Collections.Immutable;
using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;

namespace VerifyDynamics.Theorems.Model;

/// <summary>
/// One concrete input of a statement's check, replayable from its JSON form (<see cref="InstanceJson"/>).
/// The well-known fields cover deep linear networks (the user-facing instance format
/// <c>{"dims", "weights", "target", "eta"}</c>); everything else a statement needs goes into the
/// named scalars, matrices and matrix lists.
/// </summary>
public sealed record Instance
{
    /// <summary>Which generator family produced it ("proc1", "tight", "user", …): says where to look when it fails.</summary>
    public string Family { get; init; } = "random";

    public ImmutableArray<int> Dims { get; init; } = [];
    public ImmutableArray<Matrix<double>> Weights { get; init; } = [];
    public Matrix<double>? Target { get; init; }
    public double? Eta { get; init; }

    public ImmutableSortedDictionary<string, double> Scalars { get; init; } =
        ImmutableSortedDictionary.Create<string, double>(StringComparer.Ordinal);

    public ImmutableSortedDictionary<string, Matrix<double>> Matrices { get; init; } =
        ImmutableSortedDictionary.Create<string, Matrix<double>>(StringComparer.Ordinal);

    public ImmutableSortedDictionary<string, ImmutableArray<Matrix<double>>> MatrixLists { get; init; } =
        ImmutableSortedDictionary.Create<string, ImmutableArray<Matrix<double>>>(StringComparer.Ordinal);

    public bool HasNetwork => !Weights.IsDefaultOrEmpty;

    /// <summary>The deep linear network W_1..W_N of this instance.</summary>
    public DeepLinearNetwork Network => HasNetwork
        ? new DeepLinearNetwork(Weights)
        : throw new InvalidOperationException($"instance '{Family}' has no weights");

    public Matrix<double> RequireTarget => Target ?? throw new InvalidOperationException($"instance '{Family}' has no target");

    public double RequireEta => Eta ?? throw new InvalidOperationException($"instance '{Family}' has no eta");

    public double Scalar(string name) => Scalars.TryGetValue(name, out var v)
        ? v
        : throw new KeyNotFoundException($"instance '{Family}' has no scalar '{name}'");

    public Matrix<double> Matrix(string name) => Matrices.TryGetValue(name, out var m)
        ? m
        : throw new KeyNotFoundException($"instance '{Family}' has no matrix '{name}'");

    public Instance WithScalar(string name, double value) => this with { Scalars = Scalars.SetItem(name, value) };

    public Instance WithMatrix(string name, Matrix<double> value) => this with { Matrices = Matrices.SetItem(name, value) };

    public Instance WithNetwork(DeepLinearNetwork network) =>
        this with { Weights = [.. network.Weights], Dims = [.. network.Dims] };

    public static Instance ForNetwork(string family, DeepLinearNetwork network, Matrix<double> target, double? eta = null) =>
        new() { Family = family, Dims = [.. network.Dims], Weights = [.. network.Weights], Target = target, Eta = eta };

    public static Instance OfScalars(string family, params (string Name, double Value)[] scalars) =>
        new()
        {
            Family = family,
            Scalars = scalars.ToImmutableSortedDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal),
        };
}
