using System.CommandLine;
using System.Globalization;
using Willow.Agent;
using Willow.Gateway;
using Willow.Hosting;
using Willow.Hub;

namespace Willow.Cli.Roles;

/// <summary><c>willow hub</c>, <c>willow gateway</c>, <c>willow agent</c>: the long-running processes.</summary>
public static class RoleCommands
{
    public static Command Hub()
    {
        var common = new CommonOptions("http://0.0.0.0:5080");
        var storage = new StorageFlags();
        var mqtt = MqttOption("the households' devices, as the hub sees them");
        var command = new Command("hub", "Run the hub: the REST API, the gateway WebSocket, storage.") { mqtt };
        common.AddTo(command);
        storage.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var settings = Set(storage.Apply(parse, HubSettings(parse, common)), "Mqtt:Broker", Broker(parse.GetValue(mqtt)));
            return await RoleRunner.RunAsync("hub", () => HubApplication.Build(settings), parse.GetValue(common.ExitWithStdin), ct);
        });
        return command;
    }

    /// <summary>The hub's settings from its flags; <c>willow users</c> reads the same to find the database.</summary>
    internal static RoleSettings HubSettings(ParseResult parse, CommonOptions common) =>
        HubSettings(common.Settings(parse, []), parse.GetValue(common.DataDir));

    internal static RoleSettings HubSettings(RoleSettings settings, string? dataDir)
    {
        settings = settings with
        {
            Defaults = new Dictionary<string, string?>(settings.Defaults ?? new Dictionary<string, string?>(), StringComparer.OrdinalIgnoreCase)
            {
                ["Storage:SqlitePath"] = "/var/lib/willow/hub/willow.db",
            },
        };
        return dataDir is not null ? settings.With("Storage:SqlitePath", Path.Combine(Path.GetFullPath(dataDir), "hub.db")) : settings;
    }

    public static Command Gateway(IEnumerable<Command> subcommands)
    {
        var common = new CommonOptions("http://127.0.0.1:5081");
        var hub = new Option<string>("--hub") { Description = "The hub's address (Gateway:HubUrl)." };
        var token = new Option<string>("--token") { Description = "The gateway token (Gateway:Token); prefer the config file or WILLOW__Gateway__Token." };
        var homeKey = new Option<string>("--home-key") { Description = "The home key agents verify signatures with (Gateway:HomeKey)." };
        var agents = new Option<string[]>("--agent")
        {
            Description = "An agent as DEVICE-ID=URL, e.g. treat-dispenser=http://192.168.1.20:5090 (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var mqtt = MqttOption("this home's devices");
        var consul = ConsulOption("Find the agents in this Consul (Discovery:Provider=consul, Consul:Address), e.g. http://127.0.0.1:8500; the ACL token from CONSUL_HTTP_TOKEN or WILLOW__Consul__Token.");
        var command = new Command("gateway", "Run a home's gateway: keeps the hub link, relays commands to the agents.") { hub, token, homeKey, agents, mqtt, consul };
        common.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var settings = common.Settings(parse, WithConsulToken(new Dictionary<string, string?> { ["Gateway:DataDirectory"] = "/var/lib/willow/gateway" }));
            settings = Consul(settings, parse.GetValue(consul));
            settings = Set(settings, "Gateway:HubUrl", parse.GetValue(hub));
            settings = Set(settings, "Gateway:Token", parse.GetValue(token));
            settings = Set(settings, "Gateway:HomeKey", parse.GetValue(homeKey));
            settings = Set(settings, "Gateway:DataDirectory", FullPath(parse.GetValue(common.DataDir)));
            settings = Set(settings, "Mqtt:Broker", Broker(parse.GetValue(mqtt)));
            var index = 0;
            foreach (var agent in parse.GetValue(agents) ?? [])
            {
                var parts = agent.Split('=', 2);
                if (parts.Length != 2 || parts[0].Length == 0 || !Uri.TryCreate(parts[1], UriKind.Absolute, out _))
                {
                    throw new CliException($"--agent '{agent}' must look like DEVICE-ID=http://host:port.", ExitCodes.Usage);
                }

                settings = settings.With($"Discovery:Agents:{index}:DeviceId", parts[0]).With($"Discovery:Agents:{index}:Url", parts[1]);
                index++;
            }

            return await RoleRunner.RunAsync("gateway", () => GatewayApplication.Build(settings), parse.GetValue(common.ExitWithStdin), ct);
        });
        foreach (var subcommand in subcommands)
        {
            command.Subcommands.Add(subcommand);
        }

        return command;
    }

    public static Command Agent()
    {
        var common = new CommonOptions("http://0.0.0.0:5090");
        var deviceId = new Option<string>("--device-id") { Description = "This board's device id (Agent:DeviceId), e.g. treat-dispenser." };
        var name = new Option<string>("--name") { Description = "A name people recognise (Agent:Name)." };
        var capabilities = new Option<string[]>("--capability") { Description = "A capability this board hosts: dispenser, speaker, camera, sensors (repeatable)." };
        var homeKey = new Option<string>("--home-key") { Description = "The home key gateway requests are signed with (Agent:HomeKey)." };
        var hub = new Option<string>("--hub") { Description = "Direct mode: poll this hub for commands, with no gateway (Direct:HubUrl)." };
        var token = new Option<string>("--token") { Description = "Direct mode: this device's token (Direct:Token)." };
        var poll = new Option<string>("--poll") { Description = "Direct mode: 'long' (long-poll, default) or 'interval' (ask every second)." };
        poll.AcceptOnlyFromAmong("long", "interval");
        var consul = ConsulOption("Register with this Consul (Discovery:Provider=consul, Consul:Address), e.g. http://127.0.0.1:8500; the ACL token from CONSUL_HTTP_TOKEN or WILLOW__Consul__Token.");
        var advertise = new Option<string>("--advertise") { Description = "With --consul: the address the gateway reaches this board at (Consul:ServiceAddress); default, its LAN address." };
        var command = new Command("agent", "Run an agent on a board: its capabilities, its journal, its LAN API.")
        {
            deviceId, name, capabilities, homeKey, hub, token, poll, consul, advertise,
        };
        common.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var settings = common.Settings(parse, WithConsulToken(new Dictionary<string, string?> { ["Agent:DataDirectory"] = "/var/lib/willow/agent" }));
            settings = Consul(settings, parse.GetValue(consul));
            settings = Set(settings, "Consul:ServiceAddress", parse.GetValue(advertise));
            settings = Set(settings, "Agent:DeviceId", parse.GetValue(deviceId));
            settings = Set(settings, "Agent:Name", parse.GetValue(name));
            settings = Set(settings, "Agent:HomeKey", parse.GetValue(homeKey));
            settings = Set(settings, "Agent:DataDirectory", FullPath(parse.GetValue(common.DataDir)));
            settings = Set(settings, "Direct:HubUrl", parse.GetValue(hub));
            settings = Set(settings, "Direct:Token", parse.GetValue(token));
            settings = Set(settings, "Direct:Mode", parse.GetValue(poll) switch { "interval" => "Interval", "long" => "LongPoll", _ => null });
            var index = 0;
            foreach (var capability in parse.GetValue(capabilities) ?? [])
            {
                settings = settings.With($"Agent:Capabilities:{index++.ToString(CultureInfo.InvariantCulture)}", capability);
            }

            return await RoleRunner.RunAsync("agent", () => AgentApplication.Build(settings), parse.GetValue(common.ExitWithStdin), ct);
        });
        return command;
    }

    private static RoleSettings Set(RoleSettings settings, string key, string? value) => value is null ? settings : settings.With(key, value);

    /// <summary><c>--mqtt mqtt://host:port</c>: publish to Home Assistant through this broker (<c>Mqtt:Broker</c>).</summary>
    internal static Option<string> MqttOption(string what) => new("--mqtt")
    {
        Description = $"An MQTT broker to publish {what} to, for Home Assistant (Mqtt:Broker), e.g. mqtt://127.0.0.1:1883.",
    };

    /// <summary>The broker's address, checked here so a typo is a usage error, not a stack trace.</summary>
    internal static string? Broker(string? text) => text is null || HomeAssistant.BrokerAddress.TryParse(text, out _)
        ? text
        : throw new CliException($"--mqtt '{text}' is not a broker address; write {HomeAssistant.BrokerAddress.Expected}.", ExitCodes.Usage);

    internal static Option<string> ConsulOption(string description) => new("--consul") { Description = description };

    /// <summary><c>--consul URL</c> turns Consul discovery on; the address is checked here so a typo is a usage error.</summary>
    internal static RoleSettings Consul(RoleSettings settings, string? url)
    {
        if (url is null)
        {
            return settings;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--consul '{url}' is not Consul's HTTP address; write http://host:8500.", ExitCodes.Usage);
        }

        return settings.With("Discovery:Provider", "consul").With("Consul:Address", url);
    }

    /// <summary>
    /// Consul's own <c>CONSUL_HTTP_TOKEN</c>, as the <c>consul</c> command reads it, at the lowest precedence: a token in
    /// the file or in <c>WILLOW__Consul__Token</c> wins. Never a flag: a token on the command line shows in <c>ps</c>.
    /// </summary>
    private static Dictionary<string, string?> WithConsulToken(Dictionary<string, string?> defaults)
    {
        if (Environment.GetEnvironmentVariable("CONSUL_HTTP_TOKEN") is { Length: > 0 } token)
        {
            defaults["Consul:Token"] = token;
        }

        return defaults;
    }

    private static string? FullPath(string? path) => path is null ? null : Path.GetFullPath(path);

    /// <summary><c>--storage redis --redis HOST:PORT</c>: the hub's store, the same for <c>willow hub</c> and <c>willow users add</c>.</summary>
    internal sealed class StorageFlags
    {
        public Option<string> Storage { get; } = new("--storage") { Description = "sqlite (one hub node, the default) or redis (several hub nodes on one Redis)." };

        public Option<string> Redis { get; } = new("--redis") { Description = "The Redis connection string, e.g. localhost:6379 or host:6380,password=…,ssl=true (implies --storage redis)." };

        public void AddTo(Command command)
        {
            command.Options.Add(Storage);
            command.Options.Add(Redis);
        }

        public RoleSettings Apply(ParseResult parse, RoleSettings settings)
        {
            var storage = parse.GetValue(Storage)?.ToLowerInvariant();
            var redis = parse.GetValue(Redis);
            if (storage is not (null or "sqlite" or "redis"))
            {
                throw new CliException($"--storage must be sqlite or redis, not '{parse.GetValue(Storage)}'.", ExitCodes.Usage);
            }

            if (storage == "sqlite" && redis is not null)
            {
                throw new CliException("--redis goes with --storage redis.", ExitCodes.Usage);
            }

            if (storage == "redis" || redis is not null)
            {
                settings = settings.With("Storage:Provider", "redis");
            }

            return redis is not null ? settings.With("Storage:Redis", redis) : settings;
        }
    }

    internal sealed class CommonOptions(string defaultUrls)
    {
        public Option<string> Urls { get; } = new("--urls") { Description = $"Where to listen (default {defaultUrls})." };

        public Option<string> DataDir { get; } = new("--data-dir") { Description = "Where to keep the database or journal." };

        public Option<string> Config { get; } = new("--config") { Description = "A JSON configuration file; WILLOW__ environment variables and flags override it." };

        public Option<bool> ExitWithStdin { get; } = new("--exit-with-stdin") { Hidden = true };

        public void AddTo(Command command)
        {
            command.Options.Add(Urls);
            command.Options.Add(DataDir);
            command.Options.Add(Config);
            command.Options.Add(ExitWithStdin);
        }

        public RoleSettings Settings(ParseResult parse, Dictionary<string, string?> defaults)
        {
            defaults["urls"] = defaultUrls;
            var config = parse.GetValue(Config);
            if (config is not null && !File.Exists(config))
            {
                throw new CliException($"The configuration file {config} does not exist.", ExitCodes.Usage);
            }

            var settings = new RoleSettings(config, null, defaults);
            return parse.GetValue(Urls) is { } urls ? settings.With("urls", urls) : settings;
        }
    }
}
