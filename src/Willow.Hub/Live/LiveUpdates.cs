using Microsoft.AspNetCore.SignalR;
using Willow.Core.Commands;
using Willow.Hub.Commands;
using Willow.Hub.Photos;
using Willow.Hub.Readings;

namespace Willow.Hub.Live;

/// <summary>
/// Tells the dashboards watching a household what changed. A dashboard that misses a message (a dropped
/// connection) reads the state again when it reconnects, so a failed send is logged and not retried.
/// </summary>
public sealed class LiveUpdates(IHubContext<LiveHub, ILiveClient> hub, LiveWatchers watchers, ILogger<LiveUpdates> logger)
{
    public async Task CommandChangedAsync(CommandRecord command)
    {
        await SendAsync(command.Envelope.HouseholdId, clients => clients.CommandChanged(CommandView.From(command)));

        // The same change took portions from the dispenser: its count (and forecast) moved too.
        if (CommandKinds.TakesPortions(command.Envelope.Kind, command.State))
        {
            await DevicesChangedAsync(command.Envelope.HouseholdId);
        }
    }

    public Task DevicesChangedAsync(Guid householdId) => SendAsync(householdId, clients => clients.DevicesChanged(householdId));

    public Task DosesChangedAsync(Guid householdId) => SendAsync(householdId, clients => clients.DosesChanged(householdId));

    public Task AlertsChangedAsync(Guid householdId) => SendAsync(householdId, clients => clients.AlertsChanged(householdId));

    public Task ReadingsAddedAsync(Guid householdId, IReadOnlyList<ReadingView> readings) =>
        SendAsync(householdId, clients => clients.ReadingsAdded(new ReadingsAdded(householdId, readings)));

    public Task PhotoAddedAsync(PhotoView photo, Guid householdId) => SendAsync(householdId, clients => clients.PhotoAdded(photo));

    /// <summary>A person left or was removed: their open pages stop hearing the household at once.</summary>
    public async Task StopWatchingAsync(Guid householdId, Guid userId)
    {
        foreach (var connectionId in watchers.Take(householdId, userId))
        {
            await hub.Groups.RemoveFromGroupAsync(connectionId, LiveHub.Group(householdId));
            LiveLog.StoppedWatching(logger, userId, householdId, connectionId);
        }
    }

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
