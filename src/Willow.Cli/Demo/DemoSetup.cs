using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Willow.Cli.Client;
using Willow.Core.Commands;
using Willow.Core.Security;

namespace Willow.Cli.Demo;

/// <summary>
/// Prepares a demo home in a data directory: secrets (kept from an earlier run), free ports, and one
/// configuration file per process, written the way a person would write them for a real install.
/// </summary>
public static class DemoSetup
{
    public const string GatewayId = "home";
    public const string TreatDispenser = "treat-dispenser";
    public const string PillDispenser = "pill-dispenser";
    public const string PetName = "Willow";
    public const int PillCapacity = 30;
    public const string Speaker = "speaker";

    /// <summary>A board by the bowl: a camera that watches it and sensors (the room, the bowl's weight, motion).</summary>
    public const string FeedingStation = "feeding-station";
    public const string ManifestFile = "demo.json";

    /// <summary>Treats are not medication, but the demo shows the lockout all the same.</summary>
    public static readonly TimeSpan TreatLockout = TimeSpan.FromSeconds(30);

    public static string DefaultDataDirectory
    {
        get
        {
            var data = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            if (string.IsNullOrEmpty(data))
            {
                data = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            }

            return Path.Combine(data, "willow", "demo");
        }
    }

    public const string OwnerEmail = "owner@demo.willow";
    public const string OwnerName = "Demo owner";

    public static string HubDatabase(string dataDirectory) => Path.Combine(dataDirectory, "hub", "hub.db");

    public static string GatewayDataDirectory(string dataDirectory) => Path.Combine(dataDirectory, "gateway");

    /// <summary>Ports and configuration files; the owner and household come from <see cref="DemoOwner"/> before the hub starts.</summary>
    public static DemoManifest Prepare(Uri hubUrl, string dataDirectory, DemoOwner owner, string? mqttBroker = null)
    {
        Directory.CreateDirectory(dataDirectory);
        var earlier = LoadManifest(dataDirectory);
        var hub = hubUrl.GetLeftPart(UriPartial.Authority);
        var devices = new List<DemoDevice>
        {
            new(TreatDispenser, "Treat dispenser", [Capability.Dispenser], $"http://127.0.0.1:{FreePort()}", Path.Combine(dataDirectory, "agents", TreatDispenser, "movements.log")),
            new(PillDispenser, "Pill dispenser", [Capability.Dispenser], $"http://127.0.0.1:{FreePort()}", Path.Combine(dataDirectory, "agents", PillDispenser, "movements.log")),
            new(Speaker, "Kitchen speaker", [Capability.Speaker], $"http://127.0.0.1:{FreePort()}", Path.Combine(dataDirectory, "agents", Speaker, "plays.log")),
            new(FeedingStation, "Feeding station", [Capability.Camera, Capability.Sensors], $"http://127.0.0.1:{FreePort()}", null),
        };
        var manifest = new DemoManifest(
            HubUrl: hub,
            ApiUrl: hub + "/api/v1",
            DocsUrl: hub + "/docs",
            HouseholdId: owner.HouseholdId,
            HouseholdName: owner.HouseholdName,
            TimeZone: owner.TimeZone,
            OwnerEmail: owner.Email,
            OwnerPassword: owner.Password,
            ApiToken: owner.ApiToken,
            ApiTokenId: owner.ApiTokenId,
            GatewayId: GatewayId,
            HomeKey: earlier?.HomeKey ?? HomeKey.Generate(),
            DataDirectory: dataDirectory,
            Devices: devices,
            PidFiles: new Dictionary<string, string>
            {
                ["hub"] = PidFile(dataDirectory, "hub"),
                ["gateway"] = PidFile(dataDirectory, "gateway"),
                [TreatDispenser] = PidFile(dataDirectory, TreatDispenser),
                [PillDispenser] = PidFile(dataDirectory, PillDispenser),
                [Speaker] = PidFile(dataDirectory, Speaker),
                [FeedingStation] = PidFile(dataDirectory, FeedingStation),
            });

        WriteHubConfig(manifest);
        WriteGatewayConfig(manifest, $"http://127.0.0.1:{FreePort()}", mqttBroker);
        foreach (var device in devices)
        {
            WriteAgentConfig(manifest, device);
        }

        return manifest;
    }

    public static string ConfigPath(DemoManifest manifest, string process) => Path.Combine(manifest.DataDirectory, "config", process + ".json");

    public const string EnvironmentFile = "demo.env";

