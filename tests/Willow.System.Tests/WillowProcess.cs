using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Willow.Testing;

namespace Willow.System.Tests;

/// <summary>The real <c>willow</c> executable running as its own process, its output captured line by line.</summary>
internal sealed class WillowProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private WillowProcess(Process process) => _process = process;

    public static string Executable { get; } = FindExecutable();

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output => string.Join('\n', _lines);

    public static WillowProcess Start(IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var dll = Executable.EndsWith(".dll", StringComparison.Ordinal);
        var info = new ProcessStartInfo(dll ? "dotnet" : Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (dll)
        {
            info.ArgumentList.Add(Executable);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var willow = new WillowProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) willow._lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) willow._lines.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return willow;
    }

    /// <summary>Runs a short command (feed, status) to its end.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) => RunAsync(arguments, null);

    /// <summary>Runs a short command to its end, typing <paramref name="input"/> on its standard input first.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments, string? input)
    {
        await using var process = Start(arguments);
        if (input is not null)
        {
            await process._process.StandardInput.WriteLineAsync(input);
            process._process.StandardInput.Close();
        }

        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(120));
        return (code, process.Output);
    }

    public Task WaitForOutputAsync(string text, TimeSpan timeout) =>
        Eventually.WaitAsync(
            () =>
            {
                if (_process.HasExited && !_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
                {
                    throw new InvalidOperationException($"willow exited with {_process.ExitCode} before printing '{text}':\n{Output}");
                }

                return _lines.Any(l => l.Contains(text, StringComparison.Ordinal));
            },
            $"willow to print '{text}'",
            timeout);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does.</summary>
    public void Interrupt() => SendSignal(_process.Id, "INT");

    public static void SendSignal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Interrupt();
            try
            {
                await WaitForExitAsync(TimeSpan.FromSeconds(20));
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    /// <summary>
    /// The built <c>willow.dll</c>, run with <c>dotnet</c>; or, when <c>WILLOW_TEST_EXECUTABLE</c> names one, a published
    /// file (<c>WILLOW_TEST_EXECUTABLE=artifacts/publish/linux-x64/willow</c> runs these tests against the trimmed build).
    /// </summary>
    private static string FindExecutable()
    {
        if (Environment.GetEnvironmentVariable("WILLOW_TEST_EXECUTABLE") is { Length: > 0 } published)
        {
            var file = Path.GetFullPath(published, Repository.Root);
            return File.Exists(file) ? file : throw new FileNotFoundException($"WILLOW_TEST_EXECUTABLE names {file}, which does not exist: scripts/publish.sh linux-x64 makes it.", file);
        }

        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Repository.PathTo("src", "Willow.Cli", "bin", configuration, "net10.0", "willow.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build src/Willow.Cli first.", path);
    }
}
