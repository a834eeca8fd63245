using System.Text.Json;
using Willow.Testing;

namespace Willow.System.Tests.Deploy;

/// <summary>
/// deploy/caddy/Caddyfile, adapted and validated by Debian's own Caddy (<c>caddy adapt --validate</c>: every directive
/// parsed and every module provisioned, nothing served) with the environment compose.cloud.yml gives the container.
/// Debian's Caddy is 2.6, older than the image's 2.10: the file uses nothing newer. No certificate can be obtained here.
/// </summary>
public sealed class CaddyfileTests
{
    private const string Caddy = "/usr/bin/caddy";

    [Fact]
    public async Task Caddyfile_IsValid_AndServesTheDomainOverTls_ProxyingToTheHubsPort()
    {
        var config = await AdaptAsync();
        var server = config.GetProperty("apps").GetProperty("http").GetProperty("servers").EnumerateObject().Single().Value;
        var site = Assert.Single(server.GetProperty("routes").EnumerateArray());

        Assert.Equal(["willow.example.org"], site.GetProperty("match")[0].GetProperty("host").EnumerateArray().Select(h => h.GetString()));
        var automation = Assert.Single(config.GetProperty("apps").GetProperty("tls").GetProperty("automation").GetProperty("policies").EnumerateArray());
        Assert.Equal(["willow.example.org"], automation.GetProperty("subjects").EnumerateArray().Select(s => s.GetString()));
        Assert.All(automation.GetProperty("issuers").EnumerateArray(), i => Assert.Equal("ops@example.org", i.GetProperty("email").GetString()));

        // The upstream is the compose file's hub service, on the port the willow image listens on.
        var handlers = Handlers(site).ToList();
        var proxy = Assert.Single(handlers, h => h.Handler == "reverse_proxy");
        Assert.Equal("hub:5080", proxy.Json.GetProperty("upstreams")[0].GetProperty("dial").GetString());
        Assert.Contains("ASPNETCORE_URLS=http://+:5080", File.ReadAllText(Repository.PathTo("deploy", "docker", "Dockerfile")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caddyfile_AnswersMetricsWith404_BeforeAnythingReachesTheHub()
    {
        var config = await AdaptAsync();
        var site = config.GetProperty("apps").GetProperty("http").GetProperty("servers").EnumerateObject().Single().Value.GetProperty("routes")[0];

        var handlers = Handlers(site).ToList();
        var metrics = handlers.FindIndex(h => h.Handler == "static_response" && h.Paths.Contains("/metrics"));
        Assert.True(metrics >= 0, "No route answers /metrics itself.");
        Assert.Equal(404, handlers[metrics].Json.GetProperty("status_code").GetInt32());
        Assert.True(metrics < handlers.FindIndex(h => h.Handler == "reverse_proxy"), "/metrics reaches the hub before Caddy answers it.");
    }

    private static async Task<JsonElement> AdaptAsync()
    {
        Assert.True(File.Exists(Caddy), "caddy is not installed: apt-get install -y --no-install-recommends caddy");
        var compose = await DockerCompose.ReadAsync("compose.cloud.yml", new Dictionary<string, string>
        {
            ["WILLOW_DOMAIN"] = "willow.example.org", ["ACME_EMAIL"] = "ops@example.org", ["REDIS_PASSWORD"] = "0123456789abcdef",
        });
        using var home = new TempDirectory("caddy");
        var environment = new Dictionary<string, string>(compose.Service("caddy").Environment()) { ["HOME"] = home.Path, ["XDG_DATA_HOME"] = home.Path, ["XDG_CONFIG_HOME"] = home.Path };
        var caddyfile = Repository.PathTo("deploy", "caddy", "Caddyfile");

        var (code, output) = await Publishing.Arm64File.RunAsync(Caddy, ["adapt", "--config", caddyfile, "--adapter", "caddyfile", "--validate"], TimeSpan.FromMinutes(1), environment);

        Assert.True(code == 0, $"caddy adapt --validate {caddyfile} ({code}):\n{output}");
        // Caddy logs its own lines (JSON with "level") around the adapted configuration, which is the one line without.
        var json = output.Split('\n').Single(l => l.StartsWith('{') && !l.StartsWith("{\"level\"", StringComparison.Ordinal));
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>The site's handlers in the order Caddy runs them, each with the paths its route matches.</summary>
    private static IEnumerable<(string Handler, IReadOnlyList<string> Paths, JsonElement Json)> Handlers(JsonElement route)
    {
        IReadOnlyList<string> paths = route.TryGetProperty("match", out var match)
            ? [.. match.EnumerateArray().Where(m => m.TryGetProperty("path", out _)).SelectMany(m => m.GetProperty("path").EnumerateArray().Select(p => p.GetString()!))]
            : [];
        foreach (var handle in route.GetProperty("handle").EnumerateArray())
        {
            var handler = handle.GetProperty("handler").GetString()!;
            if (handler == "subroute")
            {
                foreach (var inner in handle.GetProperty("routes").EnumerateArray().SelectMany(Handlers))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return (handler, paths, handle);
            }
        }
    }
}
