namespace VerifyDynamics.Core;

/// <summary>
/// Bounds on what a user can hand to <c>vd</c>, checked before any work starts so that a small hostile input
/// cannot take unbounded time or memory (README "Input limits"). Each is far above what the catalog needs.
/// </summary>
public static class InputLimits
{
    /// <summary>Largest |decimal exponent| of a number written as text (1e-400 is rejected; doubles end near 1e±324).</summary>
    public const int MaxDecimalExponent = 1000;

    /// <summary>Most digits in a number written as text (numerator and denominator each).</summary>
    public const int MaxDigits = 2000;

    /// <summary>Largest instance or certificate file read, in bytes.</summary>
    public const long MaxFileBytes = 8L * 1024 * 1024;

    /// <summary>Deepest JSON nesting read from a file.</summary>
    public const int MaxJsonDepth = 64;

    /// <summary>Largest layer width of a deep-linear-network instance.</summary>
    public const int MaxLayerWidth = 1024;

    /// <summary>Most layers (entries of dims) of an instance.</summary>
    public const int MaxLayers = 64;

    /// <summary>Most parameters (Σ d_j·d_{j−1}) of an instance.</summary>
    public const long MaxParameters = 1_000_000;

    /// <summary>Most trials of one statement (after --trials-scale).</summary>
    public const int MaxTrials = 1_000_000;

    /// <summary>Most worker threads (--threads).</summary>
    public const int MaxThreads = 256;

    /// <summary>Largest --trials-scale.</summary>
    public const int MaxTrialsScale = 1000;

    /// <summary>Most gradient-descent steps of <c>vd eval --gd</c> / simulation steps.</summary>
    public const int MaxSteps = 10_000_000;

    /// <summary>Longest claim of <c>vd prove</c>, in characters.</summary>
    public const int MaxClaimLength = 10_000;

    /// <summary>Most tokens of a claim (so an expression tree is never deeper than this).</summary>
    public const int MaxClaimTokens = 2_000;

    /// <summary>Deepest nesting of parentheses, unary signs, negations and implications in a claim.</summary>
    public const int MaxClaimNesting = 100;

    /// <summary>Largest |exponent| of a power in a claim, multiplied along nested powers (y^1000 is the limit, so is (y^10)^100).</summary>
    public const int MaxClaimExponent = 1000;
}

/// <summary>An input beyond one of the <see cref="InputLimits"/>; <c>vd</c> reports the message and exits 2 without doing any work.</summary>
public sealed class InputLimitException : Exception
{
    public InputLimitException()
    {
    }

    public InputLimitException(string message) : base(message)
    {
    }

    public InputLimitException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
