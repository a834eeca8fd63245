using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Willow.Cli.Output;
using Willow.Core.Commands;
using Willow.Hub.Commands;

namespace Willow.Cli.Client;

/// <summary>
/// <c>willow photo</c> (take one and save it), <c>willow readings</c> (what the sensors say now),
/// <c>willow tare</c> (zero the bowl scale) and <c>willow home</c> (re-home a dispenser, refill a carousel).
/// </summary>
public static class CameraAndSensorCommands
{
    /// <summary>A photo reaches the hub a moment after its snapshot succeeds (the gateway carries it up).</summary>
    private static readonly TimeSpan PhotoArrival = TimeSpan.FromSeconds(30);

    public static Command Photo(Terminal terminal, TimeProvider time)
    {
        var connection = new ClientOptions();
        var device = new Option<string>("--device", "-d") { Description = "The camera's device id.", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Where to save the JPEG (default: willow-<camera>-<time>.jpg here)." };
        var command = new Command("photo", "Take a photo with a camera and save it.") { device, output };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (client, householdId) = await connection.ConnectAsync(parse, ct);
            using (client)
            {
                var camera = parse.GetValue(device)!;
                var follower = new CommandFollower(client, terminal, time);
                var request = new IssueCommandRequest { Kind = CommandKinds.Snapshot };
                var (code, snapshot) = await follower.IssueAndFollowToEndAsync(
                    householdId, camera, request, Guid.CreateVersion7(time.GetUtcNow()).ToString(), wait: true, TimeSpan.FromSeconds(60), ct);
                if (code != ExitCodes.Success)
                {
                    return code;
                }

                var started = time.GetTimestamp();
                byte[]? jpeg;
                while ((jpeg = await client.PhotoAsync(householdId, snapshot.Id, ct)) is null)
                {
                    if (time.GetElapsedTime(started) > PhotoArrival)
                    {
                        throw new CliException($"The photo did not reach the hub within {PhotoArrival.TotalSeconds:0} s; the gateway keeps trying. It will appear on the dashboard's Devices page.");
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(250), time, ct);
                }

                var path = parse.GetValue(output)
                    ?? $"willow-{camera}-{time.GetLocalNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.jpg";
                await File.WriteAllBytesAsync(path, jpeg, ct);
                terminal.Line($"Saved {path} ({jpeg.Length / 1024.0:0.#} KB).");
                return ExitCodes.Success;
            }
        });
        return command;
    }

    public static Command Readings(Terminal terminal, TimeProvider time)
    {
        var connection = new ClientOptions();
        var device = new Option<string>("--device", "-d") { Description = "Only this sensors board." };
        var command = new Command("readings", "What the sensors measured last: temperature, humidity, the bowl's weight, motion.") { device };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (client, householdId) = await connection.ConnectAsync(parse, ct);
            using (client)
            {
                var wanted = parse.GetValue(device);
                var latest = (await client.LatestReadingsAsync(householdId, ct)).Where(r => wanted is null || r.DeviceId == wanted).ToList();
                if (latest.Count == 0)
                {
                    terminal.Line(wanted is null
                        ? "No readings yet: a board with the 'sensors' capability sends them once its gateway finds it."
                        : $"No readings from {wanted} yet.");
                    return ExitCodes.Success;
                }

                var now = time.GetUtcNow();
                var table = new Table("Device", "Measures", "Value", "When");
                foreach (var r in latest)
                {
                    var value = r.Metric == Core.Readings.Metrics.Motion
                        ? (r.Value > 0 ? "moving" : "still")
                        : $"{r.Value.ToString("0.#", CultureInfo.InvariantCulture)} {r.Unit}";
                    table.Add(r.DeviceId, r.Metric.Replace('_', ' '), value, DurationText.Ago(now - r.At));
                }

                table.WriteTo(terminal);
                return ExitCodes.Success;
            }
        });
        return command;
    }

    public static Command Tare(Terminal terminal, TimeProvider time) =>
        Simple("tare", "Zero the bowl scale: put the empty bowl on it first.", CommandKinds.Tare, "The sensors board's device id.", terminal, time);

    public static Command Home(Terminal terminal, TimeProvider time) =>
        Simple("home", "Send a dispenser's horn home; for a carousel, after a refill: every slot counts as full again.", CommandKinds.Home, "The dispenser's device id.", terminal, time);

    private static Command Simple(string name, string description, string kind, string deviceHelp, Terminal terminal, TimeProvider time)
    {
        var connection = new ClientOptions();
        var device = new Option<string>("--device", "-d") { Description = deviceHelp, Required = true };
        var command = new Command(name, description) { device };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (client, householdId) = await connection.ConnectAsync(parse, ct);
            using (client)
            {
                var follower = new CommandFollower(client, terminal, time);
                var request = new IssueCommandRequest { Kind = kind, Args = JsonDocument.Parse("{}").RootElement.Clone() };
                return await follower.IssueAndFollowAsync(householdId, parse.GetValue(device)!, request, Guid.CreateVersion7(time.GetUtcNow()).ToString(), wait: true, TimeSpan.FromSeconds(60), ct);
            }
        });
        return command;
    }
}
