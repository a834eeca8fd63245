using System.Diagnostics;
using Willow.Testing;

namespace Willow.Bench;

/// <summary>A real <c>willow</c> process (hub, gateway, agent), as it runs on its own machine; its output goes to a file.</summary>
internal sealed class RoleProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private RoleProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public int Pid => _process.Id;

    public static string Executable { get; } = Repository.PathTo("src", "Willow.Cli", "bin", "Release", "net10.0", "willow.dll");

    public static RoleProcess Start(string logPath, params string[] arguments)
    {
        if (!File.Exists(Executable))
        {
            throw new FileNotFoundException("Build the CLI in Release first: dotnet build src/Willow.Cli -c Release", Executable);
        }

        return StartFile(logPath, "dotnet", [Executable, .. arguments]);
    }

    /// <summary>A published single file (<c>artifacts/publish/linux-x64/willow</c>), started as systemd starts it: the file itself.</summary>
    public static RoleProcess StartPublished(string file, string logPath, IDictionary<string, string> environment, params string[] arguments) =>
        StartFile(logPath, file, arguments, environment);

    private static RoleProcess StartFile(string logPath, string file, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        foreach (var argument in arguments.Append("--exit-with-stdin"))
        {
            info.ArgumentList.Add(argument);
        }

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new RoleProcess(process, log);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or IOException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }
}
