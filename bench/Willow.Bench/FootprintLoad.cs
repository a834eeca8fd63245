using System.Net.Http.Json;
using System.Text;
using Willow.Core.Commands;
using Willow.Hub;
using Willow.Testing;

namespace Willow.Bench;

/// <summary>
/// A load the footprint benchmark measures memory under, each in turn for the same time. Today a stream of commands;
/// a stream of sensor readings goes here beside it once the sensors report them (one more entry in <see cref="All"/>).
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
        new("commands back to back", stop => CommandsAsync(hub, household, stop)),
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

        return $"{count:N0} commands";
    }
}
