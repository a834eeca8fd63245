using System.Globalization;
using Willow.Bench;

// dotnet run -c Release --project bench/Willow.Bench -- latency | connections | throughput [options]
const string Usage = """
    usage: willow-bench latency [--commands 1000] [--direct-commands 1000] [--direct-devices 10]
           willow-bench connections [--gateways 10000] [--commands 500] [--minutes 10]
           willow-bench throughput [--commands 5000] [--callers 32]
    """;
var named = new Dictionary<string, int>(StringComparer.Ordinal);
for (var i = 1; i + 1 < args.Length; i += 2)
{
    named[args[i]] = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
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
    case "throughput":
        await ThroughputBenchmark.RunAsync(Get("--commands", 5000), Get("--callers", 32));
        return 0;
    default:
        Console.Error.WriteLine(Usage);
        return 2;
}
