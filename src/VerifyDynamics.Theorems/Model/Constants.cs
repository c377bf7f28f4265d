using System.Collections;
using VerifyDynamics.Core.Numbers;

namespace VerifyDynamics.Theorems.Model;

/// <summary>The values a constant may take; an override outside it is an input error (exit 2), never a run.</summary>
public enum ConstantDomain
{
    /// <summary>c &gt; 0 (the default: denominators, rates, factors).</summary>
    Positive,
    /// <summary>c ≥ 0.</summary>
    NonNegative,
    /// <summary>c a positive integer (depths, counts).</summary>
    PositiveInteger,
    /// <summary>0 &lt; c &lt; 1 (probabilities, contraction factors).</summary>
    OpenUnitInterval,
    /// <summary>Any rational.</summary>
    Any,
}

/// <summary>A constant of a bound, named, with the paper's value as an exact rational default.</summary>
public sealed record NamedConstant(string Name, Rational Default, string Description)
{
    /// <summary>The values the constant may take (default: positive).</summary>
    public ConstantDomain Domain { get; init; } = ConstantDomain.Positive;

    /// <summary>Null when <paramref name="value"/> lies in the domain, else the reason it does not.</summary>
    public string? OutsideDomain(Rational value) => Domain switch
    {
        ConstantDomain.Positive when value.Sign <= 0 => $"{Name} must be > 0",
        ConstantDomain.NonNegative when value.Sign < 0 => $"{Name} must be ≥ 0",
        ConstantDomain.PositiveInteger when value.Sign <= 0 || !value.IsInteger => $"{Name} must be a positive integer",
        ConstantDomain.OpenUnitInterval when value.Sign <= 0 || value >= Rational.One => $"{Name} must lie in (0, 1)",
        _ => null,
    };
}

/// <summary>The values of a statement's constants for one run (defaults overridden by <c>--set NAME=VALUE</c>).</summary>
public sealed class ConstantValues : IReadOnlyDictionary<string, Rational>
{
    private readonly SortedDictionary<string, Rational> _values;

    private ConstantValues(SortedDictionary<string, Rational> values) => _values = values;

    public static ConstantValues Defaults(IEnumerable<NamedConstant> constants) =>
        new(new SortedDictionary<string, Rational>(constants.ToDictionary(c => c.Name, c => c.Default), StringComparer.Ordinal));

    /// <summary>A copy with one value replaced; the name must be one of the statement's constants.</summary>
    public ConstantValues With(string name, Rational value)
    {
        if (!_values.ContainsKey(name))
        {
            throw new KeyNotFoundException($"unknown constant '{name}' (known: {string.Join(", ", _values.Keys)})");
        }
        var copy = new SortedDictionary<string, Rational>(_values, StringComparer.Ordinal) { [name] = value };
        return new ConstantValues(copy);
    }

    public Rational this[string key] => _values.TryGetValue(key, out var v)
        ? v
        : throw new KeyNotFoundException($"unknown constant '{key}' (known: {string.Join(", ", _values.Keys)})");

    /// <summary>The constant as a double, for numerics (the exact value stays in certificates and obligations).</summary>
    public double Double(string name) => this[name].ToDouble();

    public IEnumerable<string> Keys => _values.Keys;
    public IEnumerable<Rational> Values => _values.Values;
    public int Count => _values.Count;
    public bool ContainsKey(string key) => _values.ContainsKey(key);
    public bool TryGetValue(string key, out Rational value) => _values.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, Rational>> GetEnumerator() => _values.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
