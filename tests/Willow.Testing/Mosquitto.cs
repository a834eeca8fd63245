using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Willow.Testing;

/// <summary>
/// A real <c>mosquitto</c> broker on loopback (Debian package <c>mosquitto</c>). The README's test command starts one
/// for the whole run and passes its address in <c>WILLOW_TEST_MQTT</c>; run alone, the tests start their own. Tests
/// keep apart by household (every test home has its own ids). A test that kills the broker starts a private one.
/// </summary>
public sealed class Mosquitto : IAsyncDisposable
{
    private static readonly Lazy<Task<string>> SharedAddress = new(StartSharedAsync);
    private readonly TempDirectory _directory = new("mosquitto");
    private Process? _process;

    private Mosquitto(int port) => Port = port;

    public int Port { get; }

    public string Url => $"mqtt://127.0.0.1:{Port}";

    /// <summary>The run's shared broker, as an <c>mqtt://</c> address.</summary>
    public static async Task<string> SharedUrlAsync() => "mqtt://" + await SharedAddress.Value;

    /// <summary>A private broker: nothing retained survives <see cref="KillAsync"/> (no persistence), as after a broker's disk was lost.</summary>
    public static async Task<Mosquitto> StartAsync()
    {
        var broker = new Mosquitto(Ports.Free());
        await broker.StartAgainAsync();
        return broker;
    }

    public async Task StartAgainAsync()
    {
        var config = Path.Combine(_directory.Path, "mosquitto.conf");
        await File.WriteAllTextAsync(config, string.Join('\n',
            $"listener {Port.ToString(CultureInfo.InvariantCulture)} 127.0.0.1",
            "allow_anonymous true",
            "persistence false",
            "log_dest stderr",
            ""));
        var start = new ProcessStartInfo("mosquitto") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(config);
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("mosquitto is not installed: apt-get install -y mosquitto", ex);
        }

        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilListeningAsync(Port);
    }

    /// <summary>Kills the broker with SIGKILL: connections drop without a goodbye, retained messages are gone.</summary>
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
        if (Environment.GetEnvironmentVariable("WILLOW_TEST_MQTT") is { Length: > 0 } address)
        {
            return address;
        }

        var broker = await StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => broker.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return $"127.0.0.1:{broker.Port}";
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
