namespace Willow.Hub.Live;

/// <summary>Structured log messages of the live feed (event ids 1500–1599).</summary>
internal static partial class LiveLog
{
    [LoggerMessage(1500, LogLevel.Warning, "Could not send a live update for household {HouseholdId}")]
    public static partial void SendFailed(ILogger logger, Guid householdId, Exception exception);

    [LoggerMessage(1501, LogLevel.Information, "User {UserId} no longer belongs to household {HouseholdId}: live connection {ConnectionId} stops hearing it")]
    public static partial void StoppedWatching(ILogger logger, Guid userId, Guid householdId, string connectionId);
}
