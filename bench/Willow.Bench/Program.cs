using System.Globalization;
using Willow.Bench;

// dotnet run -c Release --project bench/Willow.Bench -- latency | connections | throughput | footprint [options]
const string Usage = """
    usage: willow-bench latency [--commands 1000] [--direct-commands 1000] [--direct-devices 10]
           willow-bench connections [--gateways 10000] [--commands 500] [--minutes 10]
           willow-bench throughput [--commands 5000] [--callers 32]
           willow-bench footprint [--idle-seconds 60] [--load-seconds 120] [--starts 10] [--qemu-starts 3] [--env NAME=VALUE]…
    """;
var named = new Dictionary<string, int>(StringComparer.Ordinal);
for (var i = 1; i + 1 < args.Length; i += 2)
{
    // Numbers only: footprint reads its own options (--env NAME=VALUE, --file PATH).
    if (int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var number))
    {
        named[args[i]] = number;
    }
}

int Get(string name, int fallback) => named.GetValueOrDefault(name, fallback);
switch (args.FirstOrDefault())
{
    case "latency" when BenchOptions.Parse(args) is { } options:
        await LatencyBenchmark.RunAsync(options);
        return 0;
    case "connections":
        await ConnectionBenchmark.RunAsync(Get("--gateways", 10_000), Get("--commands", 500), TimeSpan.FromMinutes(Get("--minutes", 10)));
        return 0;
    case "footprint":
        return await FootprintBenchmark.RunAsync(FootprintOptions.Parse(args));
    case "throughput":
        await ThroughputBenchmark.RunAsync(Get("--commands", 5000), Get("--callers", 32));
        return 0;
    default:
        Console.Error.WriteLine(Usage);
        return 2;
}
