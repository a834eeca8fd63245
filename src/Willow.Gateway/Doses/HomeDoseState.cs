using Willow.Core.Doses;

namespace Willow.Gateway.Doses;

/// <summary>
/// A dose as the gateway tracks it: <c>dispensing</c> (its commands are on their way), <c>held</c> (an
/// attempt failed; it is not retried by itself, and ends missed unless a person dispenses in its window),
/// or one of the final <see cref="DoseState"/>s.
/// </summary>
public enum HomeDoseState
{
    Dispensing,
    Held,
    Dispensed,
    Missed,
    Skipped,
    Uncertain,
}

public static class HomeDoseStates
{
    public static string ToWire(this HomeDoseState state) => state switch
    {
        HomeDoseState.Dispensing => "dispensing",
        HomeDoseState.Held => "held",
        HomeDoseState.Dispensed => "dispensed",
        HomeDoseState.Missed => "missed",
        HomeDoseState.Skipped => "skipped",
        HomeDoseState.Uncertain => "uncertain",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown dose state."),
    };

    public static HomeDoseState Parse(string text)
    {
        foreach (var state in Enum.GetValues<HomeDoseState>())
        {
            if (state.ToWire() == text)
            {
                return state;
            }
        }

        throw new FormatException($"'{text}' is not a dose state.");
    }

    public static bool IsFinal(this HomeDoseState state) => state is not (HomeDoseState.Dispensing or HomeDoseState.Held);

    public static DoseState ToDoseState(this HomeDoseState state) => state switch
    {
        HomeDoseState.Dispensed => DoseState.Dispensed,
        HomeDoseState.Missed => DoseState.Missed,
        HomeDoseState.Skipped => DoseState.Skipped,
        HomeDoseState.Uncertain => DoseState.Uncertain,
        _ => DoseState.Scheduled,
    };
}
