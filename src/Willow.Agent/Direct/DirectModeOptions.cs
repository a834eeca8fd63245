using System.ComponentModel.DataAnnotations;

namespace Willow.Agent.Direct;

/// <summary>
/// Direct mode: the original system's topology, for a single board with no gateway. The agent polls the
/// hub for its next command and posts the outcome. Off unless <see cref="HubUrl"/> is set.
/// </summary>
public sealed class DirectModeOptions
{
    public const string Section = "Direct";

    /// <summary>The hub's base address, e.g. <c>https://willow.example.org</c>.</summary>
    [Url]
    public string? HubUrl { get; set; }

    /// <summary>This device's token, issued by the hub.</summary>
    public string? Token { get; set; }

    /// <summary><c>LongPoll</c> waits at the hub for the next command; <c>Interval</c> asks every <see cref="PollInterval"/>.</summary>
    public DirectPolling Mode { get; set; } = DirectPolling.LongPoll;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one long-poll waits at the hub before it answers "nothing yet" (at most 60 s).</summary>
    public TimeSpan LongPollWait { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(HubUrl);
}
