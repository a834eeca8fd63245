using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Willow.Agent.Hardware;
using Willow.Core.Commands;
using Willow.Core.Protocol;

namespace Willow.Agent.Capabilities.Speaker;

/// <summary>
/// The speaker's sound library on the agent's LAN API, signed like every other request: list, upload (WAV or
/// OGG, at most 2 MB, checked before it is kept) and delete (built-ins can be replaced, not deleted).
/// </summary>
public static class SoundEndpoints
{
    private const string NameRule = "A sound name is 1 to 64 lower-case letters, digits, '-' or '_'.";

    public static RouteGroupBuilder MapSounds(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/" + AgentRoutes.Sounds).WithTags("Sounds");
        group.MapGet("/", ListSounds)
            .WithName("ListSounds")
            .WithSummary("The names of the sounds this speaker can play.");
        group.MapPut("/{name}", PutSound)
            .WithName("PutSound")
            .WithSummary("Adds or replaces a sound: the body is a WAV (audio/wav) or OGG (audio/ogg) file of at most 2 MB.")
            .WithMetadata(new RequestSizeLimitAttribute(SoundLibrary.MaxUploadBytes));
        group.MapDelete("/{name}", DeleteSound)
            .WithName("DeleteSound")
            .WithSummary("Deletes an uploaded sound; the built-in call, whistle and chime can be replaced but not deleted.");
        return group;
    }

    public static Ok<IReadOnlyList<string>> ListSounds(SoundLibrary library) => TypedResults.Ok(library.Names());

    public static async Task<Results<Created, NoContent, ValidationProblem, ProblemHttpResult>> PutSound(
        string name, HttpRequest request, SoundLibrary library, ILogger<SoundLibrary> logger, CancellationToken cancellationToken)
    {
        if (!CommandArgs.IsSoundName(name))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [NameRule] });
        }

        ProblemHttpResult Refuse(int status, string title, string detail)
        {
            SpeakerLog.UploadRefused(logger, name, status, detail);
            return TypedResults.Problem(title: title, detail: detail, statusCode: status);
        }

        if (KindOf(request.ContentType) is not { } kind)
        {
            return Refuse(StatusCodes.Status415UnsupportedMediaType, "Not a sound type this speaker takes",
                $"Send the sound as audio/wav or audio/ogg, not '{request.ContentType ?? "no Content-Type"}'.");
        }

        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return Refuse(StatusCodes.Status413PayloadTooLarge, "The sound is too large",
                $"A sound may be at most {SoundLibrary.MaxUploadBytes / (1024 * 1024)} MB; shorten it, or make it mono at 22 kHz.");
        }

        var isOgg = kind == "ogg";
        var looksRight = isOgg ? body.AsSpan().StartsWith("OggS"u8) : WavFile.LooksLikeWav(body);
        if (!looksRight)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, "The body is not the sound it says it is",
                isOgg ? "The body is not an OGG file: it does not begin with OggS." : "The body is not a WAV file: it does not begin with RIFF…WAVE.");
        }

        try
        {
            var (created, problem) = await library.SaveAsync(name, body, isOgg, cancellationToken);
            if (problem is not null)
            {
                return Refuse(StatusCodes.Status422UnprocessableEntity, "The sound cannot be played", problem);
            }

            return created ? TypedResults.Created($"/{AgentRoutes.Sounds}/{name}") : TypedResults.NoContent();
        }
        catch (ExternalProgramMissingException ex)
        {
            return Refuse(StatusCodes.Status503ServiceUnavailable, "OGG sounds cannot be converted on this board", $"{ex.Message} Or upload the sound as WAV.");
        }
    }

    public static Results<NoContent, ValidationProblem, ProblemHttpResult> DeleteSound(string name, SoundLibrary library)
    {
        if (!CommandArgs.IsSoundName(name))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [NameRule] });
        }

        if (SoundLibrary.IsBuiltIn(name))
        {
            return TypedResults.Problem(
                title: "Built-in sounds stay",
                detail: $"'{name}' is built in: it can be replaced with PUT, not deleted.",
                statusCode: StatusCodes.Status409Conflict);
        }

        return library.TryDelete(name)
            ? TypedResults.NoContent()
            : TypedResults.Problem(title: "Unknown sound", detail: $"This speaker has no sound '{name}'.", statusCode: StatusCodes.Status404NotFound);
    }

    /// <summary>"wav", "ogg", or null for a type that is neither.</summary>
    private static string? KindOf(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            ? parsed.MediaType?.ToLowerInvariant() switch
            {
                "audio/wav" or "audio/x-wav" or "audio/wave" or "audio/vnd.wave" => "wav",
                "audio/ogg" or "application/ogg" or "audio/vorbis" => "ogg",
                _ => null,
            }
            : null;

    /// <summary>The whole body, or null if it is larger than an upload may be.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > SoundLibrary.MaxUploadBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > SoundLibrary.MaxUploadBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
