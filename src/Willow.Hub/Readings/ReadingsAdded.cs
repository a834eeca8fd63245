namespace Willow.Hub.Readings;

/// <summary>New readings of one household, as the dashboard hears them live.</summary>
public sealed record ReadingsAdded(Guid HouseholdId, IReadOnlyList<ReadingView> Readings);
