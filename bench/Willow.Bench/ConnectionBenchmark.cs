using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Willow.Testing;

namespace Willow.Bench;

/// <summary>
/// How many gateways one hub node holds: real SignalR clients on loopback, each enrolled with its own token
/// and reporting a dispenser, connected to one <c>willow hub</c> process (SQLite). Prints the hub's resident
/// memory before and after, per connection, and the latency from the API call to the push arriving at a
/// random one of them. Bounded by a count and a time limit.
/// </summary>
internal static class ConnectionBenchmark
{
    public static async Task RunAsync(int gateways, int commands, TimeSpan limit)
    {
        Console.WriteLine($"Willow connection benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        var deadline = Stopwatch.StartNew();
        using var directory = new TempDirectory("bench-connections");
        var storage = BenchHub.Storage(directory, redis: null);
        var (household, token) = await BenchHub.CreateOwnerAsync(storage);
        await using var hub = await BenchHub.StartAsync(directory, "hub", storage, token);
        using var owner = BenchHub.Client(hub.Url, token);

        // Enrolment is what an owner does once per home; here it is done in bulk, eight at a time.
        var tokens = new string[gateways];
        var enrolled = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, gateways), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            tokens[i] = await BenchHub.EnrollGatewayAsync(owner, household, $"gw-{i:D5}", hub.Url);
            Progress("enrolled", Interlocked.Increment(ref enrolled), gateways);
        });
        Console.WriteLine();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var before = hub.Memory();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Hub before connections: {before.Rss:0} MiB resident."));

        var connected = new SimulatedGateway?[gateways];
        var count = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, gateways), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            if (deadline.Elapsed > limit)
            {
                return;
            }

            connected[i] = await SimulatedGateway.ConnectAsync(hub.Url, tokens[i], $"dispenser-{i:D5}");
            Progress("connected", Interlocked.Increment(ref count), gateways);
        });
        Console.WriteLine();
        var open = connected.OfType<SimulatedGateway>().ToArray();
        await Task.Delay(TimeSpan.FromSeconds(5));
        var after = hub.Memory();

        // A command to a random gateway: API call → the push arrives on that gateway's WebSocket.
        var random = new Random(20261125);
        var samples = new Samples("API call → push at a random gateway");
        for (var i = 0; i < commands && deadline.Elapsed < limit; i++)
        {
            var gateway = open[random.Next(open.Length)];
            var pushed = gateway.NextCommandAsync();
            var start = Stopwatch.GetTimestamp();
            using var response = await owner.PostAsync(
                $"api/v1/households/{household}/devices/{gateway.DeviceId}/commands",
                new StringContent("{\"kind\":\"dispense\",\"args\":{\"portions\":1}}", Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
            await pushed.WaitAsync(TimeSpan.FromSeconds(10));
            samples.Add(Stopwatch.GetTimestamp() - start);
        }

        var held = open.Length;
        Console.WriteLine();
        Console.WriteLine("| Gateways connected | Hub resident before | after | per connection | peak | command → push p50 | p95 | p99 | max |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {held} | {before.Rss:0} MiB | {after.Rss:0} MiB | {(after.Rss - before.Rss) * 1024 / Math.Max(held, 1):0.0} KiB | {after.Peak:0} MiB | {samples.Percentile(50):0.00} ms | {samples.Percentile(95):0.00} ms | {samples.Percentile(99):0.00} ms | {samples.Max:0.00} ms |"));
        Console.WriteLine(held >= 10_000 && after.Rss <= 1024
            ? "Target met: 10,000 gateways on one node in at most 1 GiB."
            : $"Target (10,000 gateways in ≤ 1 GiB) {(held < 10_000 ? $"not reached: only {held} connected" : $"missed: {after.Rss:0} MiB")}.");

        await Parallel.ForEachAsync(open, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (g, _) => await g.DisposeAsync());
    }

    private static void Progress(string what, int done, int total)
    {
        if (done % 500 == 0 || done == total)
        {
            Console.Write($"\r{what} {done}/{total}   ");
        }
    }
}
