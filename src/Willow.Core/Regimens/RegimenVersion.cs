namespace Willow.Core.Regimens;

/// <summary>A regimen's terms in force from <see cref="EffectiveFrom"/> until the next version.</summary>
/// <param name="Paused">No dose falls while paused.</param>
/// <param name="Ended">The regimen was stopped: no dose falls from here on, ever.</param>
public sealed record RegimenVersion(int Version, DateTimeOffset EffectiveFrom, RegimenTerms Terms, bool Paused, bool Ended);
