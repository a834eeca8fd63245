using Willow.Bench;

// dotnet run -c Release --project bench/Willow.Bench -- latency [--commands N] [--direct-devices D] [--direct-commands N]
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: willow-bench latency [--commands 1000] [--direct-commands 1000] [--direct-devices 10]");
    return 2;
}

await LatencyBenchmark.RunAsync(options);
return 0;
