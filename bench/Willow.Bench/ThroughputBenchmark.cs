using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Willow.Testing;

namespace Willow.Bench;

/// <summary>
/// Commands accepted per second, and their latency, with many callers at once: on SQLite (one node), on
/// Redis with one node and with two nodes (callers alternating between them, the gateway on the second),
/// Redis with its AOF fsynced on every write as <c>docs/operations.md</c> advises. Beside them,
/// <c>redis-benchmark</c> on the same Redis, for what the machine itself can do.
/// </summary>
internal static class ThroughputBenchmark
{
    public static async Task RunAsync(int commands, int callers)
    {
        Console.WriteLine($"Willow throughput benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Console.WriteLine($"{commands} dispense commands per setup, {callers} callers at once, each hub node its own willow process.");
        var rows = new List<string>();
        using var directory = new TempDirectory("bench-throughput");
        await using var redis = await RedisServer.StartAsync(appendOnly: true);

        rows.Add(await RunAsync(directory, "SQLite, 1 node", redis: null, nodes: 1, commands, callers));
        rows.Add(await RunAsync(directory, "Redis (AOF always), 1 node", redis.Address, nodes: 1, commands, callers));
        rows.Add(await RunAsync(directory, "Redis (AOF always), 2 nodes", redis.Address, nodes: 2, commands, callers));

        Console.WriteLine();
        Console.WriteLine("| Setup | commands/s | p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine($"redis-benchmark on the same Redis (AOF always), {callers} clients:");
        Console.WriteLine(await RedisBenchmarkAsync(redis.Port, callers));
    }

    private static async Task<string> RunAsync(TempDirectory directory, string name, string? redis, int nodes, int commands, int callers)
    {
        var storage = BenchHub.Storage(directory, redis, prefix: $"bench-{nodes}");
        var (household, token) = await BenchHub.CreateOwnerAsync(storage);
        var hubs = new List<BenchHub>();
        for (var n = 0; n < nodes; n++)
        {
            hubs.Add(await BenchHub.StartAsync(directory, $"{name.Replace(' ', '-').Replace(',', '-')}-{n}", storage, token));
        }

        try
        {
            var owners = hubs.Select(h => BenchHub.Client(h.Url, token)).ToArray();
            var gatewayToken = await BenchHub.EnrollGatewayAsync(owners[0], household, "home", hubs[^1].Url);
            await using var gateway = await SimulatedGateway.ConnectAsync(hubs[^1].Url, gatewayToken, "bench-dispenser");
            var path = $"api/v1/households/{household}/devices/bench-dispenser/commands";
            var body = "{\"kind\":\"dispense\",\"args\":{\"portions\":1}}";

            // Warm up every node, then measure.
            foreach (var owner in owners)
            {
                for (var i = 0; i < 100; i++)
                {
                    (await owner.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
                }
            }

            var samples = new Samples(name);
            var next = -1;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, callers).Select(async caller =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < commands)
                {
                    var start = Stopwatch.GetTimestamp();
                    using var response = await owners[i % owners.Length].PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
                    response.EnsureSuccessStatusCode();
                    samples.Add(Stopwatch.GetTimestamp() - start);
                }
            }));
            clock.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {commands / clock.Elapsed.TotalSeconds:0} commands/s"));
            return string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {commands / clock.Elapsed.TotalSeconds:0} | {samples.Percentile(50):0.00} | {samples.Percentile(95):0.00} | {samples.Percentile(99):0.00} | {samples.Max:0.00} |");
        }
        finally
        {
            foreach (var hub in hubs)
            {
                await hub.DisposeAsync();
            }
        }
    }

    private static async Task<string> RedisBenchmarkAsync(int port, int clients)
    {
        var info = new ProcessStartInfo("redis-benchmark") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-c", clients.ToString(CultureInfo.InvariantCulture), "-n", "50000", "-q", "-t", "set,incr,hset,zadd" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return string.Join('\n', output.Split('\r', '\n').Where(l => l.Contains("requests per second", StringComparison.Ordinal)).Select(l => "  " + l.Trim()));
    }
}
