using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Willow.Agent.Capabilities.Speaker;
using Willow.Core.Commands;
using Willow.Core.Media;
using Willow.Core.Readings;
using Willow.Hub;
using Willow.Hub.Photos;
using Willow.Hub.Readings;
using Willow.Testing;

namespace Willow.Gateway.Tests;

/// <summary>
/// What a camera, sensors and a speaker at home give the people at the hub, through a real gateway: readings
/// that arrive once even across a gateway restart, photos of snapshots, uploaded sounds, a live view.
/// </summary>
public sealed class HomeMediaTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private MediaHome _home = null!;

    public async ValueTask InitializeAsync() => _home = await MediaHome.StartAsync();

    public async ValueTask DisposeAsync() => await _home.DisposeAsync();

    private string Api(string rest) => $"api/v1/households/{_home.Hub.HouseholdId}/{rest}";

    private async Task<List<ReadingView>> HubReadingsAsync()
    {
        using var owner = _home.Hub.OwnerClient();
        return (await owner.GetFromJsonAsync<List<ReadingView>>(Api($"readings?device={MediaHome.Board}&limit=10000"), Json))!;
    }

    [Fact]
    public async Task Readings_SurviveAGatewayRestart_AndEachArrivesAtTheHubOnce()
    {
        await Eventually.WaitAsync(async () => (await HubReadingsAsync()).Count, n => n >= 3, "the first readings at the hub");

        await _home.StopGatewayAsync();
        var whileStopped = _home.AgentReadings.LastSequence();
        await Eventually.WaitAsync(() => _home.AgentReadings.LastSequence() >= whileStopped + 3, "readings taken while the gateway was down");
        await _home.StartGatewayAsync();

        var taken = _home.AgentReadings.After(0, 10_000);
        var atHub = await Eventually.WaitAsync(
            HubReadingsAsync, readings => readings.Count >= taken.Count, $"the {taken.Count} readings the board took at the hub");
        Assert.Equal(atHub.Count, atHub.Select(r => (r.At, r.Metric)).Distinct().Count());
        var hubKeys = atHub.Select(r => (r.Metric, r.Value, r.At)).ToHashSet();
        Assert.All(taken, r => Assert.Contains((r.Metric, r.Value, r.At), hubKeys));
        Assert.Contains(atHub, r => r.Metric == Metrics.BowlWeight && r.Unit == "g");
        Assert.Contains(atHub, r => r.Metric == Metrics.Temperature && r.Unit == "°C" && r.Value is > 10 and < 35);
    }

    [Fact]
    public async Task ASnapshot_ReachesTheHubAsAPhotoOfTheCamerasSize()
    {
        using var owner = _home.Hub.OwnerClient();
        using var issued = await owner.PostAsJsonAsync(Api($"devices/{MediaHome.Board}/commands"), new { kind = CommandKinds.Snapshot });
        Assert.Equal(HttpStatusCode.Accepted, issued.StatusCode);
        var commandId = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var photos = await Eventually.WaitAsync(
            () => owner.GetFromJsonAsync<List<PhotoView>>(Api("photos"), Json), list => list!.Count > 0, "the snapshot's photo at the hub");

        var photo = Assert.Single(photos!);
        Assert.Equal((commandId, MediaHome.Board, 320, 240), (photo.Id, photo.DeviceId, photo.Width, photo.Height));
        var jpeg = await owner.GetByteArrayAsync(photo.Url.TrimStart('/'));
        Assert.True(JpegImage.TryReadSize(jpeg, out var width, out var height));
        Assert.Equal((320, 240), (width, height));
        await Eventually.WaitAsync(() => _home.Gateway.Journal.PhotosQueued() == 0, "the gateway's queue of photos empty");
    }

    [Fact]
    public async Task AnUploadedSound_ReachesTheSpeaker_AndCanBePlayed()
    {
        using var owner = _home.Hub.OwnerClient();
        var tone = Enumerable.Range(0, 4410).Select(i => 0.3f * MathF.Sin(2 * MathF.PI * 880 * i / 22050f)).ToArray();
        using var sound = new ByteArrayContent(WavFile.Pcm16Mono(tone, 22050));
        sound.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");

        using var uploaded = await owner.PutAsync(Api($"devices/{MediaHome.Board}/sounds/dinner-bell"), sound);

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        Assert.Contains("dinner-bell", (await uploaded.Content.ReadFromJsonAsync<List<string>>())!);
        var device = await owner.GetFromJsonAsync($"{Api("devices")}/{MediaHome.Board}", HubJsonContext.Default.DeviceView);
        Assert.Contains("dinner-bell", device!.Sounds!);
        using var call = await owner.PostAsJsonAsync(Api($"devices/{MediaHome.Board}/commands"), new { kind = CommandKinds.Call, args = new { sound = "dinner-bell" } });
        var callId = (await call.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.WaitAsync(
            async () => (await owner.GetFromJsonAsync<JsonElement>(Api($"commands/{callId}"))).GetProperty("state").GetString(),
            state => state == "succeeded",
            "the call with the new sound succeeded");
        Assert.Contains(_home.Agent.Speaker.Plays, p => p.Sound == "dinner-bell");
    }

    [Fact]
    public async Task AnUploadThatIsNotASound_IsRefusedWithTheSpeakersReason()
    {
        using var owner = _home.Hub.OwnerClient();
        using var notWav = new ByteArrayContent("this is not a wav file"u8.ToArray());
        notWav.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");

        using var refused = await owner.PutAsync(Api($"devices/{MediaHome.Board}/sounds/noise"), notWav);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("WAV", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLiveView_GivesSeveralDistinctJpegFramesThroughTheHub()
    {
        using var owner = _home.Hub.OwnerClient();
        using var response = await owner.GetAsync(Api($"devices/{MediaHome.Board}/camera/live"), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("multipart/x-mixed-replace", response.Content.Headers.ContentType?.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync();
        var splitter = new JpegFrameSplitter();
        var frames = new List<byte[]>();
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (frames.Count < 4)
        {
            var read = await body.ReadAsync(buffer, timeout.Token);
            Assert.True(read > 0, "the live view ended early");
            frames.AddRange(splitter.Push(buffer.AsSpan(0, read)));
        }

        Assert.All(frames, f => Assert.True(JpegImage.TryReadSize(f, out var w, out var h) && (w, h) == (320, 240)));
        Assert.True(frames.Select(Convert.ToBase64String).Distinct().Count() > 1, "the frames should move (ffmpeg's test picture changes)");
    }
}
