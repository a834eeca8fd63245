using System.ComponentModel.DataAnnotations;

namespace Willow.Hub.Readings;

/// <summary>How long sensor readings are kept and how much one request may ask for.</summary>
public sealed class ReadingOptions
{
    public const string Section = "Readings";

    /// <summary>Readings older than this are dropped (a month of bowl weights and room temperatures).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(31);

    /// <summary>The most readings one request returns (a day of one-minute samples of four metrics is 5,760).</summary>
    [Range(1, 50_000)]
    public int MaxPerRequest { get; set; } = 10_000;
}
