using Microsoft.Extensions.Logging;

namespace Willow.Agent.Capabilities.Sensors;

/// <summary>Structured log messages of the sensors (event ids 3450–3499).</summary>
internal static partial class SensorsLog
{
    [LoggerMessage(3450, LogLevel.Information, "Sensors: {Parts}; readings in {Path}, last sequence {Sequence}")]
    public static partial void Sampling(ILogger logger, string parts, string path, long sequence);

    [LoggerMessage(3451, LogLevel.Warning, "{Sensor} gave no reading after {Attempts} attempt(s)")]
    public static partial void NoReading(ILogger logger, string sensor, int attempts);

    [LoggerMessage(3452, LogLevel.Error, "{Sensor} failed")]
    public static partial void SensorFailed(ILogger logger, Exception exception, string sensor);

    [LoggerMessage(3453, LogLevel.Warning, "The bowl scale has never been tared: put the empty bowl on it and send a 'tare' command; no bowl weight until then")]
    public static partial void NoZero(ILogger logger);

    [LoggerMessage(3454, LogLevel.Information, "Bowl scale zeroed at {ZeroCounts} counts")]
    public static partial void Tared(ILogger logger, double zeroCounts);

    [LoggerMessage(3455, LogLevel.Warning, "Tare failed, the previous zero is kept: {Reason}")]
    public static partial void TareFailed(ILogger logger, string reason);

    [LoggerMessage(3456, LogLevel.Information, "Removed {Count} reading(s) older than {Before:u}")]
    public static partial void Pruned(ILogger logger, int count, DateTimeOffset before);

    [LoggerMessage(3457, LogLevel.Debug, "Motion {State}")]
    public static partial void Motion(ILogger logger, string state);

    [LoggerMessage(3458, LogLevel.Error, "Could not store a {Metric} reading")]
    public static partial void StoreFailed(ILogger logger, Exception exception, string metric);
}
