using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Hosting;
using Willow.Hub.Access;
using Willow.Hub.Audit;
using Willow.Hub.Devices;
using Willow.Hub.Gateways;
using Willow.Hub.Households;
using Willow.Hub.Live;

namespace Willow.Hub.Sounds;

/// <summary>
/// <c>/api/v1/households/{householdId}/devices/{deviceId}/sounds</c>: a speaker's library of sounds. An upload
/// goes straight through the gateway to the speaker, so it needs the home online; the answer says how the
/// speaker took it.
/// </summary>
public static class SoundEndpoints
{
    /// <summary>The speaker's own limit (WAV or OGG of a few seconds).</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    public static RouteGroupBuilder MapSounds(this RouteGroupBuilder household)
    {
        var group = household.MapGroup("/devices/{deviceId}/sounds").WithTags("Sounds");
        group.MapGet("/", ListSounds).Requires(HouseholdRole.Viewer)
            .WithName("ListSounds")
            .WithSummary("The sounds a speaker can play (as its gateway last reported).");
        group.MapPut("/{name}", UploadSound).Requires(HouseholdRole.Owner)
            .WithName("UploadSound")
            .WithSummary("Adds or replaces a sound: the body is a WAV (audio/wav) or OGG (audio/ogg) file of at most 2 MB. Needs the home online.");
        group.MapDelete("/{name}", DeleteSound).Requires(HouseholdRole.Owner)
            .WithName("DeleteSound")
            .WithSummary("Deletes an uploaded sound (the built-in call, whistle and chime stay). Needs the home online.");
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<string>>, ProblemHttpResult>> ListSounds(
        Guid householdId, string deviceId, IDeviceStore devices, CancellationToken cancellationToken)
    {
        var device = await devices.GetAsync(householdId, deviceId, cancellationToken);
        return device is null || !device.Capabilities.Contains(Capability.Speaker)
            ? NotASpeaker(deviceId)
            : TypedResults.Ok<IReadOnlyList<string>>(device.Sounds ?? []);
    }

    public static async Task<Results<Ok<IReadOnlyList<string>>, ValidationProblem, ProblemHttpResult>> UploadSound(
        Guid householdId,
        string deviceId,
        string name,
        HttpContext context,
        IDeviceStore devices,
        GatewayCalls gateways,
        AuditTrail audit,
        LiveUpdates live,
        CancellationToken cancellationToken)
    {
        if (!CommandArgs.IsSoundName(name))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["A sound name is 1 to 64 lower-case letters, digits, '-' or '_'."] });
        }

        var contentType = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (contentType is not ("audio/wav" or "audio/x-wav" or "audio/wave" or "audio/ogg"))
        {
            return TypedResults.Problem(
                title: "Not a sound type a speaker takes",
                detail: $"Send the sound as audio/wav or audio/ogg, not '{context.Request.ContentType ?? "no Content-Type"}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var device = await devices.GetAsync(householdId, deviceId, cancellationToken);
        if (device is null || !device.Capabilities.Contains(Capability.Speaker))
        {
            return NotASpeaker(deviceId);
        }

        var body = await RequestBody.ReadAsync(context.Request, MaxBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem(title: "The sound is too large", detail: $"A sound may be at most {MaxBytes / (1024 * 1024)} MB.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var answer = await AskHomeAsync(device, gateways, (client, token) => client.InstallSound(new SoundUpload(deviceId, name, contentType == "audio/ogg" ? "audio/ogg" : "audio/wav", body), token), cancellationToken);
        if (answer.Problem is not null)
        {
            return answer.Problem;
        }

        await audit.RecordAsync(context, householdId, AuditActions.SoundUploaded, $"{deviceId}/{name}", $"{body.Length} bytes");
        await devices.SetSoundsAsync(householdId, deviceId, answer.Sounds!, cancellationToken);
        await live.DevicesChangedAsync(householdId);
        return TypedResults.Ok(answer.Sounds!);
    }

    public static async Task<Results<Ok<IReadOnlyList<string>>, ValidationProblem, ProblemHttpResult>> DeleteSound(
        Guid householdId,
        string deviceId,
        string name,
        HttpContext context,
        IDeviceStore devices,
        GatewayCalls gateways,
        AuditTrail audit,
        LiveUpdates live,
        CancellationToken cancellationToken)
    {
        if (!CommandArgs.IsSoundName(name))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["A sound name is 1 to 64 lower-case letters, digits, '-' or '_'."] });
        }

        var device = await devices.GetAsync(householdId, deviceId, cancellationToken);
        if (device is null || !device.Capabilities.Contains(Capability.Speaker))
        {
            return NotASpeaker(deviceId);
        }

        var answer = await AskHomeAsync(device, gateways, (client, token) => client.RemoveSound(deviceId, name, token), cancellationToken);
        if (answer.Problem is not null)
        {
            return answer.Problem;
        }

        await audit.RecordAsync(context, householdId, AuditActions.SoundDeleted, $"{deviceId}/{name}");
        await devices.SetSoundsAsync(householdId, deviceId, answer.Sounds!, cancellationToken);
        await live.DevicesChangedAsync(householdId);
        return TypedResults.Ok(answer.Sounds!);
    }

    /// <summary>Asks the home and turns its answer, or its silence, into the person's answer.</summary>
    private static async Task<(IReadOnlyList<string>? Sounds, ProblemHttpResult? Problem)> AskHomeAsync(
        DeviceRecord device, GatewayCalls gateways, Func<IGatewayClient, CancellationToken, Task<SoundChange>> ask, CancellationToken cancellationToken)
    {
        var (client, unreachable) = await gateways.ReachAsync(device, cancellationToken);
        if (client is null)
        {
            return (null, TypedResults.Problem(title: "The home is offline", detail: unreachable, statusCode: StatusCodes.Status503ServiceUnavailable));
        }

        using var within = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        within.CancelAfter(GatewayCalls.AnswerWithin);
        SoundChange change;
        try
        {
            change = await ask(client, within.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException or HubException && !cancellationToken.IsCancellationRequested)
        {
            return (null, TypedResults.Problem(
                title: "The home did not answer",
                detail: $"The gateway did not answer in time ({ex.Message}); the speaker may or may not have the change. Look at its sounds again in a minute.",
                statusCode: StatusCodes.Status504GatewayTimeout));
        }

        if (!change.Succeeded)
        {
            var status = change.Status is >= 400 and < 600 ? change.Status : StatusCodes.Status502BadGateway;
            return (null, TypedResults.Problem(title: "The speaker refused it", detail: change.Problem, statusCode: status));
        }

        return (change.Sounds ?? [], null);
    }

    private static ProblemHttpResult NotASpeaker(string deviceId) => TypedResults.Problem(
        title: "Speaker not found", detail: $"This household has no speaker '{deviceId}'.", statusCode: StatusCodes.Status404NotFound);
}
