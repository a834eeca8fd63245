namespace Willow.System.Tests.Publishing;

/// <summary>
/// The arm64 tests share one published file, and run on their own after the other system tests: publishing and the
/// emulator take both cores, which would slow the timed tests beside them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Arm64Collection : ICollectionFixture<Arm64File>
{
    public const string Name = "arm64 file";
}
