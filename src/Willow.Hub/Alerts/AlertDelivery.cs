namespace Willow.Hub.Alerts;

/// <summary>
/// One alert on its way to one channel: a row of the outbox. <see cref="Id"/> is sent with it
/// (<c>Willow-Delivery-Id</c>) so a receiver can drop a repeat. While a node is sending it, <see cref="ClaimId"/> names
/// that attempt and <see cref="DueAt"/> is when the claim lapses (then another node, or this one after a restart,
/// tries again).
/// </summary>
public sealed record AlertDelivery(
    Guid Id,
    Guid HouseholdId,
    Guid AlertId,
    Guid ChannelId,
    Guid UserId,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    int Attempts = 0,
    DeliveryState State = DeliveryState.Pending,
    DateTimeOffset? SentAt = null,
    string? LastError = null,
    Guid? ClaimId = null);

public enum DeliveryState
{
    Pending,
    Sent,
    GaveUp,
}

public static class DeliveryStates
{
    public static string ToWire(this DeliveryState state) => state switch
    {
        DeliveryState.Pending => "pending",
        DeliveryState.Sent => "sent",
        _ => "gave-up",
    };

    public static DeliveryState Parse(string text) => text switch
    {
        "pending" => DeliveryState.Pending,
        "sent" => DeliveryState.Sent,
        "gave-up" => DeliveryState.GaveUp,
        _ => throw new InvalidDataException($"Unknown delivery state '{text}'."),
    };
}
