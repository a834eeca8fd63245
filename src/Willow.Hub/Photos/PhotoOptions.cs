using System.ComponentModel.DataAnnotations;

namespace Willow.Hub.Photos;

/// <summary>How long photos are kept and how large one may be.</summary>
public sealed class PhotoOptions
{
    public const string Section = "Photos";

    /// <summary>Photos older than this are dropped (three months of one photo per dose is about 20 MB).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(92);

    /// <summary>A 1920×1080 JPEG at quality 3 is well under 1 MB.</summary>
    [Range(1024, 20 * 1024 * 1024)]
    public int MaxBytes { get; set; } = 4 * 1024 * 1024;
}
