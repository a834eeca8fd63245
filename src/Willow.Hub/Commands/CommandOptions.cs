using System.ComponentModel.DataAnnotations;

namespace Willow.Hub.Commands;

/// <summary>How long commands live and how the hub tidies up after them.</summary>
public sealed class CommandOptions
{
    public const string Section = "Commands";

    /// <summary>
    /// A queued command is marked expired by the hub this long after its expiry. The home checks expiry by
    /// its own clock; the grace keeps a slightly slow gateway clock from producing needless contradictions.
    /// </summary>
    public TimeSpan ExpiryGrace { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claimed idempotency key may stay without a command before another request takes it over.</summary>
    public TimeSpan IdempotencyLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an idempotency key is remembered (the draft suggests at least a day).</summary>
    public TimeSpan IdempotencyKeyLifetime { get; set; } = TimeSpan.FromHours(24);

    [Range(1, 1000)]
    public int MaxListLimit { get; set; } = 200;
}
