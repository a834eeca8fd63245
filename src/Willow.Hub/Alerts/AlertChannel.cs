namespace Willow.Hub.Alerts;

/// <summary>
/// Where one member of a household wants to hear about its alerts: a webhook (<see cref="Target"/> is the URL,
/// signed with <see cref="Secret"/>), an ntfy topic (<see cref="Target"/> is the topic URL, <see cref="Secret"/> an
/// optional access token) or an e-mail address (<see cref="Target"/>).
/// </summary>
public sealed record AlertChannel(
    Guid Id,
    Guid HouseholdId,
    Guid UserId,
    string Kind,
    string Name,
    string Target,
    string? Secret,
    bool Enabled,
    DateTimeOffset CreatedAt);

public static class ChannelKinds
{
    public const string Webhook = "webhook";
    public const string Ntfy = "ntfy";
    public const string Email = "email";

    public static bool IsKnown(string? kind) => kind is Webhook or Ntfy or Email;
}
