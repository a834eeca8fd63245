using System.Net.Http.Json;
using System.Text;
using Willow.Hub.Commands;
using Willow.Testing;

namespace Willow.Hub.Tests;

/// <summary>Small helpers for calling the hub's REST API in tests.</summary>
internal static class HubApi
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json, string? idempotencyKey = null) =>
        client.SendJsonAsync(HttpMethod.Post, path, json, idempotencyKey);

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string path, string json, string? idempotencyKey = null)
    {
        var message = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            message.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(message);
    }

    public static async Task<CommandView> IssueAsync(this HubHost hub, string deviceId, string json = "{\"kind\":\"dispense\"}")
    {
        using var client = hub.OwnerClient();
        using var response = await client.PostJsonAsync(hub.DevicePath(deviceId) + "/commands", json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(HubJsonContext.Default.CommandView))!;
    }

    public static async Task<CommandView> CommandAsync(this HubHost hub, Guid commandId)
    {
        using var client = hub.OwnerClient();
        return (await client.GetFromJsonAsync($"api/v1/households/{hub.HouseholdId}/commands/{commandId}", HubJsonContext.Default.CommandView))!;
    }

    public static async Task<IReadOnlyList<CommandView>> CommandsAsync(this HubHost hub)
    {
        using var client = hub.OwnerClient();
        return (await client.GetFromJsonAsync($"api/v1/households/{hub.HouseholdId}/commands?limit=200", HubJsonContext.Default.IReadOnlyListCommandView))!;
    }

    public static async Task<string> ProblemTitleAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("title").GetString()!;
    }
}
