using System.Diagnostics;
using System.Net.Sockets;

namespace Willow.Testing;

/// <summary>
/// A real <c>redis-server</c> on loopback. The README's test command starts one for the whole run and passes
/// its address in <c>WILLOW_TEST_REDIS</c>; run alone (<c>dotnet test</c>), the tests start their own.
/// Tests share it by giving every test its own key prefix (<see cref="NewPrefix"/>). A test that must stop
/// and restart Redis starts a private one with <see cref="StartAsync"/>.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly Lazy<Task<string>> SharedAddress = new(StartSharedAsync);
    private readonly TempDirectory _directory;
    private readonly bool _appendOnly;
    private Process? _process;

    private RedisServer(TempDirectory directory, int port, bool appendOnly)
    {
        _directory = directory;
        Port = port;
        _appendOnly = appendOnly;
    }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    /// <summary>The address of the run's shared Redis.</summary>
    public static Task<string> SharedAsync() => SharedAddress.Value;

    /// <summary>A key prefix no other test uses.</summary>
    public static string NewPrefix(string test) => $"test-{test}-{Guid.NewGuid():N}";

    /// <summary>A private Redis for this test; with <paramref name="appendOnly"/>, every write is fsynced to its AOF before Redis answers.</summary>
    public static async Task<RedisServer> StartAsync(bool appendOnly = true)
    {
        var server = new RedisServer(new TempDirectory("redis"), Ports.Free(), appendOnly);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts (again, after <see cref="KillAsync"/>) on the same port and data directory.</summary>
    public async Task StartAgainAsync()
    {
        var arguments = new List<string>
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--dir", _directory.Path,
            "--save", "",
            "--appendonly", _appendOnly ? "yes" : "no",
            "--appendfsync", "always",
            "--daemonize", "no",
            "--protected-mode", "yes",
        };
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        arguments.ForEach(start.ArgumentList.Add);
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilListeningAsync(Port);
    }

    /// <summary>Kills Redis without letting it save or flush anything more: a crash.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        _directory.Dispose();
    }

    private static async Task<string> StartSharedAsync()
    {
        if (Environment.GetEnvironmentVariable("WILLOW_TEST_REDIS") is { Length: > 0 } address)
        {
            return address;
        }

        var server = await StartAsync(appendOnly: false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server.Address;
    }

    private static async Task WaitUntilListeningAsync(int port)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(25);
            }
        }
    }
}
