using System.Net.Http.Json;
using System.Text;
using Willow.Core.Commands;
using Willow.Hub;
using Willow.Testing;

namespace Willow.Bench;

/// <summary>
/// A load the footprint benchmark measures memory under, each in turn for the same time. The agent is a dispenser
/// with a sensors board (simulated, sampling as fast as its settings allow), so readings stream from it to the gateway
/// and on to the hub all through the run; the load adds a stream of commands on top.
/// </summary>
internal sealed class FootprintLoad(string name, Func<CancellationToken, Task<string>> run)
{
    public const string Device = "bench-dispenser";
    private const string Dispense = "{\"kind\":\"dispense\",\"args\":{\"portions\":1}}";

    public string Name => name;

    /// <summary>Runs until cancelled; returns what it did ("2,415 commands").</summary>
    public Task<string> RunAsync(CancellationToken stop) => run(stop);

    public static IEnumerable<FootprintLoad> All(HttpClient hub, Guid household) =>
    [
        new("commands back to back, readings", stop => CommandsAsync(hub, household, stop)),
    ];

    public static Task WaitOnlineAsync(HttpClient hub, Guid household) =>
        Eventually.WaitAsync(
            () => hub.GetFromJsonAsync($"api/v1/households/{household}/devices", HubJsonContext.Default.IReadOnlyListDeviceView),
            list => list!.Any(d => d.Id == Device && d.Online),
            $"{Device} to be online",
            TimeSpan.FromSeconds(60));

    /// <summary>Dispenses through the hub's API, each as soon as the previous one has finished: the whole path works for each.</summary>
    private static async Task<string> CommandsAsync(HttpClient hub, Guid household, CancellationToken stop)
    {
        var started = DateTimeOffset.UtcNow;
        var count = 0;
        while (!stop.IsCancellationRequested)
        {
            using var issued = await hub.PostAsync(
                $"api/v1/households/{household}/devices/{Device}/commands", new StringContent(Dispense, Encoding.UTF8, "application/json"), CancellationToken.None);
            var id = (await issued.EnsureSuccessStatusCode().Content.ReadFromJsonAsync(HubJsonContext.Default.CommandView, CancellationToken.None))!.Id;
            while (!(await hub.GetFromJsonAsync($"api/v1/households/{household}/commands/{id}", HubJsonContext.Default.CommandView, CancellationToken.None))!.State.IsFinal())
            {
                await Task.Delay(2, CancellationToken.None);
            }

            count++;
        }

        var readings = await ReadingsSinceAsync(hub, household, started);
        return $"{count:N0} commands, {readings:N0} readings";
    }

    /// <summary>How many of the board's readings the hub holds since a moment: the readings' whole path worked for each.</summary>
    private static async Task<int> ReadingsSinceAsync(HttpClient hub, Guid household, DateTimeOffset since)
    {
        // The gateway forwards in pages; give the last one a moment to arrive.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var list = await hub.GetFromJsonAsync(
            $"api/v1/households/{household}/readings?device={Device}&from={Uri.EscapeDataString(since.ToString("O"))}&limit=10000",
            HubJsonContext.Default.IReadOnlyListReadingView);
        return list!.Count;
    }
}
