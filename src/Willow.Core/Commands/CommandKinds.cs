namespace Willow.Core.Commands;

/// <summary>The actions a command can ask for, and the capability that performs each.</summary>
public static class CommandKinds
{
    /// <summary>Release one portion (a treat, or a pill in a treat).</summary>
    public const string Dispense = "dispense";

    /// <summary>Drive the dispenser back to its home position.</summary>
    public const string Home = "home";

    /// <summary>Play a sound that calls the pet, or speak to it.</summary>
    public const string Call = "call";

    /// <summary>Take a photo with a camera (after a dose, or when a person asks).</summary>
    public const string Snapshot = "snapshot";

    /// <summary>Zero the bowl's load cell with the empty bowl on it.</summary>
    public const string Tare = "tare";

    public static IReadOnlyList<string> All { get; } = [Dispense, Home, Call, Snapshot, Tare];

    public static bool IsKnown(string kind) => CapabilityFor(kind) is not null;

    public static string? CapabilityFor(string kind) => kind switch
    {
        Dispense or Home => Capability.Dispenser,
        Call => Capability.Speaker,
        Snapshot => Capability.Camera,
        Tare => Capability.Sensors,
        _ => null,
    };

    /// <summary>Only a dispense can give medication twice, so only it is subject to the lockout.</summary>
    public static bool IsLockedOut(string kind) => kind == Dispense;

    /// <summary>
    /// A dispense that succeeded, or may have released something (uncertain), takes its portions from what is
    /// left in the dispenser.
    /// </summary>
    public static bool TakesPortions(string kind, CommandState state) =>
        kind == Dispense && state is CommandState.Succeeded or CommandState.Uncertain;
}
