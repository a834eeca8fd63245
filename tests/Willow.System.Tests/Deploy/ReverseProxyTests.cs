using System.Net;
using System.Net.Http.Json;
using Willow.Testing;

namespace Willow.System.Tests.Deploy;

/// <summary>
/// The hub behind a TLS proxy, as compose.cloud.yml runs it behind Caddy: a real hub process given the hub service's
/// environment from that file, and requests carrying the headers Caddy adds (X-Forwarded-For, X-Forwarded-Proto).
/// Caddy itself cannot run here; the headers are what its reverse_proxy documents it sends.
/// </summary>
public sealed class ReverseProxyTests
{
    private const string Email = "owner@proxy.test";
    private const string Password = "a long enough password";

    /// <summary>Sign-ins are limited per address (5 a minute): behind the proxy, that must be the client's, not Caddy's.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SignInLimit_CountsEachClientSeparately_OnlyWithTheComposeFilesForwardedHeaders(bool asComposeRunsIt)
    {
        await using var hub = await StartHubAsync(asComposeRunsIt);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(hub.Client, "203.0.113.1", "http", "not the password"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInAsync(hub.Client, "203.0.113.1", "http", "not the password"));

        // Another person, through the same proxy: without the setting everyone shares one budget.
        var other = await SignInAsync(hub.Client, "198.51.100.7", "http", "not the password");
        Assert.Equal(asComposeRunsIt ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests, other);
    }

    /// <summary>The dashboard's session cookie is marked Secure when the browser reached the proxy over https.</summary>
    [Fact]
    public async Task SessionCookie_OverHttpsAtTheProxy_IsSecure()
    {
        await using var hub = await StartHubAsync(asComposeRunsIt: true);

        using var request = SignInRequest("203.0.113.9", "https", Password);
        using var response = await hub.Client.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("willow_session=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<RunningHub> StartHubAsync(bool asComposeRunsIt)
    {
        var directory = new TempDirectory("proxy");
        var data = directory.Sub("hub");
        var added = await WillowProcess.RunAsync(
            ["users", "add", "--owner", "--data-dir", data, "--email", Email, "--name", "Owner", "--time-zone", "Europe/Berlin", "--password-stdin"], Password);
        Assert.True(added.ExitCode == 0, added.Output);

        var environment = new Dictionary<string, string>();
        if (asComposeRunsIt)
        {
            var config = await DockerCompose.ReadAsync("compose.cloud.yml", new Dictionary<string, string>
            {
                ["WILLOW_DOMAIN"] = "willow.example.org", ["ACME_EMAIL"] = "ops@example.org", ["REDIS_PASSWORD"] = "0123456789abcdef",
            });
            environment["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = config.Service("hub").Environment()["ASPNETCORE_FORWARDEDHEADERS_ENABLED"];
        }

        var url = $"http://127.0.0.1:{Ports.Free()}";
        var process = WillowProcess.Start(["hub", "--urls", url, "--data-dir", data], environment);
        await process.WaitForOutputAsync("Now listening on", TimeSpan.FromSeconds(60));
        return new RunningHub(process, directory, new HttpClient { BaseAddress = new Uri(url + "/") });
    }

    private static async Task<HttpStatusCode> SignInAsync(HttpClient client, string clientAddress, string scheme, string password)
    {
        using var request = SignInRequest(clientAddress, scheme, password);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static HttpRequestMessage SignInRequest(string clientAddress, string scheme, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/account/login") { Content = JsonContent.Create(new { email = Email, password }) };
        request.Headers.Add("X-Forwarded-For", clientAddress);
        request.Headers.Add("X-Forwarded-Proto", scheme);
        return request;
    }

    private sealed record RunningHub(WillowProcess Process, TempDirectory Directory, HttpClient Client) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Process.DisposeAsync();
            Directory.Dispose();
        }
    }
}
