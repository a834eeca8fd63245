using System.Text.RegularExpressions;
using Willow.Testing;

namespace Willow.System.Tests.Deploy;

/// <summary>
/// The compose files in deploy/, checked with Debian's docker-compose 1.29 (<c>config</c> validates against the Compose
/// Specification and needs no engine). No Docker engine runs here, so nothing is started: what a file would do is read
/// from docker-compose's own resolution of it.
/// </summary>
public sealed partial class ComposeFileTests
{
    /// <summary>Each file with the settings its .env must give (the values are placeholders of the right shape).</summary>
    public static TheoryData<string> Files => ["compose.cloud.yml", "compose.home.yml", "compose.agent.yml"];

    private static readonly Dictionary<string, Dictionary<string, string>> Settings = new()
    {
        ["compose.cloud.yml"] = new()
        {
            ["WILLOW_DOMAIN"] = "willow.example.org",
            ["ACME_EMAIL"] = "ops@example.org",
            ["REDIS_PASSWORD"] = "0123456789abcdef",
        },
        ["compose.home.yml"] = new()
        {
            ["WILLOW_HOME_KEY"] = "bm90IGEgcmVhbCBrZXksIGp1c3QgdGhlIHJpZ2h0IHNoYXBlIQ==",
        },
        ["compose.agent.yml"] = new()
        {
            ["WILLOW_HOME_KEY"] = "bm90IGEgcmVhbCBrZXksIGp1c3QgdGhlIHJpZ2h0IHNoYXBlIQ==",
            ["WILLOW_REGISTRY"] = "192.168.1.10:5000",
            ["WILLOW_AGENT_CONFIG"] = "./config/agent-feeding-station.json",
            ["WILLOW_AGENT_ADDRESS"] = "192.168.1.21",
            ["WILLOW_CONSUL_ADDRESS"] = "http://192.168.1.10:8500",
        },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task ComposeFile_WithItsSettings_PassesDockerComposeConfig(string file)
    {
        var (code, output) = await DockerCompose.ConfigAsync(file, Settings[file], quiet: true);

        Assert.True(code == 0 && output.Trim().Length == 0, $"docker-compose -f {file} config -q ({code}):\n{output}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task ComposeFile_MissingEachRequiredSetting_SaysToSetItInDotEnv(string file)
    {
        foreach (var name in Settings[file].Keys)
        {
            var without = Settings[file].Where(s => s.Key != name).ToDictionary();

            var (code, output) = await DockerCompose.ConfigAsync(file, without, quiet: true);

            Assert.True(code != 0, $"{file} passed without {name}:\n{output}");
            Assert.Contains($"Set {name} in .env", output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void EnvExample_NamesEverySettingTheFileReads(string file)
    {
        var example = File.ReadAllText(Path.Combine(DockerCompose.Folder, ".env.example"));

        Assert.All(DockerCompose.InterpolatedNames(file), name =>
            Assert.True(Regex.IsMatch(example, $"^(# )?{name}=", RegexOptions.Multiline), $".env.example does not mention {name}, which {file} reads."));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task EveryService_RestartsByItself_HasAMemoryLimit_AndRotatesItsLogs(string file)
    {
        var config = await DockerCompose.ReadAsync(file, Settings[file]);

        foreach (var service in config.GetProperty("services").EnumerateObject())
        {
            Assert.True(service.Value.Text("restart") == "unless-stopped", $"{file}: {service.Name} has restart: {service.Value.Text("restart")}");
            Assert.Matches("^[0-9]+m$", service.Value.Text("mem_limit"));
            var logging = service.Value.GetProperty("logging");
            Assert.Equal("json-file", logging.Text("driver"));
            Assert.NotNull(logging.GetProperty("options").Text("max-size"));
        }
    }

    /// <summary>
    /// Every bind mount of a file or folder under deploy/ names one that exists: Docker would otherwise create an empty
    /// directory in its place, and Caddy or Consul would start without their configuration.
    /// </summary>
    [Theory]
    [MemberData(nameof(Files))]
    public async Task EveryBindMount_OfTheRepositorysFiles_Exists(string file)
    {
        var config = await DockerCompose.ReadAsync(file, Settings[file]);

        var mounts = config.GetProperty("services").EnumerateObject()
            .SelectMany(s => s.Value.Strings("volumes"))
            .Select(v => v.Split(':')[0])
            .Where(source => source.StartsWith(DockerCompose.Folder, StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(mounts);
        Assert.All(mounts, source => Assert.True(File.Exists(source) || Directory.Exists(source), $"{file} mounts {source}, which does not exist."));
    }

    [Fact]
    public async Task Cloud_OnlyCaddyIsReachable_RedisReachesNothingOutside_AndEachWaitsForTheOneBeforeToBeHealthy()
    {
        var config = await DockerCompose.ReadAsync("compose.cloud.yml", Settings["compose.cloud.yml"]);

        // docker-compose writes each published port in the long syntax.
        Assert.Equal(
            ["{\"published\": 80, \"target\": 80}", "{\"published\": 443, \"target\": 443}", "{\"protocol\": \"udp\", \"published\": 443, \"target\": 443}"],
            config.Service("caddy").Strings("ports"));
        Assert.False(config.Service("hub").TryGetProperty("ports", out _));
        Assert.False(config.Service("redis").TryGetProperty("ports", out _));
        Assert.True(config.GetProperty("networks").GetProperty("storage").GetProperty("internal").GetBoolean());
        Assert.Equal(["storage"], config.Service("redis").GetProperty("networks").EnumerateObject().Select(n => n.Name));

        Assert.Equal("service_healthy", config.Service("hub").GetProperty("depends_on").GetProperty("redis").Text("condition"));
        Assert.Equal("service_healthy", config.Service("caddy").GetProperty("depends_on").GetProperty("hub").Text("condition"));
        Assert.Equal(["CMD", "willow-health"], config.Service("hub").GetProperty("healthcheck").Strings("test"));
    }

    [Fact]
    public async Task Cloud_HubStoresInRedis_WhichKeepsEveryAcknowledgedWriteOnDisk()
    {
        var config = await DockerCompose.ReadAsync("compose.cloud.yml", Settings["compose.cloud.yml"]);
        var hub = config.Service("hub").Environment();

        Assert.Equal("redis", hub["WILLOW__Storage__Provider"]);
        Assert.Equal("redis:6379,password=0123456789abcdef", hub["WILLOW__Storage__Redis"]);
        Assert.Equal(["redis-server", "/usr/local/etc/redis/redis.conf", "--requirepass", "0123456789abcdef"], config.Service("redis").Strings("command"));
        Assert.Contains(config.Service("redis").Strings("volumes"), v => v.EndsWith(":/data:rw", StringComparison.Ordinal) || v == "redis-data:/data:rw");

        // What docs/operations.md asks of Redis for medication ("Durability").
        var conf = File.ReadAllLines(Path.Combine(DockerCompose.Folder, "redis", "redis.conf")).Where(l => l.Length > 0 && l[0] != '#').ToList();
        Assert.Contains("appendonly yes", conf);
        Assert.Contains("appendfsync always", conf);
        Assert.Contains("maxmemory-policy noeviction", conf);
    }

    [Fact]
    public async Task Cloud_CaddyGetsTheCertificateForTheDomain_AndProxiesToTheHub()
    {
        var config = await DockerCompose.ReadAsync("compose.cloud.yml", Settings["compose.cloud.yml"]);
        var caddyfile = File.ReadAllText(Path.Combine(DockerCompose.Folder, "caddy", "Caddyfile"));

        Assert.Equal("willow.example.org", config.Service("caddy").Environment()["WILLOW_DOMAIN"]);
        Assert.Contains("{$WILLOW_DOMAIN} {", caddyfile, StringComparison.Ordinal);
        Assert.Contains("reverse_proxy hub:5080", caddyfile, StringComparison.Ordinal);
        Assert.Contains(config.Service("caddy").Strings("volumes"), v => v.EndsWith(":/data:rw", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Home_GatewayFindsTheAgentsInConsul_AndEachAgentRegistersThere()
    {
        var config = await DockerCompose.ReadAsync("compose.home.yml", Settings["compose.home.yml"]);
        var gateway = config.Service("gateway").Environment();

        Assert.Equal("consul", gateway["WILLOW__Discovery__Provider"]);
        Assert.Equal("http://127.0.0.1:8500", gateway["WILLOW__Consul__Address"]);
        Assert.Equal(Settings["compose.home.yml"]["WILLOW_HOME_KEY"], gateway["WILLOW__Gateway__HomeKey"]);
        Assert.Equal("host", config.Service("consul").Text("network_mode"));
        Assert.Equal("service_healthy", config.Service("gateway").GetProperty("depends_on").GetProperty("consul").Text("condition"));

        var ports = new HashSet<string>();
        foreach (var name in Agents)
        {
            var agent = config.Service(name).Environment();
            Assert.Equal("consul", agent["WILLOW__Discovery__Provider"]);
            Assert.Equal("http://127.0.0.1:8500", agent["WILLOW__Consul__Address"]);
            Assert.Equal(name, agent["WILLOW__Agent__Capabilities__0"]);
            Assert.Equal(gateway["WILLOW__Gateway__HomeKey"], agent["WILLOW__Agent__HomeKey"]);
            Assert.True(ports.Add(agent["WILLOW__urls"]), $"{name} listens where another agent does: {agent["WILLOW__urls"]}");
            Assert.Equal([name], config.Service(name).Strings("profiles"));
        }
    }

    [Fact]
    public async Task Home_EachAgentKeepsItsOwnJournal_AndReachesOnlyItsHardware()
    {
        var config = await DockerCompose.ReadAsync("compose.home.yml", Settings["compose.home.yml"]);

        var volumes = Agents.Select(a => config.Service(a).Strings("volumes").Single().Split(':')[0]).ToList();
        Assert.Equal(volumes.Count, volumes.Distinct().Count());

        Assert.Equal(["/dev/video0:/dev/video0"], config.Service("camera").Strings("devices"));
        Assert.Equal(["/dev/snd:/dev/snd"], config.Service("speaker").Strings("devices"));
        Assert.Null(config.Service("camera").Text("privileged"));
        Assert.Null(config.Service("speaker").Text("privileged"));

        // PWM and GPIO edges are written through /sys, read-only in a container that is not privileged.
        Assert.Equal("true", config.Service("dispenser").Text("privileged"));
        Assert.Equal("true", config.Service("sensors").Text("privileged"));
        Assert.Contains("997", config.Service("dispenser").Strings("group_add"));

        // Not root, even where privileged: the image's user stays, so no service sets another.
        Assert.All(config.GetProperty("services").EnumerateObject(), s => Assert.Null(s.Value.Text("user")));
    }

    [Fact]
    public async Task Agent_RegistersThisPisAddress_WithTheConsulItIsGiven()
    {
        var config = await DockerCompose.ReadAsync("compose.agent.yml", Settings["compose.agent.yml"]);
        var agent = config.Service("agent");
        var environment = agent.Environment();

        Assert.Equal("consul", environment["WILLOW__Discovery__Provider"]);
        Assert.Equal("192.168.1.21", environment["WILLOW__Consul__ServiceAddress"]);
        Assert.Equal("http://192.168.1.10:8500", environment["WILLOW__Consul__Address"]);
        Assert.Equal("192.168.1.10:5000/willow-agent:latest", agent.Text("image"));
        Assert.Equal(["agent", "--config", "/etc/willow/agent.json"], agent.Strings("command"));
        Assert.Contains(agent.Strings("volumes"), v => v.EndsWith("deploy/config/agent-feeding-station.json:/etc/willow/agent.json:ro", StringComparison.Ordinal));
        Assert.Equal(["consul-client"], config.Service("consul").Strings("profiles"));
    }

    /// <summary>The containers get the limits the systemd units were given from the same measurements (docs/benchmarks.md).</summary>
    [Theory]
    [InlineData("compose.home.yml", "gateway", "gateway")]
    [InlineData("compose.home.yml", "dispenser", "agent")]
    [InlineData("compose.agent.yml", "agent", "agent")]
    public async Task MemoryLimit_IsTheSystemdUnits(string file, string service, string role)
    {
        var config = await DockerCompose.ReadAsync(file, Settings[file]);
        var unit = SystemdUnit.Read(Repository.PathTo("deploy", "systemd", $"willow-{role}.service"));

        Assert.Equal(unit.Get("Service", "MemoryMax")!.ToLowerInvariant(), config.Service(service).Text("mem_limit"));
    }

    /// <summary>The runtime settings (GC budget, ICU, malloc arenas) the benchmark measured are the same in a container.</summary>
    [Theory]
    [InlineData("compose.home.yml", "gateway", "gateway")]
    [InlineData("compose.home.yml", "dispenser", "agent")]
    [InlineData("compose.home.yml", "sensors", "agent")]
    [InlineData("compose.agent.yml", "agent", "agent")]
    public async Task RuntimeEnvironment_IsTheSystemdUnits(string file, string service, string role)
    {
        var config = await DockerCompose.ReadAsync(file, Settings[file]);
        var environment = config.Service(service).Environment();

        Assert.All(UnitEnvironment.For(role), setting => Assert.Equal(setting.Value, environment.GetValueOrDefault(setting.Key)));
    }

    private static readonly string[] Agents = ["dispenser", "speaker", "camera", "sensors"];
}
