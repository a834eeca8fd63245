namespace Willow.Agent.Direct;

/// <summary>How a direct-mode device asks the hub for work.</summary>
public enum DirectPolling
{
    /// <summary>One request waits at the hub until a command arrives or the wait ends.</summary>
    LongPoll,

    /// <summary>Ask once every poll interval, as the first version of the system did.</summary>
    Interval,
}
