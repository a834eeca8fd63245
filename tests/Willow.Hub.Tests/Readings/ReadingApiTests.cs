using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Core.Readings;
using Willow.Hub.Live;
using Willow.Hub.Readings;

namespace Willow.Hub.Tests.Readings;

/// <summary>Readings a gateway passes on reach the API once, with their units, and the dashboards live.</summary>
public sealed class ReadingApiTests : HubTestBase
{
    private const string Sensors = "kitchen-sensors";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Gateway.ReportDevicesAsync(
            (Dispenser, Capability.Dispenser, true), (Speaker, Capability.Speaker, true), (Sensors, Capability.Sensors, true));
    }

    private static SensorReading Reading(string metric, double value, int secondsAgo, long sequence) =>
        new(Guid.CreateVersion7(), sequence, metric, value, DateTimeOffset.UtcNow.AddSeconds(-secondsAgo));

    private async Task<List<ReadingView>> ReadingsAsync(string query = "")
    {
        using var owner = Hub.OwnerClient();
        var readings = await owner.GetFromJsonAsync<List<ReadingView>>($"api/v1/households/{Hub.HouseholdId}/readings{query}", Json);
        return readings!;
    }

    [Fact]
    public async Task ReportedReadings_AreListedWithUnits_AndAReportSentAgainAddsNothing()
    {
        var batch = new DeviceReadings(Sensors, [
            Reading(Metrics.Temperature, 21.5, 30, 1), Reading(Metrics.Humidity, 44, 30, 2), Reading(Metrics.BowlWeight, 212.5, 20, 3), Reading(Metrics.Motion, 1, 10, 4)]);

        Assert.Equal(1, await Gateway.ReportReadingsAsync(batch));
        Assert.Equal(1, await Gateway.ReportReadingsAsync(batch));
        var readings = await ReadingsAsync();

        Assert.Equal(4, readings.Count);
        Assert.Equal(
            [(Metrics.Temperature, 21.5, "°C"), (Metrics.Humidity, 44.0, "%"), (Metrics.BowlWeight, 212.5, "g"), (Metrics.Motion, 1.0, "")],
            readings.OrderBy(r => r.At).ThenBy(r => r.Metric == Metrics.Humidity).Select(r => (r.Metric, r.Value, r.Unit)));
        Assert.Equal([212.5], (await ReadingsAsync($"?device={Sensors}&metric={Metrics.BowlWeight}")).Select(r => r.Value));
    }

    [Fact]
    public async Task Latest_GivesTheNewestValueOfEachMetric()
    {
        await Gateway.ReportReadingsAsync(new DeviceReadings(Sensors, [
            Reading(Metrics.Temperature, 19, 120, 1), Reading(Metrics.Temperature, 22, 10, 2), Reading(Metrics.Humidity, 40, 60, 3)]));

        using var owner = Hub.OwnerClient();
        var latest = await owner.GetFromJsonAsync<List<ReadingView>>($"api/v1/households/{Hub.HouseholdId}/readings/latest", Json);

        Assert.Equal([(Metrics.Humidity, 40.0), (Metrics.Temperature, 22.0)], latest!.Select(r => (r.Metric, r.Value)));
    }

    [Fact]
    public async Task ReadingsOfADeviceThatIsNotTheGatewaysOwn_OrOfAnUnknownMetric_AreDropped()
    {
        var settled = await Gateway.ReportReadingsAsync(
            new DeviceReadings("somebody-elses", [Reading(Metrics.Temperature, 40, 5, 1)]),
            new DeviceReadings(Sensors, [Reading("radiation", 3, 5, 2), Reading(Metrics.Humidity, 55, 5, 4)]));

        Assert.Equal(2, settled);
        Assert.Equal([(Sensors, Metrics.Humidity)], (await ReadingsAsync()).Select(r => (r.DeviceId, r.Metric)));
    }

    [Fact]
    public async Task AWatchingDashboard_HearsNewReadingsOnce()
    {
        var connection = SignalRClients.Build(Hub.Url + LiveHub.Path, Hub.Identity.ApiToken);
        await using var owned = connection;
        var heard = Channel.CreateUnbounded<ReadingsAdded>();
        connection.On<ReadingsAdded>(nameof(ILiveClient.ReadingsAdded), r => heard.Writer.TryWrite(r));
        await connection.StartAsync();
        await connection.InvokeAsync(nameof(LiveHub.Watch), Hub.HouseholdId);
        var batch = new DeviceReadings(Sensors, [Reading(Metrics.BowlWeight, 180, 1, 1)]);

        await Gateway.ReportReadingsAsync(batch);
        await Gateway.ReportReadingsAsync(batch);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var added = await heard.Reader.ReadAsync(timeout.Token);
        Assert.Equal(Hub.HouseholdId, added.HouseholdId);
        Assert.Equal([(Sensors, Metrics.BowlWeight, 180.0, "g")], added.Readings.Select(r => (r.DeviceId, r.Metric, r.Value, r.Unit)));
        await Task.Delay(300);
        Assert.False(heard.Reader.TryRead(out _));
    }

    [Theory]
    [InlineData("?metric=radiation", "metric")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z", "to")]
    [InlineData("?from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z", "to")]
    public async Task ABadQuery_IsAProblemNamingTheField(string query, string field)
    {
        using var owner = Hub.OwnerClient();
        using var response = await owner.GetAsync($"api/v1/households/{Hub.HouseholdId}/readings{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
