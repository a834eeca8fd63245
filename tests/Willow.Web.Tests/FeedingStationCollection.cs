namespace Willow.Web.Tests;

/// <summary>The tests that share one <see cref="StationHome"/> (and run one after another): starting a home costs seconds.</summary>
[CollectionDefinition(Name)]
public sealed class FeedingStationCollection : ICollectionFixture<StationBrowser>
{
    public const string Name = "Feeding station";
}
