using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Willow.Core.Commands;
using Willow.Core.Security;
using Willow.Hub.Access;
using Willow.Hub.Audit;
using Willow.Hub.Doses;
using Willow.Hub.Households;
using Willow.Hub.Regimens;

namespace Willow.Hub.Devices;

/// <summary><c>/api/v1/households/{householdId}/devices</c>: the home's devices, whether they are reachable, and what is left in the dispensers.</summary>
public static class DeviceEndpoints
{
    public static RouteGroupBuilder MapDevices(this RouteGroupBuilder household)
    {
        var group = household.MapGroup("/devices").WithTags("Devices");
        group.MapGet("/", ListDevices).Requires(HouseholdRole.Viewer)
            .WithName("ListDevices")
            .WithSummary("The household's devices with their capabilities, online state, last-seen time and, for dispensers, doses left.");
        group.MapGet("/{deviceId}", GetDevice).Requires(HouseholdRole.Viewer)
            .WithName("GetDevice")
            .WithSummary("One device.");
        group.MapPost("/{deviceId}/refill", RefillDevice).Requires(HouseholdRole.Caregiver)
            .WithName("RefillDevice")
            .WithSummary("Records that a dispenser was refilled (to full, or to 'remaining' portions).");
        group.MapPost("/{deviceId}/token", IssueDeviceToken).Requires(HouseholdRole.Owner)
            .WithName("IssueDeviceToken")
            .WithSummary("A token for a direct-mode device (one with no gateway); shown once. A new token replaces the old one.");
        group.MapDelete("/{deviceId}/token", RevokeDeviceToken).Requires(HouseholdRole.Owner)
            .WithName("RevokeDeviceToken")
            .WithSummary("Revokes a direct-mode device's token at once.");
        return group;
    }

    public static async Task<Ok<IReadOnlyList<DeviceView>>> ListDevices(
        Guid householdId, IDeviceStore devices, RegimenPublisher regimens, IDoseStore doses, IOptions<PresenceOptions> presence, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var list = await devices.ListAsync(householdId, cancellationToken);
        var forecast = await ForecasterAsync(householdId, regimens, doses, now, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<DeviceView>>([.. list.Select(d => DeviceView.From(d, now, presence.Value.OfflineAfter, forecast(d)))]);
    }

    public static async Task<Results<Ok<DeviceView>, ProblemHttpResult>> GetDevice(
        Guid householdId, string deviceId, IDeviceStore devices, RegimenPublisher regimens, IDoseStore doses, IOptions<PresenceOptions> presence, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var device = await devices.GetAsync(householdId, deviceId, cancellationToken);
        if (device is null)
        {
            return DeviceProblems.NotFound(deviceId);
        }

        var forecast = await ForecasterAsync(householdId, regimens, doses, now, cancellationToken);
        return TypedResults.Ok(DeviceView.From(device, now, presence.Value.OfflineAfter, forecast(device)));
    }

    public static async Task<Results<Ok<DeviceView>, ValidationProblem, ProblemHttpResult>> RefillDevice(
        Guid householdId,
        string deviceId,
        RefillRequest request,
        HttpContext context,
        IDeviceStore devices,
        RegimenPublisher regimens,
        IDoseStore doses,
        IOptions<PresenceOptions> presence,
        TimeProvider time,
        AuditTrail audit,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var device = await devices.GetAsync(householdId, deviceId, cancellationToken);
        if (device is null)
        {
            return DeviceProblems.NotFound(deviceId);
        }

        var capacity = request.Capacity ?? device.Capacity;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!device.Capabilities.Contains(Capability.Dispenser))
        {
            errors["deviceId"] = [$"'{deviceId}' is not a dispenser."];
        }
        else if (capacity is null)
        {
            errors["capacity"] = ["This dispenser's capacity is not known yet: give capacity (how many portions it holds when full)."];
        }
        else if (request.Remaining > capacity)
        {
            errors["remaining"] = [$"remaining cannot be more than the capacity ({capacity})."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = time.GetUtcNow();
        var remaining = request.Remaining ?? capacity!.Value;
        var refilled = (await devices.RefillAsync(householdId, deviceId, request.Capacity, remaining, context.User.CallerName(), now, cancellationToken))!;
        await audit.RecordAsync(context, householdId, AuditActions.DeviceRefilled, deviceId, $"{remaining} of {capacity} portions");
        DeviceLog.Refilled(loggers.CreateLogger(typeof(DeviceEndpoints).FullName!), deviceId, remaining, capacity!.Value, context.User.CallerName());
        var forecast = await ForecasterAsync(householdId, regimens, doses, now, cancellationToken);
        return TypedResults.Ok(DeviceView.From(refilled, now, presence.Value.OfflineAfter, forecast(refilled)));
    }

    public static async Task<Results<Created<DeviceToken>, ValidationProblem>> IssueDeviceToken(
        Guid householdId, string deviceId, HttpContext context, IDeviceStore devices, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!DeviceIds.IsValid(deviceId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["deviceId"] = [DeviceIds.Rule] });
        }

        var token = Secrets.NewToken(TokenPrefixes.Device);
        await devices.SetCredentialAsync(householdId, deviceId, Credentials.Hash(token), context.User.CallerName(), time.GetUtcNow(), cancellationToken);
        await audit.RecordAsync(context, householdId, AuditActions.DeviceTokenIssued, deviceId);
        var hub = $"{context.Request.Scheme}://{context.Request.Host}";
        return TypedResults.Created(
            $"/api/v1/households/{householdId}/devices/{deviceId}",
            new DeviceToken(deviceId, token, $"willow agent --device-id {deviceId} --hub {hub} --token {token} --capability …"));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeDeviceToken(
        Guid householdId, string deviceId, HttpContext context, IDeviceStore devices, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await devices.RevokeCredentialAsync(householdId, deviceId, time.GetUtcNow(), cancellationToken))
        {
            return TypedResults.Problem(title: "No device token", detail: $"'{deviceId}' has no token to revoke.", statusCode: StatusCodes.Status404NotFound);
        }

        await audit.RecordAsync(context, householdId, AuditActions.DeviceTokenRevoked, deviceId);
        return TypedResults.NoContent();
    }

    private static async Task<Func<DeviceRecord, (int?, DateTimeOffset?)>> ForecasterAsync(
        Guid householdId, RegimenPublisher regimens, IDoseStore doses, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var plans = await regimens.PlansAsync(householdId, cancellationToken);
        var skipped = (await doses.ListSkippedAsync(householdId, now, cancellationToken)).ToHashSet();
        return device => CapacityForecast.For(device, plans, skipped, now);
    }
}
