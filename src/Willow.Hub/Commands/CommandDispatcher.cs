using Microsoft.AspNetCore.SignalR;
using Willow.Core.Protocol;
using Willow.Hub.Devices;
using Willow.Hub.Nodes;
using Willow.Hub.Gateways;

namespace Willow.Hub.Commands;

/// <summary>
/// Hands an accepted command to the home the moment it is stored: pushed over the gateway's WebSocket, or
/// woken up for a direct-mode device's long-poll. Best effort by design: the command is already durable,
/// and a home that missed the push receives it when it next syncs or polls.
/// </summary>
public sealed class CommandDispatcher(
    IHubContext<GatewayHub, IGatewayClient> gateways,
    INodeSignals nodes,
    ILogger<CommandDispatcher> logger)
{
    public async Task DispatchAsync(CommandEnvelope command, DeviceRecord device, CancellationToken cancellationToken)
    {
        if (device.Link == DeviceLink.Direct || device.GatewayId is null)
        {
            // Its long-poll may be waiting on any hub node.
            await nodes.BroadcastAsync(new NodeSignal(NodeSignalKind.DirectCommandWaiting, command.HouseholdId, command.DeviceId));
            return;
        }

        try
        {
            await gateways.Clients.Group(GatewayHub.GroupName(command.HouseholdId, device.GatewayId)).CommandIssued(command);
            CommandLog.Pushed(logger, command.Id, device.GatewayId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            CommandLog.PushFailed(logger, ex, command.Id, device.GatewayId);
        }
    }

    public async Task CancelAsync(CommandEnvelope command, DeviceRecord? device)
    {
        if (device?.GatewayId is { } gatewayId && device.Link == DeviceLink.Gateway)
        {
            try
            {
                await gateways.Clients.Group(GatewayHub.GroupName(command.HouseholdId, gatewayId)).CommandCancelled(command.Id);
            }
            catch (Exception ex)
            {
                CommandLog.PushFailed(logger, ex, command.Id, gatewayId);
            }
        }
    }
}
