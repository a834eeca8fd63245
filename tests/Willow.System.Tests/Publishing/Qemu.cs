using System.Collections.Concurrent;
using System.Diagnostics;

namespace Willow.System.Tests.Publishing;

/// <summary>
/// Runs the arm64 file on this x64 machine under qemu's user-mode emulator, with Debian's arm64 C and C++ libraries.
/// An emulator is slow: its start-up times say nothing about a Pi's.
/// </summary>
internal sealed class Qemu : IAsyncDisposable
{
    public const string Emulator = "/usr/bin/qemu-aarch64-static";
    public const string Libraries = "/usr/aarch64-linux-gnu";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private Qemu(Process process) => _process = process;

    public string Output => string.Join('\n', _lines);

    public bool HasExited => _process.HasExited;

    /// <summary>Fails with what to install when the emulator or the arm64 libraries are missing.</summary>
    public static void Require()
    {
        string[] needed = [Emulator, $"{Libraries}/lib/ld-linux-aarch64.so.1", $"{Libraries}/lib/libstdc++.so.6"];
        var missing = needed.Where(f => !File.Exists(f)).ToList();
        Assert.True(missing.Count == 0,
            $"Running the Pi's arm64 file here needs qemu's user-mode emulator and Debian's arm64 C and C++ libraries; missing: "
            + $"{string.Join(", ", missing)}. Install the Debian packages qemu-user-static, libc6-arm64-cross and libstdc++6-arm64-cross "
            + "(the README's test command does).");
    }

    /// <summary>
    /// The environment the file runs with here: no arm64 ICU is installed on this machine (Raspberry Pi OS has one), and
    /// the native libraries it carries unpack into <paramref name="extractTo"/> rather than the home directory.
    /// </summary>
    public static Dictionary<string, string> EnvironmentFor(string extractTo) => new()
    {
        ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1",
        ["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = extractTo,
        ["NO_COLOR"] = "1",
    };

    public static string[] Arguments(string file, IEnumerable<string> arguments) => ["-L", Libraries, file, .. arguments];

    public static Qemu Start(string file, IEnumerable<string> arguments, string extractTo)
    {
        var info = new ProcessStartInfo(Emulator) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in Arguments(file, arguments))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in EnvironmentFor(extractTo))
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var qemu = new Qemu(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) qemu._lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) qemu._lines.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return qemu;
    }

    /// <summary>Asks it to stop as systemd does (SIGTERM) and returns its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        if (!_process.HasExited)
        {
            WillowProcess.SendSignal(_process.Id, "TERM");
        }

        using var timeout = new CancellationTokenSource(grace);
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await StopAsync(TimeSpan.FromSeconds(30));
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}
