using System.Text;

namespace Willow.Hub.Tests.Access;

/// <summary>Whatever arrives at a write endpoint, the answer is a 4xx problem and nothing is stored.</summary>
public sealed class BadInputTests : HubTestBase
{
    public static TheoryData<string, string> Bodies => new()
    {
        { "", "application/json" },
        { "null", "application/json" },
        { "[]", "application/json" },
        { "\"dispense\"", "application/json" },
        { "{\"kind\":null}", "application/json" },
        { "{\"kind\":\"dispense\",\"args\":{\"portions\":1e400}}", "application/json" },
        { "{\"kind\":\"dispense\",\"ttlSeconds\":99999999999}", "application/json" },
        { "{\"kind\":\"dispense\",\"args\":" + new string('[', 5000) + new string(']', 5000) + "}", "application/json" },
        { "{\"kind\":\"dispense\",\"state\":\"bogus\",\"name\":7,\"capabilities\":\"x\"}", "application/json" },
        { "kind=dispense", "application/x-www-form-urlencoded" },
        { "\u0000\u0001\u0002", "application/json" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task IssueCommand_Garbage_Answers4xxProblem(string body, string contentType) =>
        await AssertRefusedAsync(Hub.OwnerClient(), HttpMethod.Post, Hub.DevicePath(Dispenser) + "/commands", body, contentType);

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task DirectAnnounce_Garbage_Answers4xxProblem(string body, string contentType) =>
        await AssertRefusedAsync(Hub.Client(Hub.Identity.DeviceToken), HttpMethod.Put, "api/v1/device", body, contentType);

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task DirectEvents_Garbage_Answers4xxProblem(string body, string contentType)
    {
        var command = await Hub.IssueAsync(Dispenser);
        await AssertRefusedAsync(Hub.Client(Hub.Identity.DeviceToken), HttpMethod.Post, $"api/v1/device/commands/{command.Id}/events", body, contentType);
        Assert.Equal(Core.Commands.CommandState.Queued, (await Hub.CommandAsync(command.Id)).State);
    }

    [Theory]
    [InlineData("api/v1/households/not-a-guid/devices")]
    [InlineData("api/v1/households/{h}/devices/%01%7F%E2%9C%93")]
    [InlineData("api/v1/households/{h}/commands/not-a-guid")]
    [InlineData("api/v1/households/{h}/devices/treat-dispenser/commands/12345/cancel")]
    public async Task OddPaths_Answer404Problem(string path)
    {
        using var client = Hub.OwnerClient();
        using var response = await client.GetAsync(path.Replace("{h}", Hub.HouseholdId.ToString(), StringComparison.Ordinal));

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{path}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task AssertRefusedAsync(HttpClient client, HttpMethod method, string path, string body, string contentType)
    {
        using (client)
        {
            var before = (await Hub.CommandsAsync()).Count;
            using var response = await client.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, contentType) });

            Assert.True(
                (int)response.StatusCode is >= 400 and < 500,
                $"{method} {path} with {body[..Math.Min(body.Length, 60)]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(before, (await Hub.CommandsAsync()).Count);
        }
    }
}
