using System.Runtime.InteropServices;

namespace VerifyDynamics.Symbolic.Native;

/// <summary>
/// libz3 installs its own SIGINT handler while it solves (scoped_ctrl_c) and restores the previous one afterwards. Its
/// handler only raises Z3's cancel flag, which some searches never poll (Z3 4.8's nlsat), so a Ctrl-C could be lost or
/// turned into an "unknown" answer. While a Z3 call runs, this guard puts the process's own SIGINT disposition (.NET's
/// handler, captured before the call) back every few milliseconds, so the signal reaches vd's handler, which stops the
/// call through Z3_interrupt (see <see cref="Proving.ProverInterrupt"/>). The disposition is copied as opaque bytes
/// (struct sigaction is never interpreted). Linux only; elsewhere it does nothing.
/// </summary>
internal sealed partial class SigintGuard : IDisposable
{
    private const int Sigint = 2;
    // sizeof(struct sigaction) is 152 on x86-64 and arm64 glibc; a larger buffer is harmless.
    private const int SigactionBytes = 512;

    private readonly IntPtr _saved;
    private readonly Thread? _thread;
    private volatile bool _running = true;

    private SigintGuard(IntPtr saved)
    {
        _saved = saved;
        _thread = new Thread(() =>
        {
            while (_running)
            {
                _ = Sigaction(Sigint, _saved, IntPtr.Zero);
                Thread.Sleep(5);
            }
        })
        { IsBackground = true, Name = "vd SIGINT guard" };
        _thread.Start();
    }

    public static SigintGuard? Begin()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        var saved = Marshal.AllocHGlobal(SigactionBytes);
        unsafe
        {
            new Span<byte>((void*)saved, SigactionBytes).Clear();
        }
        if (Sigaction(Sigint, IntPtr.Zero, saved) != 0)
        {
            Marshal.FreeHGlobal(saved);
            return null;
        }
        return new SigintGuard(saved);
    }

    public void Dispose()
    {
        _running = false;
        _thread?.Join();
        // Z3 restored its predecessor with signal(), which drops the flags; put back the exact disposition.
        _ = Sigaction(Sigint, _saved, IntPtr.Zero);
        Marshal.FreeHGlobal(_saved);
    }

    [LibraryImport("libc", EntryPoint = "sigaction")]
    private static partial int Sigaction(int signal, IntPtr action, IntPtr oldAction);
}
