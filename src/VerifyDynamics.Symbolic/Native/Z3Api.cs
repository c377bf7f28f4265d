using System.Runtime.InteropServices;

namespace VerifyDynamics.Symbolic.Native;

/// <summary>
/// The few libz3 entry points used (see /usr/include/z3_api.h), as function pointers resolved from a
/// library loaded at run time. Scripts go through Z3_eval_smtlib2_string on a fresh context, so the
/// text stored in a certificate is exactly what Z3 read.
/// </summary>
public sealed unsafe class Z3Api
{
    private readonly delegate* unmanaged<IntPtr> _mkConfig;
    private readonly delegate* unmanaged<IntPtr, void> _delConfig;
    private readonly delegate* unmanaged<IntPtr, byte*, byte*, void> _setParamValue;
    private readonly delegate* unmanaged<IntPtr, IntPtr> _mkContext;
    private readonly delegate* unmanaged<IntPtr, void> _delContext;
    private readonly delegate* unmanaged<IntPtr, IntPtr, void> _setErrorHandler;
    private readonly delegate* unmanaged<IntPtr, byte*, IntPtr> _evalSmtlib2String;
    private readonly delegate* unmanaged<IntPtr, int> _getErrorCode;
    private readonly delegate* unmanaged<IntPtr, void> _interrupt;

    internal Z3Api(IntPtr library)
    {
        _mkConfig = (delegate* unmanaged<IntPtr>)NativeLibrary.GetExport(library, "Z3_mk_config");
        _delConfig = (delegate* unmanaged<IntPtr, void>)NativeLibrary.GetExport(library, "Z3_del_config");
        _setParamValue = (delegate* unmanaged<IntPtr, byte*, byte*, void>)NativeLibrary.GetExport(library, "Z3_set_param_value");
        _mkContext = (delegate* unmanaged<IntPtr, IntPtr>)NativeLibrary.GetExport(library, "Z3_mk_context");
        _delContext = (delegate* unmanaged<IntPtr, void>)NativeLibrary.GetExport(library, "Z3_del_context");
        _setErrorHandler = (delegate* unmanaged<IntPtr, IntPtr, void>)NativeLibrary.GetExport(library, "Z3_set_error_handler");
        _evalSmtlib2String = (delegate* unmanaged<IntPtr, byte*, IntPtr>)NativeLibrary.GetExport(library, "Z3_eval_smtlib2_string");
        _getErrorCode = (delegate* unmanaged<IntPtr, int>)NativeLibrary.GetExport(library, "Z3_get_error_code");
        _interrupt = (delegate* unmanaged<IntPtr, void>)NativeLibrary.GetExport(library, "Z3_interrupt");
        var getVersion = (delegate* unmanaged<uint*, uint*, uint*, uint*, void>)NativeLibrary.GetExport(library, "Z3_get_version");
        // The SMT-LIB front end of a context made by the API cannot change :produce-unsat-cores (its manager
        // already exists) and reads the global parameter instead; set once, when the library is loaded.
        var globalParamSet = (delegate* unmanaged<byte*, byte*, void>)NativeLibrary.GetExport(library, "Z3_global_param_set");
        fixed (byte* n = NullTerminated("unsat_core"))
        fixed (byte* v = NullTerminated("true"))
        {
            globalParamSet(n, v);
        }
        uint major, minor, build, revision;
        getVersion(&major, &minor, &build, &revision);
        Version = $"{major}.{minor}.{build}";
    }

    /// <summary>Z3's version as major.minor.build, e.g. 4.8.12.</summary>
    public string Version { get; }

    /// <summary>
    /// Runs SMT-LIB commands on one fresh context: <paramref name="script"/> first, then each command
    /// that <paramref name="next"/> picks from the previous output
    /// (e.g. get-value after sat). The context is deleted in a finally block.
    /// </summary>
    public IReadOnlyList<string> Run(string script, Func<string, string?> next)
    {
        var outputs = new List<string>();
        var config = _mkConfig();
        IntPtr context;
        try
        {
            // Models and cores are requested by the script; nothing here depends on wall time.
            SetParam(config, "model", "true");
            context = _mkContext(config);
        }
        finally
        {
            _delConfig(config);
        }
        try
        {
            // Interruptible through Z3's own API (Z3_interrupt) while it runs; see Proving.ProverInterrupt.
            Proving.ProverInterrupt.Register(context, this);
            // No handler: errors are reported through the output text and the error code, not by exiting.
            _setErrorHandler(context, IntPtr.Zero);
            string? command = script;
            using var sigint = SigintGuard.Begin();
            while (command is not null)
            {
                Proving.ProverInterrupt.ThrowIfRequested();
                outputs.Add(Eval(context, command));
                // An answer given while an interrupt was pending is not an answer (it reads "unknown (canceled)").
                Proving.ProverInterrupt.ThrowIfRequested();
                command = next(outputs[^1]);
            }
        }
        finally
        {
            Proving.ProverInterrupt.Unregister(context);
            _delContext(context);
        }
        return outputs;
    }

    /// <summary>Z3_interrupt: the call running on <paramref name="context"/> stops soon and answers unknown ("canceled").</summary>
    internal void Interrupt(IntPtr context) => _interrupt(context);

    private void SetParam(IntPtr config, string name, string value)
    {
        fixed (byte* n = NullTerminated(name))
        fixed (byte* v = NullTerminated(value))
        {
            _setParamValue(config, n, v);
        }
    }

    private string Eval(IntPtr context, string command)
    {
        fixed (byte* text = NullTerminated(command))
        {
            var result = _evalSmtlib2String(context, text);
            int error = _getErrorCode(context);
            // The returned buffer belongs to the context: copy it before the next call or deletion.
            string output = result == IntPtr.Zero ? "" : Marshal.PtrToStringUTF8(result) ?? "";
            return error == 0 ? output : $"{output}\n(error \"Z3 error code {error}\")";
        }
    }

    private static byte[] NullTerminated(string s)
    {
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(s) + 1];
        System.Text.Encoding.UTF8.GetBytes(s, 0, s.Length, bytes, 0);
        return bytes;
    }
}
