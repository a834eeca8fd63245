namespace Willow.Hub.Camera;

/// <summary>How long a live view may run and how long its first frame may take.</summary>
public sealed class LiveViewOptions
{
    public const string Section = "LiveView";

    /// <summary>A view ends after this long (the dashboard offers to watch again): a forgotten tab must not stream all day.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A camera that sends no picture within this long is reported as not answering.</summary>
    public TimeSpan FirstFrameWithin { get; set; } = TimeSpan.FromSeconds(15);
}
