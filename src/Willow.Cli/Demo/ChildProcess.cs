using System.Diagnostics;
using System.Globalization;
using Willow.Cli.Output;

namespace Willow.Cli.Demo;

/// <summary>
/// One process of the demo (hub, gateway, an agent), supervised like systemd's <c>Restart=always</c>:
/// its output is shown with its name, and if it dies it is started again. Its pid is kept in a file so
/// that tests and curious people can find it.
/// </summary>
public sealed class ChildProcess(
    string name, IReadOnlyList<string> arguments, string pidFile, Terminal terminal, TerminalColor tone, TimeProvider time, CancellationToken demoStopping)
{
    private const string SetSid = "/usr/bin/setsid";
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private readonly Lock _gate = new();
    private Process? _process;
    private bool _stopping;
    private Task? _supervisor;

    public string Name => name;

    public string PidFile => pidFile;

    /// <summary>Completes when the process exits unexpectedly the first time (start-up checks watch it).</summary>
    public TaskCompletionSource<int> FirstExit { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Start() => _supervisor = Task.Run(SuperviseAsync);

    public async Task StopAsync()
    {
        Process? process;
        lock (_gate)
        {
            _stopping = true;
            process = _process;
        }

        if (process is not null)
        {
            try
            {
                // Closing stdin asks the child to shut down cleanly (it runs with --exit-with-stdin).
                process.StandardInput.Close();
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException)
            {
                // It has gone already.
            }
        }

        if (_supervisor is not null && await Task.WhenAny(_supervisor, Task.Delay(StopGrace, time)) != _supervisor)
        {
            try
            {
                process?.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }

            await _supervisor;
        }

        File.Delete(pidFile);
    }

    private async Task SuperviseAsync()
    {
        var restarts = 0;
        while (true)
        {
            Process process;
            lock (_gate)
            {
                if (_stopping)
                {
                    return;
                }

                process = Launch();
                _process = process;
            }

            var started = time.GetTimestamp();
            await process.WaitForExitAsync();
            var code = process.ExitCode;
            lock (_gate)
            {
                _process = null;
                process.Dispose();
                if (_stopping || demoStopping.IsCancellationRequested)
                {
                    return;
                }
            }

            FirstExit.TrySetResult(code);
            restarts = time.GetElapsedTime(started) > TimeSpan.FromMinutes(1) ? 0 : restarts + 1;
            var delay = TimeSpan.FromSeconds(Math.Min(10, 1 << Math.Min(restarts, 4)) / 2.0);
            terminal.Line(terminal.Paint($"{name,-16}│ exited with code {code}; restarting in {delay.TotalSeconds:0.#} s", TerminalColor.Yellow));
            try
            {
                await Task.Delay(delay, time, demoStopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private Process Launch()
    {
        var (file, prefix) = SelfInvocation();

        // In a session of its own, a child does not get the terminal's Ctrl+C: the demo stops its children
        // in order, and restarts one only if it dies by itself.
        var detach = File.Exists(SetSid);
        var info = new ProcessStartInfo(detach ? SetSid : file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (detach)
        {
            info.ArgumentList.Add(file);
        }

        foreach (var argument in prefix.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        // Children log in plain lines without colour codes; the demo adds the name in front.
        info.Environment["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled";
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning";

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Directory.CreateDirectory(Path.GetDirectoryName(pidFile)!);
        File.WriteAllText(pidFile, process.Id.ToString(CultureInfo.InvariantCulture));
        return process;
    }

    private void Forward(string? line)
    {
        if (line is not null)
        {
            terminal.Line($"{terminal.Paint($"{name,-16}│", tone)} {line}");
        }
    }

    /// <summary>How to start this same executable again: the apphost itself, or <c>dotnet willow.dll</c>.</summary>
    public static (string File, IReadOnlyList<string> Prefix) SelfInvocation()
    {
        var path = Environment.ProcessPath ?? throw new CliException("Cannot tell which executable is running.");
        // Assembly.Location is empty inside a single-file build; under 'dotnet' the entry assembly sits in the base directory.
        return Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? (path, [Path.Combine(AppContext.BaseDirectory, typeof(ChildProcess).Assembly.GetName().Name + ".dll")])
            : (path, []);
    }
}
