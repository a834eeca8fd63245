using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Willow.Testing;

namespace Willow.System.Tests;

public sealed class DemoShutdownTests
{
    [Fact]
    public async Task CtrlC_StopsEveryProcessOfTheDemo_AndASecondRunCarriesOnFromItsData()
    {
        using var directory = new TempDirectory("demo-stop");
        var data = Path.Combine(directory.Path, "data");
        string[] args = ["demo", "--urls", $"http://127.0.0.1:{Ports.Free()}", "--data-dir", data, "--no-login"];
        int[] children;
        string firstToken;
        await using (var demo = WillowProcess.Start(args))
        {
            await demo.WaitForOutputAsync("Willow demo is running.", TimeSpan.FromSeconds(120));
            children = [.. Directory.GetFiles(Path.Combine(data, "run"), "*.pid").Select(f => int.Parse(File.ReadAllText(f), CultureInfo.InvariantCulture))];
            firstToken = JsonDocument.Parse(File.ReadAllText(Path.Combine(data, "demo.json"))).RootElement.GetProperty("apiToken").GetString()!;
            Assert.Equal(6, children.Length); // hub, gateway, two dispensers, the speaker, the feeding station

            demo.Interrupt();
            Assert.Equal(0, await demo.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        await Eventually.WaitAsync(() => children.All(pid => !WillowProcess.IsAlive(pid)), "every child process to stop");

        await using var again = WillowProcess.Start(args);
        await again.WaitForOutputAsync("Willow demo is running.", TimeSpan.FromSeconds(120));
        Assert.Contains(firstToken, again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PortInUse_SaysSoAndHowToChooseAnother()
    {
        using var directory = new TempDirectory("demo-port");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var (code, output) = await WillowProcess.RunAsync("demo", "--urls", $"http://127.0.0.1:{port}", "--data-dir", directory.Path, "--no-login");

        Assert.Equal(2, code);
        Assert.Contains($"Port {port} is in use", output, StringComparison.Ordinal);
        Assert.Contains("--urls", output, StringComparison.Ordinal);
    }
}
