using System.Text.Json.Serialization;

namespace Willow.Hub.Storage.Redis;

/// <summary>One step of a command's timeline as kept in its Redis list.</summary>
public sealed record StoredCommandEvent(string State, long At, string Source, string? Detail);

/// <summary>One step of a dose's record as kept in its Redis list.</summary>
public sealed record StoredDoseEvent(string State, long At, string Source, string? CommandId, string? Detail);

/// <summary>A membership as kept in its household's Redis hash (field: the user's id).</summary>
public sealed record StoredMembership(string Role, long? EndsAt, string AddedBy, long CreatedAt);

/// <summary>A regimen version as kept in the regimen's Redis list (index = version - 1).</summary>
public sealed record StoredRegimenVersion(int Version, long EffectiveFrom, string Terms, bool Paused, bool Ended, string ChangedBy);

/// <summary>An audit entry as kept in its household's sorted set (score: the sequence number).</summary>
public sealed record StoredAuditEntry(long Seq, long At, string Actor, string Via, string Action, string? Target, string? Detail);

/// <summary>A refill as kept in the device's Redis list.</summary>
public sealed record StoredRefill(long At, string By, int? Capacity, int Remaining);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredCommandEvent))]
[JsonSerializable(typeof(StoredDoseEvent))]
[JsonSerializable(typeof(StoredMembership))]
[JsonSerializable(typeof(StoredRegimenVersion))]
[JsonSerializable(typeof(StoredAuditEntry))]
[JsonSerializable(typeof(StoredRefill))]
internal sealed partial class RedisJsonContext : JsonSerializerContext;
