namespace Willow.Gateway.Photos;

/// <summary>How the gateway carries camera photos to the hub.</summary>
public sealed class PhotoForwarderOptions
{
    public const string Section = "Photos";

    /// <summary>Where photos wait for the hub; by default <c>photos/</c> in the gateway's data directory.</summary>
    public string? Directory { get; set; }

    /// <summary>A photo that cannot reach the hub for this long is dropped (the dose's record does not depend on it).</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(7);
}
