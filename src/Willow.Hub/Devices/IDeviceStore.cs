using Willow.Core.Protocol;

namespace Willow.Hub.Devices;

/// <summary>Where devices and their presence are kept.</summary>
public interface IDeviceStore
{
    Task<DeviceRecord?> GetAsync(Guid householdId, string deviceId, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeviceRecord>> ListAsync(Guid householdId, CancellationToken cancellationToken);

    /// <summary>Every household with at least one device (for the jobs that watch devices, such as the alert rules).</summary>
    Task<IReadOnlyList<Guid>> HouseholdsWithDevicesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records a gateway's complete view of its home: listed devices are created or updated and linked to
    /// the gateway; its devices that are not listed any more are marked offline (not deleted: their
    /// history stays).
    /// </summary>
    Task ApplyGatewayReportAsync(Guid householdId, string gatewayId, DevicePresenceReport report, CancellationToken cancellationToken);

    /// <summary>The gateway's link dropped: none of its devices can be reached.</summary>
    Task MarkGatewayDevicesOfflineAsync(Guid householdId, string gatewayId, CancellationToken cancellationToken);

    /// <summary>A direct-mode device announced itself.</summary>
    Task UpsertDirectAsync(Guid householdId, string deviceId, DirectDeviceHello hello, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records a refill (and, if given, a new capacity). Returns the device, or null if unknown.</summary>
    Task<DeviceRecord?> RefillAsync(Guid householdId, string deviceId, int? capacity, int remaining, string by, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>A speaker's library changed (a sound was uploaded or deleted through the hub).</summary>
    Task SetSoundsAsync(Guid householdId, string deviceId, IReadOnlyList<string> sounds, CancellationToken cancellationToken);

    /// <summary>Gives a direct-mode device a (new) token; the old one stops working.</summary>
    Task SetCredentialAsync(Guid householdId, string deviceId, string tokenHash, string by, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The direct-mode device holding this token, if it is not revoked.</summary>
    Task<(Guid HouseholdId, string DeviceId)?> FindCredentialAsync(string tokenHash, CancellationToken cancellationToken);

    Task<bool> RevokeCredentialAsync(Guid householdId, string deviceId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>A direct-mode device asked for work: it is alive.</summary>
    Task TouchDirectAsync(Guid householdId, string deviceId, DateTimeOffset at, CancellationToken cancellationToken);
}
