using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Core.Security;
using Willow.Gateway.Relay;
using Willow.Testing;

namespace Willow.Agent.Tests;

/// <summary>The agent's LAN API on a real port: only requests signed with the home key move anything.</summary>
public sealed class AgentApiTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("agent-api");
    private readonly string _homeKey = HomeKey.Generate();
    private AgentHost _agent = null!;

    public async ValueTask InitializeAsync() =>
        _agent = await AgentHost.StartAsync(_directory.Path, "treat-dispenser", Capability.Dispenser, _homeKey);

    public async ValueTask DisposeAsync()
    {
        await _agent.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Start_NothingMovesBeforeTheFirstCommand()
    {
        await Task.Delay(200);
        Assert.Empty(_agent.Servo.Movements);
        Assert.Null(_agent.Servo.AngleDegrees);
    }

    [Fact]
    public async Task SignedDispense_MovesServoAndAnswersSucceeded()
    {
        using var client = SignedClient(_homeKey);
        using var response = await client.PostAsJsonAsync("api/v1/actuations", Request(), WillowJsonContext.Default.ActuationRequest);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcome = await response.Content.ReadFromJsonAsync(WillowJsonContext.Default.ActuationOutcome);
        Assert.Equal(CommandState.Succeeded, outcome!.State);
        Assert.Equal(2, _agent.Servo.Movements.Count);
    }

    [Fact]
    public async Task SignedDispense_SameCommandIdTwice_ServoMovesOnceAndSecondIsReplayed()
    {
        using var client = SignedClient(_homeKey);
        var request = Request();
        using var first = await client.PostAsJsonAsync("api/v1/actuations", request, WillowJsonContext.Default.ActuationRequest);
        using var second = await client.PostAsJsonAsync("api/v1/actuations", request, WillowJsonContext.Default.ActuationRequest);

        var replay = await second.Content.ReadFromJsonAsync(WillowJsonContext.Default.ActuationOutcome);
        Assert.True(replay!.Replayed);
        Assert.Equal(1, _agent.Servo.Movements.Count(m => m.ToDegrees == 90));
    }

    [Fact]
    public async Task Unsigned_Refused401_NothingMoves()
    {
        using var client = new HttpClient { BaseAddress = new Uri(_agent.Url + "/") };
        using var response = await client.PostAsJsonAsync("api/v1/actuations", Request(), WillowJsonContext.Default.ActuationRequest);

        await AssertRefusedAsync(response, "no signature");
    }

    [Fact]
    public async Task WrongKey_Refused401_NothingMoves()
    {
        using var client = SignedClient(HomeKey.Generate());
        using var response = await client.PostAsJsonAsync("api/v1/actuations", Request(), WillowJsonContext.Default.ActuationRequest);

        await AssertRefusedAsync(response, "does not match");
    }

    [Fact]
    public async Task StaleTimestamp_Refused401_NothingMoves()
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(Request(), WillowJsonContext.Default.ActuationRequest);
        using var message = Signed(body, DateTimeOffset.UtcNow.AddSeconds(-31).ToUnixTimeSeconds(), RequestSignature.NewNonce());
        using var client = new HttpClient();
        using var response = await client.SendAsync(message);

        await AssertRefusedAsync(response, "stale");
    }

    [Fact]
    public async Task ReplayedRequest_SecondCopyRefused401()
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(Request(), WillowJsonContext.Default.ActuationRequest);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var nonce = RequestSignature.NewNonce();
        using var client = new HttpClient();
        using var original = await client.SendAsync(Signed(body, timestamp, nonce));
        using var replayed = await client.SendAsync(Signed(body, timestamp, nonce));

        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Contains("replayed", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, _agent.Servo.Movements.Count(m => m.ToDegrees == 90));
    }

    [Fact]
    public async Task TamperedBody_Refused401_NothingMoves()
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(Request(), WillowJsonContext.Default.ActuationRequest);
        using var message = Signed(body, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), RequestSignature.NewNonce());
        var tampered = Encoding.UTF8.GetString(body).Replace("\"portions\":1", "\"portions\":5", StringComparison.Ordinal);
        message.Content = new StringContent(tampered, Encoding.UTF8, "application/json");
        using var client = new HttpClient();
        using var response = await client.SendAsync(message);

        await AssertRefusedAsync(response, "does not match");
    }

    [Fact]
    public async Task Health_AnswersWithoutSignature()
    {
        using var client = new HttpClient { BaseAddress = new Uri(_agent.Url + "/") };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("health/ready")).StatusCode);
    }

    [Fact]
    public async Task KindOfAnotherCapability_Answers422Problem()
    {
        using var client = SignedClient(_homeKey);
        using var response = await client.PostAsJsonAsync("api/v1/actuations", Request() with { Kind = CommandKinds.Call, Args = JsonElement.Parse("{}") }, WillowJsonContext.Default.ActuationRequest);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("{\"commandId\":\"00000000-0000-0000-0000-000000000000\",\"kind\":\"dispense\",\"args\":{},\"issuedAt\":\"2026-01-01T00:00:00Z\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}")]
    [InlineData("{\"commandId\":\"0193a0a0-0000-7000-8000-000000000001\",\"kind\":\"jump\",\"args\":{},\"issuedAt\":\"2026-01-01T00:00:00Z\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}")]
    [InlineData("{\"commandId\":\"0193a0a0-0000-7000-8000-000000000002\",\"kind\":\"dispense\",\"args\":{\"portions\":50},\"issuedAt\":\"2026-01-01T00:00:00Z\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}")]
    [InlineData("{\"commandId\":\"not-a-guid\"}")]
    [InlineData("{")]
    public async Task BadRequest_Answers400Problem_NothingMoves(string json)
    {
        using var client = SignedClient(_homeKey);
        using var response = await client.PostAsync("api/v1/actuations", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(_agent.Servo.Movements);
    }

    [Fact]
    public async Task GetActuation_UnknownId_Answers404Problem()
    {
        using var client = SignedClient(_homeKey);
        using var response = await client.GetAsync($"api/v1/actuations/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Info_SaysWhoTheAgentIs()
    {
        using var client = SignedClient(_homeKey);
        var info = await client.GetFromJsonAsync("api/v1/info", WillowJsonContext.Default.AgentInfo);

        Assert.Equal("treat-dispenser", info!.DeviceId);
        Assert.Equal([Capability.Dispenser], info.Capabilities);
    }

    private async Task AssertRefusedAsync(HttpResponseMessage response, string reason)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_agent.Servo.Movements);
    }

    private static ActuationRequest Request() => new(
        Guid.CreateVersion7(), CommandKinds.Dispense, JsonElement.Parse("{\"portions\":1}"), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(1));

    private HttpClient SignedClient(string key)
    {
        return new HttpClient(new SigningHandler(new HomeKeyring(Convert.FromBase64String(key)), TimeProvider.System) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = new Uri(_agent.Url + "/"),
        };
    }

    private HttpRequestMessage Signed(byte[] body, long timestamp, string nonce)
    {
        var key = Convert.FromBase64String(_homeKey);
        var message = new HttpRequestMessage(HttpMethod.Post, _agent.Url + "/api/v1/actuations")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } },
        };
        RequestSignature.Sign(message.Headers, key, "POST", "/api/v1/actuations", timestamp, nonce, body);
        return message;
    }
}
