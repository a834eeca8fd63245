using Microsoft.AspNetCore.SignalR;
using Willow.Core.Protocol;
using Willow.Hub.Devices;

namespace Willow.Hub.Gateways;

/// <summary>
/// Asks the gateway that holds a device to do something now and waits for its answer (SignalR client
/// results, through the backplane to whichever node holds its connection). For what only makes sense while
/// the home is online — a new sound, a live view — rather than what must survive an outage (commands).
/// </summary>
public sealed class GatewayCalls(IHubContext<GatewayHub, IGatewayClient> hub, IGatewayStore gateways)
{
    /// <summary>How long a home may take to answer before the person is told it did not.</summary>
    public static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(30);

    /// <summary>The client of the device's connected gateway, or null with the reason it cannot be reached.</summary>
    public async Task<(IGatewayClient? Client, string? Problem)> ReachAsync(DeviceRecord device, CancellationToken cancellationToken)
    {
        if (device.Link != DeviceLink.Gateway || device.GatewayId is null)
        {
            return (null, $"'{device.DeviceId}' is not behind a gateway.");
        }

        var gateway = await gateways.GetAsync(device.HouseholdId, device.GatewayId, cancellationToken);
        return gateway is { Connected: true, ConnectionId: { } connection, RevokedAt: null }
            ? (hub.Clients.Client(connection), null)
            : (null, $"The home's gateway '{device.GatewayId}' is not connected right now; try again when it is.");
    }
}