    /// <summary>Writes <c>demo.json</c>, and <c>demo.env</c> for shells: the variables the CLI also reads.</summary>
    public static void SaveManifest(DemoManifest manifest)
    {
        var path = Path.Combine(manifest.DataDirectory, ManifestFile);
        File.WriteAllText(path, JsonSerializer.Serialize(manifest, CliJsonContext.Default.DemoManifest));
        var env = Path.Combine(manifest.DataDirectory, EnvironmentFile);
        File.WriteAllText(env, string.Join('\n',
            $"export WILLOW_HUB_URL={manifest.HubUrl}",
            $"export WILLOW_TOKEN={manifest.ApiToken}",
            $"export WILLOW_EMAIL={manifest.OwnerEmail}",
            $"export WILLOW_PASSWORD={manifest.OwnerPassword}",
            $"export WILLOW_HOUSEHOLD={manifest.HouseholdId}",
            $"export WILLOW_API={manifest.ApiUrl}/households/{manifest.HouseholdId}",
            ""));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.SetUnixFileMode(env, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public static DemoManifest? LoadManifest(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, ManifestFile);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), CliJsonContext.Default.DemoManifest);
        }
        catch (JsonException ex)
        {
            throw new CliException($"{path} is not valid JSON ({ex.Message}); delete it to start the demo afresh.", ExitCodes.Usage);
        }
    }

    /// <summary>Fails early, with the way out, when the hub's port is taken.</summary>
    public static void EnsurePortFree(Uri hubUrl)
    {
        var address = hubUrl.Host is "localhost" ? IPAddress.Loopback : IPAddress.TryParse(hubUrl.Host, out var parsed) ? parsed : IPAddress.Any;
        try
        {
            using var listener = new TcpListener(address, hubUrl.Port);
            listener.Start();
        }
        catch (SocketException)
        {
            throw new CliException(
                $"Port {hubUrl.Port} is in use (another willow demo?). Stop it, or choose another: willow demo --urls http://127.0.0.1:{hubUrl.Port + 10}",
                ExitCodes.Usage);
        }
    }

    private static void WriteHubConfig(DemoManifest manifest) => Write(ConfigPath(manifest, "hub"), new JsonObject
    {
        ["urls"] = manifest.HubUrl,
        ["Storage"] = new JsonObject { ["SqlitePath"] = HubDatabase(manifest.DataDirectory) },
    });

    private static void WriteGatewayConfig(DemoManifest manifest, string url, string? mqttBroker)
    {
        var agents = new JsonArray();
        foreach (var device in manifest.Devices)
        {
            // As a JsonNode: the generic Add<T> would serialise T by reflection, which trimming does not allow.
            agents.Add((JsonNode)new JsonObject { ["DeviceId"] = device.Id, ["Url"] = device.Url });
        }

        Write(ConfigPath(manifest, "gateway"), new JsonObject
        {
            ["urls"] = url,
            ["Gateway"] = new JsonObject
            {
                // The token comes from 'willow gateway enroll' in the data directory; the address is set here
                // because the demo's hub may listen elsewhere than when the gateway enrolled.
                ["HubUrl"] = manifest.HubUrl,
                ["HomeKey"] = manifest.HomeKey,
                ["DataDirectory"] = GatewayDataDirectory(manifest.DataDirectory),
                ["PresenceInterval"] = "00:00:05",
            },
            ["Lockout"] = new JsonObject { ["Devices"] = new JsonObject { [TreatDispenser] = TreatLockout.ToString() } },
            ["Discovery"] = new JsonObject { ["Provider"] = "static", ["Agents"] = agents },
            // Home Assistant over MQTT, when 'willow demo --mqtt' names a broker; an empty broker turns it off.
            ["Mqtt"] = new JsonObject { ["Broker"] = mqttBroker ?? "" },
        });
    }

    private static void WriteAgentConfig(DemoManifest manifest, DemoDevice device)
    {
        var config = new JsonObject
        {
            ["urls"] = device.Url,
            ["Agent"] = new JsonObject
            {
                ["DeviceId"] = device.Id,
                ["Name"] = device.Name,
                ["Capabilities"] = new JsonArray([.. device.Capabilities.Select(c => JsonValue.Create(c))]),
                ["HomeKey"] = manifest.HomeKey,
                ["DataDirectory"] = Path.Combine(manifest.DataDirectory, "agents", device.Id),
            },
        };
        if (device.Capabilities.Contains(Capability.Dispenser))
        {
            // The treat dispenser has a lockout of its own; the pill dispenser's comes from its regimen.
            config["Dispenser"] = new JsonObject
            {
                ["Driver"] = "simulated",
                ["MinimumInterval"] = device.Id == TreatDispenser ? TreatLockout.ToString() : "00:00:00",
                ["SimulatedMovementLog"] = device.SimulationLog,
            };
        }

        if (device.Capabilities.Contains(Capability.Speaker))
        {
            config["Speaker"] = new JsonObject { ["Driver"] = "simulated", ["SimulatedPlayLog"] = device.SimulationLog };
        }

        if (device.Capabilities.Contains(Capability.Camera))
        {
            // ffmpeg's moving test picture stands in for the webcam: real JPEGs, a real MJPEG live view.
            config["Camera"] = new JsonObject { ["Driver"] = "simulated", ["Width"] = 640, ["Height"] = 480, ["FrameRate"] = 10 };
        }

        if (device.Capabilities.Contains(Capability.Sensors))
        {
            // A simulated room, bowl and motion sensor, sampled often enough that the charts move while you watch.
            config["Sensors"] = new JsonObject
            {
                ["Climate"] = "simulated",
                ["Scale"] = "simulated",
                ["Motion"] = "simulated",
                ["ClimateInterval"] = "00:00:15",
                ["BowlInterval"] = "00:00:10",
            };
        }

        Write(ConfigPath(manifest, device.Id), config);
    }

    private static void Write(string path, JsonObject json)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static string PidFile(string dataDirectory, string process) => Path.Combine(dataDirectory, "run", process + ".pid");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
