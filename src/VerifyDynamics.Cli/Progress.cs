using System.Runtime.InteropServices;
using System.Text;
using Spectre.Console;

namespace VerifyDynamics.Cli;

/// <summary>
/// What a long run reports while it works: <see cref="Log"/> for the lines the command prints anyway (stderr, or
/// above the bar while one is drawn) and <see cref="Advance"/> for one finished unit of work.
/// </summary>
public sealed class ProgressSink
{
    private readonly ProgressTask? _task;

    internal ProgressSink(TextWriter log, ProgressTask? task)
    {
        Log = log;
        _task = task;
    }

    public TextWriter Log { get; }

    /// <summary>One unit done; <paramref name="next"/> (if any) names the unit now in progress.</summary>
    public void Advance(string? next = null)
    {
        if (_task is null)
        {
            return;
        }
        _task.Increment(1);
        if (next is not null)
        {
            _task.Description = Markup.Escape(next);
        }
    }
}

/// <summary>
/// Progress bars of long runs (<c>vd verify</c>, <c>vd mutants</c>, <c>vd experiment</c>). The bar is drawn with
/// Spectre.Console on stderr, and only when stderr is the process's own error stream and a terminal
/// (<see cref="Console.IsErrorRedirected"/> false) and <c>--no-progress</c> was not given. It never writes to stdout or to a
/// file, so outputs and certificates are byte-identical with or without it.
/// <para>Non-interactive runs (CI logs, Slurm, pipes) get no bar and no extra lines: each command already prints one plain
/// line per finished statement or variant (with its time), which is their progress log; a timer-driven line would only
/// repeat it.</para>
/// </summary>
public static class ProgressDisplay
{
    public static bool Enabled(TextWriter stderr, bool noProgress) =>
        !noProgress && ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;

    /// <summary>Runs <paramref name="body"/> under a bar of <paramref name="total"/> units (null: an indeterminate bar).</summary>
    public static T Run<T>(bool enabled, TextWriter stderr, string title, int? total, Func<ProgressSink, T> body)
    {
        if (!enabled)
        {
            return body(new ProgressSink(stderr, null));
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: total ?? 1);
                task.IsIndeterminate = total is null;
                return body(new ProgressSink(new ConsoleLineWriter(console), task));
            });
    }

    /// <summary>Forwards whole lines to the console that draws the bar, so they appear above it instead of through it.</summary>
    private sealed class ConsoleLineWriter(IAnsiConsole console) : TextWriter
    {
        private readonly StringBuilder _line = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_line)
            {
                if (value == '\n')
                {
                    console.WriteLine(_line.ToString().TrimEnd('\r'));
                    _line.Clear();
                }
                else
                {
                    _line.Append(value);
                }
            }
        }
    }
}

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM during a long run: the first signal asks the command to stop at the next unit boundary
/// (the statement in progress finishes and its certificate is written atomically), then the command throws
/// <see cref="OperationCanceledException"/> and <c>vd</c> exits with <see cref="ExitCodes.Interrupted"/> (130). A second
/// signal is left to the runtime's default handling and ends the process at once; files written through AtomicFile are
/// still either complete or absent (a <c>*.tmp</c> may remain; <c>--resume</c> ignores it).
/// </summary>
public sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly List<PosixSignalRegistration> _registrations = [];

    private readonly Action _swallowed;

    public Interruption(TextWriter stderr, string verb)
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                if (_cancel.IsCancellationRequested)
                {
                    return;
                }
                context.Cancel = true;
                stderr.WriteLine($"vd {verb}: {context.Signal} received: stopping; nothing is recorded for the work in progress (send it again to stop at once)");
                StartWatchdog(stderr, verb);
                _cancel.Cancel();
                // A Z3 call in progress is stopped through Z3_interrupt and never recorded as unknown (on its own thread:
                // the signal handler must return whatever libz3 does).
                new Thread(Symbolic.Proving.ProverInterrupt.Request) { IsBackground = true, Name = "vd interrupt" }.Start();
            }));
        }
        // libz3 catches SIGINT itself while it solves: the provers report that as an interrupt, handled the same way.
        _swallowed = () =>
        {
            if (!_cancel.IsCancellationRequested)
            {
                stderr.WriteLine($"vd {verb}: SIGINT received during a Z3 call: stopping; nothing is recorded for the work in progress");
                _cancel.Cancel();
                StartWatchdog(stderr, verb);
            }
        };
        Symbolic.Proving.ProverInterrupt.SignalSwallowed += _swallowed;
    }

    public CancellationToken Token => _cancel.Token;

    /// <summary>How long the work in progress may take to stop after a signal before the process ends anyway.</summary>
    public static TimeSpan Grace { get; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Some searches do not poll Z3's interrupt flag (Z3 4.8's nlsat) and trials cannot be stopped half-way: if the work has
    /// not stopped <see cref="Grace"/> after the signal, the process ends with 130 at once (<c>_exit</c>, no clean-up that
    /// could race the running native code). Nothing partial remains: every write goes through a temporary file and a rename,
    /// and a temporary file left by the exit is removed at the start of the next verify or merge.
    /// </summary>
    private static void StartWatchdog(TextWriter stderr, string verb)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var thread = new Thread(() =>
        {
            Thread.Sleep(Grace);
            stderr.WriteLine($"vd {verb}: interrupted; every file already written is complete (the work in progress did not stop within {Grace.TotalSeconds:0} s and was abandoned)");
            stderr.Flush();
            Console.Out.Flush();
            NativeExit.Exit(ExitCodes.Interrupted);
        })
        { IsBackground = true, Name = "vd interrupt watchdog" };
        thread.Start();
    }

    public void Dispose()
    {
        foreach (var r in _registrations)
        {
            r.Dispose();
        }
        Symbolic.Proving.ProverInterrupt.SignalSwallowed -= _swallowed;
        if (_cancel.IsCancellationRequested)
        {
            Symbolic.Proving.ProverInterrupt.Reset();
        }
        _cancel.Dispose();
    }
}

/// <summary>libc's <c>_exit</c>: ends the process at once, without atexit handlers (libz3's static destructors could race its running solver).</summary>
internal static partial class NativeExit
{
    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "_exit")]
    private static partial void ExitNow(int status);

    public static void Exit(int status) => ExitNow(status);
}
