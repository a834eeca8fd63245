namespace Willow.Hub.Alerts;

internal static partial class AlertLog
{
    [LoggerMessage(EventId = 1750, Level = LogLevel.Information, Message = "Alert {AlertId} opened: {Kind} ({CauseKey}), {Severity}, {Deliveries} deliveries queued")]
    public static partial void Opened(ILogger logger, Guid alertId, string kind, string causeKey, string severity, int deliveries);

    [LoggerMessage(EventId = 1751, Level = LogLevel.Information, Message = "Alert {AlertId} resolved itself: {CauseKey} went away")]
    public static partial void Resolved(ILogger logger, Guid alertId, string causeKey);

    [LoggerMessage(EventId = 1752, Level = LogLevel.Information, Message = "Alert {AlertId} acknowledged by {By}")]
    public static partial void Acknowledged(ILogger logger, Guid alertId, string by);

    [LoggerMessage(EventId = 1753, Level = LogLevel.Warning, Message = "Alert {AlertId} not acknowledged in time: escalated to step {Step} (member {UserId})")]
    public static partial void Escalated(ILogger logger, Guid alertId, int step, Guid userId);

    [LoggerMessage(EventId = 1760, Level = LogLevel.Information, Message = "Delivery {DeliveryId} of alert {AlertId} sent by {Channel} (attempt {Attempt})")]
    public static partial void Sent(ILogger logger, Guid deliveryId, Guid alertId, string channel, int attempt);

    [LoggerMessage(EventId = 1761, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} of alert {AlertId} by {Channel} failed (attempt {Attempt}): {Error}; next try {RetryAt:u} (none: given up)")]
    public static partial void SendFailed(ILogger logger, Guid deliveryId, Guid alertId, string channel, int attempt, string error, DateTimeOffset? retryAt);

    [LoggerMessage(EventId = 1762, Level = LogLevel.Information, Message = "Delivery {DeliveryId} of alert {AlertId} dropped: {Reason}")]
    public static partial void Dropped(ILogger logger, Guid deliveryId, Guid alertId, string reason);

    [LoggerMessage(EventId = 1770, Level = LogLevel.Error, Message = "The alert rules failed this round; they run again at the next")]
    public static partial void EvaluationFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1771, Level = LogLevel.Error, Message = "The alert rules failed for household {HouseholdId}; the other households were looked at")]
    public static partial void HouseholdEvaluationFailed(ILogger logger, Guid householdId, Exception exception);

    [LoggerMessage(EventId = 1772, Level = LogLevel.Error, Message = "The alert outbox could not be read; it is tried again at the next poll")]
    public static partial void OutboxFailed(ILogger logger, Exception exception);
}
