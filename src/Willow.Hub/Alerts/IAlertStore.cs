namespace Willow.Hub.Alerts;

/// <summary>
/// Where alerts, the members' channels and settings, and the delivery outbox are kept. Every method that decides
/// something decides it atomically, so two hub nodes evaluating the same cause, or claiming the same delivery, cannot
/// both win.
/// </summary>
public interface IAlertStore
{
    /// <summary>
    /// Opens <paramref name="alert"/> unless its cause already has an unresolved alert (or, for an event kind, any
    /// alert ever), and queues <paramref name="deliveries"/> with it in the same write. Returns the alert that holds
    /// the cause and whether it is the one just opened.
    /// </summary>
    Task<(Alert Alert, bool Opened)> OpenAsync(Alert alert, IReadOnlyList<AlertDelivery> deliveries, CancellationToken cancellationToken);

    Task<Alert?> GetAsync(Guid householdId, Guid alertId, CancellationToken cancellationToken);

    /// <summary>Newest first; of one state if given.</summary>
    Task<IReadOnlyList<Alert>> ListAsync(Guid householdId, AlertState? state, int limit, CancellationToken cancellationToken);

    /// <summary>Open and acknowledged alerts, oldest first.</summary>
    Task<IReadOnlyList<Alert>> ListUnresolvedAsync(Guid householdId, CancellationToken cancellationToken);

    /// <summary>Open → acknowledged. Returns the alert after the change (or as it is, if it was not open), or null if unknown.</summary>
    Task<(Alert? Alert, bool Changed)> AcknowledgeAsync(Guid householdId, Guid alertId, string by, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Resolves an unresolved alert; a condition's cause is then free to open a new alert. Null if it was not unresolved.</summary>
    Task<Alert?> ResolveAsync(Guid householdId, Guid alertId, string resolution, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Moves an open alert from escalation step <paramref name="fromStep"/> to the next and queues
    /// <paramref name="deliveries"/>, only if it is still open at that step (another node may have escalated it).
    /// </summary>
    Task<bool> EscalateAsync(Guid householdId, Guid alertId, int fromStep, IReadOnlyList<AlertDelivery> deliveries, CancellationToken cancellationToken);

    Task SaveChannelAsync(AlertChannel channel, CancellationToken cancellationToken);

    Task<AlertChannel?> GetChannelAsync(Guid householdId, Guid channelId, CancellationToken cancellationToken);

    /// <summary>The household's channels, of one member if given, oldest first.</summary>
    Task<IReadOnlyList<AlertChannel>> ListChannelsAsync(Guid householdId, Guid? userId, CancellationToken cancellationToken);

    Task<bool> DeleteChannelAsync(Guid householdId, Guid channelId, CancellationToken cancellationToken);

    /// <summary>Households in which someone has a channel (the alert rules look at these besides those with regimens).</summary>
    Task<IReadOnlyList<Guid>> HouseholdsWithChannelsAsync(CancellationToken cancellationToken);

    Task<MemberAlertSettings> GetMemberSettingsAsync(Guid householdId, Guid userId, CancellationToken cancellationToken);

    Task SaveMemberSettingsAsync(Guid householdId, Guid userId, MemberAlertSettings settings, CancellationToken cancellationToken);

    Task<HouseholdAlertSettings> GetHouseholdSettingsAsync(Guid householdId, CancellationToken cancellationToken);

    Task SaveHouseholdSettingsAsync(Guid householdId, HouseholdAlertSettings settings, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="limit"/> pending deliveries due by <paramref name="now"/> (including those whose
    /// earlier claim lapsed): each gets a new claim id, one more attempt, and is due again at now + <paramref name="lease"/>
    /// unless marked first.
    /// </summary>
    Task<IReadOnlyList<AlertDelivery>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken);

    /// <summary>The claimed delivery was sent. False if the claim is no longer this one (it lapsed and another took it).</summary>
    Task<bool> MarkSentAsync(AlertDelivery claimed, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The attempt failed: try again at <paramref name="retryAt"/>, or never (null: gave up).</summary>
    Task<bool> MarkFailedAsync(AlertDelivery claimed, DateTimeOffset? retryAt, string error, CancellationToken cancellationToken);

    /// <summary>The deliveries of one alert, oldest first.</summary>
    Task<IReadOnlyList<AlertDelivery>> ListDeliveriesAsync(Guid householdId, Guid alertId, CancellationToken cancellationToken);
}
