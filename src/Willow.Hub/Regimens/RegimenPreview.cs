namespace Willow.Hub.Regimens;

/// <summary>The next doses a regimen would give, as the household's clock on the wall shows them.</summary>
public sealed record RegimenPreview(string TimeZone, IReadOnlyList<PreviewDose> Doses)
{
    public const int Count = 10;
}

/// <summary>One dose of a preview: the instant, and the local date and time it is in the household.</summary>
public sealed record PreviewDose(DateTimeOffset ScheduledAt, string Local);
