using Willow.Hub.Commands;
using Willow.Hub.Photos;
using Willow.Hub.Readings;

namespace Willow.Hub.Live;

/// <summary>What the dashboard hears on <c>/hubs/live</c> for the households it watches.</summary>
public interface ILiveClient
{
    /// <summary>A command was issued or moved to a new state; the whole command with its timeline.</summary>
    Task CommandChanged(CommandView command);

    /// <summary>Something about the household's devices changed (presence, refill): read them again.</summary>
    Task DevicesChanged(Guid householdId);

    /// <summary>A dose was given, missed, skipped or confirmed, or the regimens changed: read the doses again.</summary>
    Task DosesChanged(Guid householdId);

    /// <summary>New sensor readings arrived from the home (the values themselves: charts append them).</summary>
    Task ReadingsAdded(ReadingsAdded readings);

    /// <summary>An alert was opened, acknowledged, resolved or escalated: read the alerts again.</summary>
    Task AlertsChanged(Guid householdId);

    /// <summary>A camera's photo arrived (after a dose, or a snapshot a person asked for).</summary>
    Task PhotoAdded(PhotoView photo);
}
