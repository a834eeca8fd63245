using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Willow.Agent.Capabilities.Camera;
using Willow.Core.Commands;
using Willow.Core.Media;
using Willow.Core.Protocol;
using Willow.Core.Security;
using Willow.Testing;

namespace Willow.Agent.Tests.Camera;

/// <summary>A real agent with the simulated camera on a loopback port, called as the gateway calls it.</summary>
public sealed class CameraApiTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("camera-api");
    private readonly string _homeKey = HomeKey.Generate();
    private AgentHost _agent = null!;

    private FfmpegCamera Camera => _agent.App.Services.GetRequiredService<FfmpegCamera>();

    public async ValueTask InitializeAsync() =>
        _agent = await AgentHost.StartAsync(_directory.Path, "kitchen-camera", Capability.Camera, _homeKey, new Dictionary<string, string?>
        {
            ["Camera:Driver"] = "simulated",
            ["Camera:Width"] = "320",
            ["Camera:Height"] = "240",
            ["Camera:FrameRate"] = "10",
        });

    public async ValueTask DisposeAsync()
    {
        await _agent.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Stream_TwoSignedViewers_EachGetSeveralDistinctJpegsFromOneCapture()
    {
        using var client = SignedClients.For(_agent.Url, _homeKey);
        using var first = await OpenStreamAsync(client);
        using var second = await OpenStreamAsync(client);

        var frames = await Task.WhenAll(PartsAsync(first, 4), PartsAsync(second, 4));

        foreach (var viewer in frames)
        {
            Assert.Equal(4, viewer.Select(Convert.ToHexString).Distinct().Count());
            Assert.All(viewer, jpeg => Assert.True(JpegImage.TryReadSize(jpeg, out var w, out var h) && (w, h) == (320, 240)));
        }

        Assert.Equal(1, Camera.DeviceOpenings);
    }

    [Fact]
    public async Task Snapshot_DuringAStream_TakesALiveFrameAndTheGatewayCanFetchIt()
    {
        using var client = SignedClients.For(_agent.Url, _homeKey);
        using var stream = await OpenStreamAsync(client);
        await PartsAsync(stream, 1);

        var request = new ActuationRequest(
            Guid.CreateVersion7(), CommandKinds.Snapshot, JsonElement.Parse("{}"), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(1));
        using var actuation = await client.PostAsJsonAsync(AgentRoutes.Actuations, request, WillowJsonContext.Default.ActuationRequest);
        var outcome = await actuation.Content.ReadFromJsonAsync(WillowJsonContext.Default.ActuationOutcome);
        using var photo = await client.GetAsync($"{AgentRoutes.Photos}/{request.CommandId}");

        Assert.Equal(CommandState.Succeeded, outcome!.State);
        Assert.StartsWith("Took a 320×240 photo (", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
        var (bytes, _) = await JpegFiles.DecodeToRgbAsync(await photo.Content.ReadAsByteArrayAsync());
        Assert.Equal(320 * 240 * 3, bytes);
        Assert.Equal(1, Camera.DeviceOpenings);
    }

    [Fact]
    public async Task Photo_UnknownCommand_Answers404Problem()
    {
        using var client = SignedClients.For(_agent.Url, _homeKey);
        using var response = await client.GetAsync($"{AgentRoutes.Photos}/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Stream_Unsigned_Refused401AndNoCaptureStarts()
    {
        using var client = new HttpClient { BaseAddress = new Uri(_agent.Url + "/") };
        using var response = await client.GetAsync(AgentRoutes.CameraStream);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, Camera.DeviceOpenings);
    }

    [Fact]
    public async Task Stream_ViewerHangsUp_LeavesTheLiveView()
    {
        using var client = SignedClients.For(_agent.Url, _homeKey);
        using (var stream = await OpenStreamAsync(client))
        {
            await PartsAsync(stream, 2);
            Assert.Equal(1, Camera.LiveView.Viewers);
        }

        await Eventually.WaitAsync(() => Camera.LiveView.Viewers == 0, "the viewer to leave");
    }

    [Fact]
    public async Task Stream_CameraMissing_Answers503ProblemWithTheReason()
    {
        using var directory = new TempDirectory("camera-missing");
        await using var agent = await AgentHost.StartAsync(directory.Path, "porch-camera", Capability.Camera, _homeKey, new Dictionary<string, string?>
        {
            ["Camera:Device"] = "/dev/video-willow-missing",
        });
        using var client = SignedClients.For(agent.Url, _homeKey);

        using var response = await client.GetAsync(AgentRoutes.CameraStream);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/dev/video-willow-missing", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> OpenStreamAsync(HttpClient client)
    {
        var response = await client.GetAsync(AgentRoutes.CameraStream, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MjpegStreamResult.ContentType, response.Content.Headers.ContentType?.ToString());
        return response;
    }

    private static async Task<List<byte[]>> PartsAsync(HttpResponseMessage response, int count)
    {
        var reader = new MjpegPartReader(await response.Content.ReadAsStreamAsync(), MjpegStreamResult.Boundary);
        var parts = new List<byte[]>();
        for (var i = 0; i < count; i++)
        {
            parts.Add(await reader.NextAsync().WaitAsync(TimeSpan.FromSeconds(20)));
        }

        return parts;
    }
}
