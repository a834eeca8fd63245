using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Willow.Hub;

namespace Willow.System.Tests;

/// <summary>
/// A hub process started on an empty data directory and set up the way its operator and owner would:
/// <c>willow users add --owner</c> for the first owner, then the API for gateways and device tokens, and
/// <c>willow gateway enroll</c> on the gateway's side.
/// </summary>
internal sealed partial class FreshHub : IAsyncDisposable
{
    public const string OwnerEmail = "owner@home.test";
    public const string Password = "a long enough password";

    private FreshHub(WillowProcess process, string url, string token, Guid householdId)
    {
        Process = process;
        Url = url;
        Token = token;
        HouseholdId = householdId;
        Client = new HttpClient { BaseAddress = new Uri(url + "/") };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public WillowProcess Process { get; }

    public string Url { get; }

    public string Token { get; }

    public Guid HouseholdId { get; }

    public HttpClient Client { get; }

    public string Api => $"api/v1/households/{HouseholdId}";

    public static async Task<FreshHub> StartAsync(string url, string dataDirectory, string timeZone, string? config = null)
    {
        string[] store = config is null ? ["--data-dir", dataDirectory] : ["--data-dir", dataDirectory, "--config", config];
        var added = await WillowProcess.RunAsync(
            ["users", "add", "--owner", .. store, "--email", OwnerEmail, "--name", "Owner", "--household", "Test home", "--time-zone", timeZone, "--password-stdin"],
            Password);
        if (added.ExitCode != 0)
        {
            throw new InvalidOperationException($"willow users add failed ({added.ExitCode}):\n{added.Output}");
        }

        var token = TokenLine().Match(added.Output) is { Success: true } match
            ? match.Groups["token"].Value
            : throw new InvalidOperationException($"willow users add printed no token:\n{added.Output}");

        string[] arguments = config is null
            ? ["hub", "--urls", url, "--data-dir", dataDirectory]
            : ["hub", "--config", config, "--urls", url, "--data-dir", dataDirectory];
        var process = WillowProcess.Start(arguments);
        await process.WaitForOutputAsync("Now listening on", TimeSpan.FromSeconds(60));
        using var client = new HttpClient { BaseAddress = new Uri(url + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var household = Assert.Single((await client.GetFromJsonAsync("api/v1/households", HubJsonContext.Default.IReadOnlyListHouseholdView))!);
        return new FreshHub(process, url, token, household.Id);
    }

    /// <summary>The owner adds a gateway; <c>willow gateway enroll</c> puts its token in the gateway's data directory.</summary>
    public async Task EnrollGatewayAsync(string gatewayId, string gatewayDataDirectory)
    {
        using var response = await Client.PostAsJsonAsync($"{Api}/gateways", new { gatewayId });
        response.EnsureSuccessStatusCode();
        var code = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString()!;
        var enrolled = await WillowProcess.RunAsync("gateway", "enroll", "--hub", Url, "--code", code, "--data-dir", gatewayDataDirectory);
        Assert.True(enrolled.ExitCode == 0, enrolled.Output);
    }

    /// <summary>A token for a direct-mode device, as <c>willow device token</c> gets it.</summary>
    public async Task<string> DeviceTokenAsync(string deviceId)
    {
        using var response = await Client.PostAsync($"{Api}/devices/{deviceId}/token", null);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Process.DisposeAsync();
    }

    [GeneratedRegex(@"shown this once\): (?<token>wlw_\S+)")]
    private static partial Regex TokenLine();
}
