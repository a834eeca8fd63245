using System.Globalization;
using System.Text.Json;
using Willow.Core.Commands;

namespace Willow.HomeAssistant;

/// <summary>
/// The buttons: what each press asks the home for. <c>feed</c> gives a dispenser's dose (its regimen's portions),
/// <c>treat</c> one portion from a dispenser no regimen uses, <c>call</c> plays the speaker's call sound.
/// </summary>
public static class HomeActions
{
    public const string Feed = "feed";
    public const string Treat = "treat";
    public const string Call = "call";

    /// <summary>The command kind and arguments a press on <paramref name="action"/> issues, or null if the device has no such button.</summary>
    public static (string Kind, JsonElement Args)? CommandFor(string action, HomeDevice device)
    {
        var capabilities = device.Capabilities ?? [];
        return action switch
        {
            Feed when capabilities.Contains(Capability.Dispenser) && device.Medication is not null =>
                (CommandKinds.Dispense, JsonElement.Parse(string.Create(CultureInfo.InvariantCulture, $"{{\"portions\":{Math.Max(1, device.Portions)}}}"))),
            Treat when capabilities.Contains(Capability.Dispenser) && device.Medication is null =>
                (CommandKinds.Dispense, JsonElement.Parse("{\"portions\":1}")),
            Call when capabilities.Contains(Capability.Speaker) =>
                (CommandKinds.Call, JsonElement.Parse("{}")),
            _ => null,
        };
    }
}
