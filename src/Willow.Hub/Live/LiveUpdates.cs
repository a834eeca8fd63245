using Microsoft.AspNetCore.SignalR;
using Willow.Hub.Commands;

namespace Willow.Hub.Live;

/// <summary>
/// Tells the dashboards watching a household what changed. A dashboard that misses a message (a dropped
/// connection) reads the state again when it reconnects, so a failed send is logged and not retried.
/// </summary>
public sealed class LiveUpdates(IHubContext<LiveHub, ILiveClient> hub, ILogger<LiveUpdates> logger)
{
    public Task CommandChangedAsync(CommandRecord command) =>
        SendAsync(command.Envelope.HouseholdId, clients => clients.CommandChanged(CommandView.From(command)));

    public Task DevicesChangedAsync(Guid householdId) => SendAsync(householdId, clients => clients.DevicesChanged(householdId));

    public Task DosesChangedAsync(Guid householdId) => SendAsync(householdId, clients => clients.DosesChanged(householdId));

    private async Task SendAsync(Guid householdId, Func<ILiveClient, Task> send)
    {
        try
        {
            await send(hub.Clients.Group(LiveHub.Group(householdId)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LiveLog.SendFailed(logger, householdId, ex);
        }
    }
}
