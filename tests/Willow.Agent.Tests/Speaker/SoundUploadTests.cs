using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Willow.Agent.Capabilities.Speaker;
using Willow.Agent.Hardware;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Core.Security;
using Willow.Gateway.Relay;
using Willow.Testing;

namespace Willow.Agent.Tests.Speaker;

/// <summary>
/// The sound library on a speaker agent's signed LAN API, on a real port: uploads are checked before they are
/// kept, bad ones answer a problem document and change nothing, and an uploaded sound is played by <c>call</c>.
/// </summary>
public sealed class SoundUploadTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("sound-api");
    private readonly string _homeKey = HomeKey.Generate();
    private AgentHost _agent = null!;
    private HttpClient _client = null!;

    private string SoundsDirectory => Path.Combine(_directory.Path, "sounds");

    public async ValueTask InitializeAsync()
    {
        _agent = await AgentHost.StartAsync(_directory.Path, "kitchen-speaker", Capability.Speaker, _homeKey);
        _client = new HttpClient(new SigningHandler(new HomeKeyring(Convert.FromBase64String(_homeKey)), TimeProvider.System) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = new Uri(_agent.Url + "/"),
        };
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _agent.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task List_ShowsTheBuiltIns_AndInfoToo()
    {
        var names = await _client.GetFromJsonAsync(AgentRoutes.Sounds, WillowJsonContext.Default.IReadOnlyListString);
        var info = await _client.GetFromJsonAsync(AgentRoutes.Info, WillowJsonContext.Default.AgentInfo);

        Assert.Equal(["call", "chime", "whistle"], names);
        Assert.Equal(names, info!.Sounds);
    }

    [Fact]
    public async Task PutWav_NewName_Created_ListedAndPlayedByCall()
    {
        var bark = BuiltInSounds.Render("whistle");

        using var put = await PutAsync("bark", bark, "audio/wav");
        var outcome = await CallAsync("{\"sound\":\"bark\"}");

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal("/api/v1/sounds/bark", put.Headers.Location?.OriginalString);
        Assert.Contains("bark", (await _client.GetFromJsonAsync(AgentRoutes.Info, WillowJsonContext.Default.AgentInfo))!.Sounds!);
        Assert.Equal(CommandState.Succeeded, outcome.State);
        var play = Assert.Single(_agent.Speaker.Plays);
        Assert.Equal("bark", play.Sound);
        Assert.Equal(bark, File.ReadAllBytes(play.OutputFile!));
    }

    [Fact]
    public async Task PutWav_BuiltInName_ReplacesIt204()
    {
        var mine = BuiltInSounds.Render("chime");

        using var put = await PutAsync("call", mine, "audio/x-wav");

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(mine, File.ReadAllBytes(Path.Combine(SoundsDirectory, "call.wav")));
    }

    [Fact]
    public async Task PutOgg_IsConvertedToAPlayableWav_WithRealFfmpeg()
    {
        var ogg = await OggAsync();

        using var put = await PutAsync("squeak", ogg, "audio/ogg");

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.True(WavFile.TryDescribe(Path.Combine(SoundsDirectory, "squeak.wav"), out var format, out var problem), problem);
        Assert.InRange(format.Duration, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(1.1));
        Assert.False(File.Exists(Path.Combine(SoundsDirectory, "squeak.ogg")));
    }

    [Theory]
    [InlineData("Bark")]
    [InlineData("big%20bark")]
    [InlineData("bark.wav")]
    [InlineData("a-name-far-too-long-to-be-a-sound-name-in-a-speakers-library-ok-65")]
    public async Task Put_BadName_Answers400Problem(string name)
    {
        using var put = await PutAsync(name, BuiltInSounds.Render("call"), "audio/wav");

        await AssertProblemAsync(put, HttpStatusCode.BadRequest, "lower-case letters");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("audio/mpeg")]
    [InlineData("application/json")]
    public async Task Put_NotWavOrOgg_Answers415Problem(string type)
    {
        using var put = await PutAsync("bark", BuiltInSounds.Render("call"), type);

        await AssertProblemAsync(put, HttpStatusCode.UnsupportedMediaType, "audio/wav or audio/ogg");
    }

    [Fact]
    public async Task Put_OverTwoMegabytes_Answers413Problem()
    {
        var huge = new byte[(2 * 1024 * 1024) + 1];
        BuiltInSounds.Render("call").CopyTo(huge, 0);

        using var put = await PutAsync("bark", huge, "audio/wav");

        await AssertProblemAsync(put, HttpStatusCode.RequestEntityTooLarge, "2048 KB");
    }

    [Theory]
    [InlineData("audio/wav", "ogg", "not a WAV file")]
    [InlineData("audio/ogg", "wav", "not an OGG file")]
    [InlineData("audio/wav", "text", "not a WAV file")]
    [InlineData("audio/ogg", "broken-ogg", "could not be decoded")]
    [InlineData("audio/wav", "header-only", "holds no sound")]
    public async Task Put_ContentThatIsNotThatSound_Answers422Problem(string type, string body, string reason)
    {
        var bytes = body switch
        {
            "ogg" => await OggAsync(),
            "wav" => BuiltInSounds.Render("call"),
            "broken-ogg" => [.. "OggS"u8.ToArray(), .. Enumerable.Repeat((byte)7, 500)],
            "header-only" => BuiltInSounds.Render("call")[..44],
            _ => Encoding.UTF8.GetBytes("hello, this is text"),
        };

        using var put = await PutAsync("bark", bytes, type);

        await AssertProblemAsync(put, HttpStatusCode.UnprocessableEntity, reason);
    }

    [Fact]
    public async Task Put_Unsigned_Answers401_AndKeepsNothing()
    {
        using var stranger = new HttpClient { BaseAddress = new Uri(_agent.Url + "/") };
        using var content = new ByteArrayContent(BuiltInSounds.Render("call")) { Headers = { ContentType = new MediaTypeHeaderValue("audio/wav") } };

        using var put = await stranger.PutAsync(AgentRoutes.Sounds + "/bark", content);

        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
        Assert.False(File.Exists(Path.Combine(SoundsDirectory, "bark.wav")));
    }

    [Fact]
    public async Task Delete_UploadedSound_204AndGone()
    {
        (await PutAsync("bark", BuiltInSounds.Render("call"), "audio/wav")).Dispose();

        using var delete = await _client.DeleteAsync(AgentRoutes.Sounds + "/bark");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.DoesNotContain("bark", (await _client.GetFromJsonAsync(AgentRoutes.Sounds, WillowJsonContext.Default.IReadOnlyListString))!);
    }

    [Fact]
    public async Task Delete_BuiltIn_Answers409Problem_AndItStays()
    {
        using var delete = await _client.DeleteAsync(AgentRoutes.Sounds + "/whistle");

        await AssertProblemAsync(delete, HttpStatusCode.Conflict, "can be replaced");
        Assert.True(File.Exists(Path.Combine(SoundsDirectory, "whistle.wav")));
    }

    [Fact]
    public async Task Delete_Unknown_Answers404Problem()
    {
        using var delete = await _client.DeleteAsync(AgentRoutes.Sounds + "/meow");

        await AssertProblemAsync(delete, HttpStatusCode.NotFound, "no sound 'meow'");
    }

    [Fact]
    public async Task Refusals_LeaveTheLibraryAsItWas()
    {
        var before = Directory.GetFiles(SoundsDirectory).Order().ToList();

        (await PutAsync("bark", Encoding.UTF8.GetBytes("RIFF....WAVEnothing"), "audio/wav")).Dispose();
        (await PutAsync("bark", [.. "OggS"u8.ToArray(), 1, 2, 3], "audio/ogg")).Dispose();

        Assert.Equal(before, Directory.GetFiles(SoundsDirectory).Order().ToList());
    }

    private async Task<HttpResponseMessage> PutAsync(string name, byte[] body, string type)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        return await _client.PutAsync(AgentRoutes.Sounds + "/" + name, content);
    }

    private async Task<ActuationOutcome> CallAsync(string args)
    {
        var request = new ActuationRequest(
            Guid.CreateVersion7(), CommandKinds.Call, JsonElement.Parse(args), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(1));
        using var response = await _client.PostAsJsonAsync(AgentRoutes.Actuations, request, WillowJsonContext.Default.ActuationRequest);
        return (await response.Content.ReadFromJsonAsync(WillowJsonContext.Default.ActuationOutcome))!;
    }

    private async Task<byte[]> OggAsync()
    {
        var path = _directory.File($"{Guid.NewGuid():N}.ogg");
        var made = await ExternalProgram.RunAsync(
            "ffmpeg", ["-nostdin", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=880:duration=1", "-c:a", "libvorbis", path],
            TimeSpan.FromSeconds(30), TimeProvider.System, CancellationToken.None);
        Assert.True(made.Succeeded, made.Errors);
        return File.ReadAllBytes(path);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
