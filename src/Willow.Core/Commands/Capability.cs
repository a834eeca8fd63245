namespace Willow.Core.Commands;

/// <summary>What an agent's hardware can do. A device lists the capabilities it hosts.</summary>
public static class Capability
{
    public const string Dispenser = "dispenser";
    public const string Speaker = "speaker";
    public const string Camera = "camera";
    public const string Sensors = "sensors";

    public static IReadOnlyList<string> All { get; } = [Dispenser, Speaker, Camera, Sensors];

    public static bool IsKnown(string capability) => All.Contains(capability, StringComparer.Ordinal);
}
