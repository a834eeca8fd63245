namespace Willow.Hub.Alerts;

/// <summary>One alert as a channel sends it: the alert, the delivery's id (the idempotency key receivers dedupe on) and whether it is only a test.</summary>
public sealed record AlertNotice(AlertView Alert, Guid DeliveryId, bool Test)
{
    public string Subject => Test ? $"[test] {Alert.Title}" : Alert.Title;

    /// <summary>The body every channel shares: what happened, what to do next, where to look.</summary>
    public string Text => $"{Alert.Title}.\n\nWhat to do: {Alert.NextStep}\n\n{Alert.Link}";
}

/// <summary>Sends an alert on one kind of channel. Returns null when the receiver took it, otherwise why not (it is retried).</summary>
public interface IAlertSender
{
    string Kind { get; }

    Task<string?> SendAsync(AlertNotice notice, AlertChannel channel, CancellationToken cancellationToken);
}
