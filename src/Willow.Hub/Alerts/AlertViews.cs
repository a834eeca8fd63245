using System.Text.Json.Serialization;

namespace Willow.Hub.Alerts;

/// <summary>
/// An alert as the API, the live feed and webhooks show it. <c>link</c> is the dashboard page that helps (absolute
/// when the hub knows its public URL, <c>Alerts:PublicUrl</c>; else the path).
/// </summary>
public sealed record AlertView(
    Guid Id,
    Guid HouseholdId,
    string Kind,
    string Cause,
    string Severity,
    string State,
    string Title,
    string NextStep,
    string Link,
    DateTimeOffset OpenedAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    DateTimeOffset? ResolvedAt,
    string? Resolution,
    int EscalationStep)
{
    public static AlertView From(Alert alert, string? publicUrl) => new(
        alert.Id, alert.HouseholdId, alert.Kind, alert.CauseKey, alert.Severity.ToWire(), alert.State.ToWire(), alert.Title, alert.NextStep,
        LinkFor(alert.Path, publicUrl), alert.OpenedAt, alert.AcknowledgedAt, alert.AcknowledgedBy, alert.ResolvedAt, alert.Resolution, alert.EscalationStep);

    public static string LinkFor(string path, string? publicUrl) =>
        string.IsNullOrWhiteSpace(publicUrl) ? path : publicUrl.TrimEnd('/') + path;
}

/// <summary>What a webhook receives: the alert, the delivery's id (the same on a retry: drop repeats) and whether it is a test.</summary>
public sealed record WebhookPayload(Guid DeliveryId, bool Test, AlertView Alert);

/// <summary>A channel as its owner sees it. The webhook secret is shown once, when the channel is made (<c>secret</c>); never again.</summary>
public sealed record ChannelView(
    Guid Id,
    Guid UserId,
    string Kind,
    string Name,
    string? Url,
    string? Email,
    bool Enabled,
    DateTimeOffset CreatedAt,
    string? Secret = null)
{
    public static ChannelView From(AlertChannel channel, bool showSecret = false) => new(
        channel.Id, channel.UserId, channel.Kind, channel.Name,
        channel.Kind == ChannelKinds.Email ? null : channel.Target,
        channel.Kind == ChannelKinds.Email ? channel.Target : null,
        channel.Enabled, channel.CreatedAt,
        showSecret && channel.Kind == ChannelKinds.Webhook ? channel.Secret : null);
}

/// <summary>
/// A channel to make or change. <c>kind</c>: <c>webhook</c> (<c>url</c>), <c>ntfy</c> (<c>url</c> of the topic, and
/// optionally an access <c>token</c>) or <c>email</c> (<c>email</c>).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class ChannelRequest
{
    public string? Kind { get; init; }

    public string? Name { get; init; }

    public string? Url { get; init; }

    public string? Email { get; init; }

    public string? Token { get; init; }

    public bool? Enabled { get; init; }
}

/// <summary>What happened to a test message: sent, or why not.</summary>
public sealed record ChannelTestResult(Guid ChannelId, bool Sent, string? Error, Guid DeliveryId);

/// <summary>A member's quiet hours: <c>HH:mm</c> times in the household's zone, or null for none.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record QuietHoursView(string From, string To);

public sealed record MemberAlertSettingsView(QuietHoursView? QuietHours);

/// <summary>How long an urgent alert waits to be acknowledged before it goes to the next person.</summary>
public sealed record HouseholdAlertSettingsView(TimeSpan EscalateAfter);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class MemberAlertSettingsRequest
{
    public QuietHoursView? QuietHours { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class HouseholdAlertSettingsRequest
{
    public TimeSpan? EscalateAfter { get; init; }
}
