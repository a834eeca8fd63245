namespace Willow.Core.Commands;

/// <summary>The lower-case names used on the wire and in storage, without reflection (trim-safe).</summary>
public static class WireNames
{
    public static string ToWire(this CommandState state) => state switch
    {
        CommandState.Queued => "queued",
        CommandState.Delivered => "delivered",
        CommandState.Executing => "executing",
        CommandState.Succeeded => "succeeded",
        CommandState.Failed => "failed",
        CommandState.Refused => "refused",
        CommandState.Expired => "expired",
        CommandState.Uncertain => "uncertain",
        CommandState.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown command state."),
    };

    public static string ToWire(this EventSource source) => source switch
    {
        EventSource.Hub => "hub",
        EventSource.Gateway => "gateway",
        EventSource.Agent => "agent",
        EventSource.Device => "device",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown event source."),
    };

    public static bool TryParseState(string? text, out CommandState state)
    {
        foreach (var candidate in Enum.GetValues<CommandState>())
        {
            if (string.Equals(candidate.ToWire(), text, StringComparison.OrdinalIgnoreCase))
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }

    public static CommandState ParseState(string text) =>
        TryParseState(text, out var state) ? state : throw new FormatException($"'{text}' is not a command state.");

    public static EventSource ParseSource(string text)
    {
        foreach (var candidate in Enum.GetValues<EventSource>())
        {
            if (string.Equals(candidate.ToWire(), text, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        throw new FormatException($"'{text}' is not an event source.");
    }
}
