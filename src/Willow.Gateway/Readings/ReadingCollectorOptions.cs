using System.ComponentModel.DataAnnotations;

namespace Willow.Gateway.Readings;

/// <summary>How the gateway collects sensor readings from its agents.</summary>
public sealed class ReadingCollectorOptions
{
    public const string Section = "Readings";

    /// <summary>
    /// How long an agent may hold a request for readings until one arrives (long-poll): motion reaches the hub
    /// at once, and an idle board costs one request per wait. Below the agent request timeout (30 s).
    /// </summary>
    public TimeSpan LongPollWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>At most this many readings per request.</summary>
    [Range(1, 5000)]
    public int PageSize { get; set; } = 500;

    /// <summary>
    /// At most this many pages wait for the hub; beyond it the oldest are dropped (an outage of weeks must not
    /// fill the card). 5,000 pages hold at least two weeks of one board's readings.
    /// </summary>
    [Range(10, 1_000_000)]
    public int MaxQueuedPages { get; set; } = 5000;
}
