namespace Willow.Agent.Capabilities.Sensors;

/// <summary>Random draws for the simulated sensors.</summary>
internal static class SimulatedNoise
{
    /// <summary>A normally distributed value with mean 0 (Box–Muller).</summary>
    public static double Gaussian(Random random, double standardDeviation) =>
        standardDeviation * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    public static TimeSpan Between(Random random, TimeSpan least, TimeSpan most) =>
        least + ((most - least) * random.NextDouble());

    public static double Between(Random random, double least, double most) => least + ((most - least) * random.NextDouble());
}
