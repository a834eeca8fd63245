using System.Globalization;

namespace Willow.Bench;

internal sealed record BenchOptions(int Commands, int DirectCommands, int DirectDevices)
{
    public static BenchOptions? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] != "latency")
        {
            return null;
        }

        var options = new BenchOptions(1000, 1000, 10);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--commands" => options with { Commands = value },
                "--direct-commands" => options with { DirectCommands = value },
                "--direct-devices" => options with { DirectDevices = value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return options;
    }
}
