using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Willow.Core.Commands;
using Willow.Core.Security;
using Willow.Testing;

namespace Willow.Agent.Tests;

/// <summary>
/// The 30 s edge of the signature's timestamp, to the second, on a stopped clock. A request inside the
/// edge gets past the clock check and is refused for its (deliberately wrong) key instead, so nothing moves.
/// </summary>
public sealed class SignatureSkewTests : IAsyncLifetime
{
    private static readonly DateTimeOffset AgentNow = new(2026, 3, 29, 0, 59, 45, TimeSpan.Zero);
    private readonly TempDirectory _directory = new("agent-skew");
    private readonly FakeTimeProvider _time = new(AgentNow);
    private AgentHost _agent = null!;

    public async ValueTask InitializeAsync() =>
        _agent = await AgentHost.StartAsync(
            _directory.Path, "treat-dispenser", Capability.Dispenser, HomeKey.Generate(),
            configure: builder => builder.Services.AddSingleton<TimeProvider>(_time));

    public async ValueTask DisposeAsync()
    {
        await _agent.DisposeAsync();
        _directory.Dispose();
    }

    [Theory]
    [InlineData(-30, "does not match")]
    [InlineData(30, "does not match")]
    [InlineData(-31, "stale")]
    [InlineData(31, "stale")]
    [InlineData(-86_400, "stale")]
    public async Task Timestamp_OutsideThirtySeconds_IsStale(int offsetSeconds, string reason)
    {
        var body = Encoding.UTF8.GetBytes("{}");
        using var message = new HttpRequestMessage(HttpMethod.Post, _agent.Url + "/api/v1/actuations")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } },
        };
        RequestSignature.Sign(
            message.Headers, Convert.FromBase64String(HomeKey.Generate()), "POST", "/api/v1/actuations",
            AgentNow.AddSeconds(offsetSeconds).ToUnixTimeSeconds(), RequestSignature.NewNonce(), body);

        using var client = new HttpClient();
        using var response = await client.SendAsync(message);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_agent.Servo.Movements);
    }
}
