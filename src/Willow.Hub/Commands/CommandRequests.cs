using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Willow.Core.Commands;
using Willow.Core.Protocol;

namespace Willow.Hub.Commands;

/// <summary>Body of <c>POST …/devices/{deviceId}/commands</c>. Unknown fields are refused.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record IssueCommandRequest
{
    public const int DefaultTtlSeconds = 60;
    public const int MaxTtlSeconds = 86_400;

    /// <summary><c>dispense</c>, <c>home</c> or <c>call</c>.</summary>
    [Required(ErrorMessage = "kind is required.")]
    public string? Kind { get; init; }

    /// <summary>Arguments of the kind: <c>{"portions": 1}</c> for a dispense, <c>{"sound": "call"}</c> for a call.</summary>
    public JsonElement? Args { get; init; }

    /// <summary>How long the command may wait to be started (default 60 s). After that it is never started.</summary>
    [Range(1, MaxTtlSeconds, ErrorMessage = "ttlSeconds must be from 1 to 86400.")]
    public int? TtlSeconds { get; init; }

    /// <summary>Also accepted as the <c>Idempotency-Key</c> header.</summary>
    [StringLength(255, MinimumLength = 1, ErrorMessage = "idempotencyKey must be 1 to 255 characters.")]
    public string? IdempotencyKey { get; init; }

    /// <summary>The scheduled dose this dispense serves, if any.</summary>
    public Guid? DoseId { get; init; }

    /// <summary>Dispense inside the lockout; the reason is kept in the timeline.</summary>
    public LockoutOverrideRequest? LockoutOverride { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record LockoutOverrideRequest
{
    [Required(ErrorMessage = "A lockout override needs a reason.")]
    [StringLength(500, MinimumLength = 3, ErrorMessage = "reason must be 3 to 500 characters.")]
    public string? Reason { get; init; }
}

/// <summary>One step of a command's timeline on the wire.</summary>
public sealed record CommandEventView(CommandState State, DateTimeOffset At, EventSource Source, string? Detail);

/// <summary>A command as the API shows it, with its timeline.</summary>
public sealed record CommandView(
    Guid Id,
    Guid HouseholdId,
    string DeviceId,
    string Kind,
    JsonElement Args,
    string IssuedBy,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    Guid? DoseId,
    string? IdempotencyKey,
    LockoutOverride? LockoutOverride,
    CommandState State,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<CommandEventView> Events)
{
    public static CommandView From(CommandRecord record)
    {
        var c = record.Envelope;
        return new CommandView(
            c.Id, c.HouseholdId, c.DeviceId, c.Kind, c.Args, c.IssuedBy, c.IssuedAt, c.ExpiresAt, c.DoseId, c.IdempotencyKey,
            c.LockoutOverride, record.State, record.UpdatedAt,
            [.. record.Events.Select(e => new CommandEventView(e.State, e.At, e.Source, e.Detail))]);
    }
}
