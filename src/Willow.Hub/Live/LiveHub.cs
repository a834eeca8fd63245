using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Willow.Hub.Access;
using Willow.Hub.Households;

namespace Willow.Hub.Live;

/// <summary>
/// <c>/hubs/live</c>: the dashboard's live feed. A person signed in (cookie or token) asks to watch a
/// household; only a current member is let in, and then hears every change to its commands, devices and doses.
/// </summary>
[Authorize(Policy = AccessPolicies.Person)]
public sealed class LiveHub(IMembershipStore memberships, LiveWatchers watchers, TimeProvider time) : Hub<ILiveClient>
{
    public const string Path = "/hubs/live";

    public static string Group(Guid householdId) => $"household:{householdId:N}";

    /// <summary>Starts sending this household's changes to the caller. Not a member: the same answer as no such household.</summary>
    public async Task Watch(Guid householdId)
    {
        var membership = await memberships.GetAsync(householdId, Context.User!.RequiredUserId(), Context.ConnectionAborted);
        if (membership is null || !membership.IsActiveAt(time.GetUtcNow()))
        {
            throw new HubException("Household not found.");
        }

        watchers.Add(Context.ConnectionId, membership.UserId, householdId);
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(householdId), Context.ConnectionAborted);
    }

    public Task Unwatch(Guid householdId)
    {
        watchers.Remove(Context.ConnectionId, householdId);
        return Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(householdId), Context.ConnectionAborted);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        watchers.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
