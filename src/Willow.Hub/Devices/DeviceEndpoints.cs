using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Willow.Hub.Devices;

/// <summary><c>/api/v1/households/{householdId}/devices</c>: the home's devices and whether they are reachable.</summary>
public static class DeviceEndpoints
{
    public static RouteGroupBuilder MapDevices(this RouteGroupBuilder household)
    {
        var group = household.MapGroup("/devices").WithTags("Devices");
        group.MapGet("/", ListDevices)
            .WithName("ListDevices")
            .WithSummary("The household's devices with their capabilities, online state and last-seen time.");
        group.MapGet("/{deviceId}", GetDevice)
            .WithName("GetDevice")
            .WithSummary("One device.");
        return group;
    }

    public static async Task<Ok<IReadOnlyList<DeviceView>>> ListDevices(
        Guid householdId, IDeviceStore devices, IOptions<PresenceOptions> presence, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var list = await devices.ListAsync(householdId, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<DeviceView>>([.. list.Select(d => DeviceView.From(d, now, presence.Value.OfflineAfter))]);
    }

    public static async Task<Results<Ok<DeviceView>, ProblemHttpResult>> GetDevice(
        Guid householdId, string deviceId, IDeviceStore devices, IOptions<PresenceOptions> presence, TimeProvider time, CancellationToken cancellationToken)
    {
        var device = await devices.GetAsync(householdId, deviceId, cancellationToken);
        return device is null
            ? DeviceProblems.NotFound(deviceId)
            : TypedResults.Ok(DeviceView.From(device, time.GetUtcNow(), presence.Value.OfflineAfter));
    }
}
