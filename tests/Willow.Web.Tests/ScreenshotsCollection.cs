namespace Willow.Web.Tests;

/// <summary>
/// The screenshots run alone, after the other browser tests: their home (a camera encoding video, sensors, a dose
/// window left to close) beside the feeding station's tests on two cores made both homes too slow to answer.
/// </summary>
[CollectionDefinition(Screenshots.Name, DisableParallelization = true)]
public sealed class ScreenshotsCollection;
