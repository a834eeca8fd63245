using System.Globalization;

namespace Willow.Bench;

/// <summary>
/// <c>footprint [--idle-seconds 60] [--load-seconds 120] [--starts 10] [--qemu-starts 3] [--env NAME=VALUE]… [--file PATH]</c>:
/// each role runs with its systemd unit's environment (<see cref="Willow.Testing.UnitEnvironment"/>); <c>--env</c> adds to or overrides it in
/// every process started, to try runtime settings (DOTNET_GCgen0size=…) without rebuilding;
/// <c>--file</c> measures another x64 build than artifacts/publish/linux-x64/willow (published with other settings).
/// </summary>
internal sealed record FootprintOptions(TimeSpan Idle, TimeSpan Load, int StartRuns, int QemuRuns, IReadOnlyDictionary<string, string> Environment, string? File)
{
    public static FootprintOptions Parse(string[] args)
    {
        var options = new FootprintOptions(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), 10, 3, new Dictionary<string, string>(), null);
        var environment = new Dictionary<string, string>();
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--idle-seconds" => options with { Idle = TimeSpan.FromSeconds(int.Parse(value, CultureInfo.InvariantCulture)) },
                "--load-seconds" => options with { Load = TimeSpan.FromSeconds(int.Parse(value, CultureInfo.InvariantCulture)) },
                "--starts" => options with { StartRuns = int.Parse(value, CultureInfo.InvariantCulture) },
                "--qemu-starts" => options with { QemuRuns = int.Parse(value, CultureInfo.InvariantCulture) },
                "--file" => options with { File = Path.GetFullPath(value) },
                "--env" when value.Split('=', 2) is [var name, var setting] => options with { Environment = environment = new(environment) { [name] = setting } },
                _ => throw new ArgumentException($"unknown option {args[i]} {value}"),
            };
        }

        return options;
    }
}
