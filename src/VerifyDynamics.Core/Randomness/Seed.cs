using System.Globalization;

namespace VerifyDynamics.Core.Randomness;

/// <summary>
/// A 64-bit seed. Children are derived with <see cref="Split(long)"/> (SplitMix64 mixing of the parent
/// and the index, as FsCheck's Rnd does), so trial i gets the same seed whatever the thread count.
/// </summary>
public readonly record struct Seed(ulong Value)
{
    public static Seed Default { get; } = new(20190101);

    public Seed Split(long index) => new(Mix(Value ^ Mix(unchecked((ulong)index + 0x9E3779B97F4A7C15UL))));

    public Seed Split(string label)
    {
        ulong h = 1469598103934665603UL;
        foreach (char c in label)
        {
            h = unchecked((h ^ c) * 1099511628211UL);
        }
        return new Seed(Mix(Value ^ Mix(h)));
    }

    public static ulong Mix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    public Rng CreateRng() => new(this);

    public static Seed Parse(string text) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? new Seed(ulong.Parse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            : new Seed(ulong.Parse(text, CultureInfo.InvariantCulture));

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
