using VerifyDynamics.Symbolic.Native;

namespace VerifyDynamics.Symbolic.Proving;

/// <summary>
/// Process-wide interruption of the provers. <see cref="Request"/> (called on SIGINT/SIGTERM) stops every running Z3 call
/// through Z3's own API (<c>Z3_interrupt</c> on each live context) and makes every prover call that is running or starts
/// later throw <see cref="OperationCanceledException"/>, so an interrupted proof is never returned as <c>unknown</c> (and
/// never recorded in a certificate). libz3 installs its own SIGINT handler while it solves, so a Ctrl-C then reaches Z3,
/// not .NET: Z3 answers unknown ("canceled") although nobody called <see cref="Request"/>; that answer is recognised as the
/// swallowed signal, turned into a request, and announced through <see cref="SignalSwallowed"/>.
/// </summary>
public static class ProverInterrupt
{
    private static readonly object Gate = new();
    private static readonly Dictionary<IntPtr, Z3Api> Live = [];
    private static volatile bool s_requested;

    /// <summary>Raised once when Z3 swallowed a SIGINT (the command line then stops as for any interrupt).</summary>
    public static event Action? SignalSwallowed;

    public static bool IsRequested => s_requested;

    /// <summary>Stops all provers: running Z3 calls are interrupted, later calls throw.</summary>
    public static void Request()
    {
        lock (Gate)
        {
            s_requested = true;
            foreach (var (context, api) in Live)
            {
                api.Interrupt(context);
            }
        }
    }

    /// <summary>Clears a request (after the command that handled it has ended).</summary>
    public static void Reset() => s_requested = false;

    /// <summary>Throws <see cref="OperationCanceledException"/> when an interrupt was requested.</summary>
    public static void ThrowIfRequested()
    {
        if (s_requested)
        {
            throw new OperationCanceledException("interrupted (SIGINT/SIGTERM)");
        }
    }

    /// <summary>Z3 answered unknown because it was canceled while no one asked: the SIGINT went to libz3's handler.</summary>
    internal static void OnSwallowedSignal()
    {
        if (!s_requested)
        {
            Request();
            SignalSwallowed?.Invoke();
        }
        ThrowIfRequested();
    }

    internal static void Register(IntPtr context, Z3Api api)
    {
        lock (Gate)
        {
            Live[context] = api;
            if (s_requested)
            {
                api.Interrupt(context);
            }
        }
    }

    internal static void Unregister(IntPtr context)
    {
        lock (Gate)
        {
            Live.Remove(context);
        }
    }
}
