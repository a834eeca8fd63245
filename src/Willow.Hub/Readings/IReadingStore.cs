using Willow.Core.Protocol;

namespace Willow.Hub.Readings;

/// <summary>
/// Where sensor readings are kept. Readings older than the retention are dropped as new ones arrive, so a
/// home that reports for years does not fill the disk.
/// </summary>
public interface IReadingStore
{
    /// <summary>
    /// Keeps the readings of one device, each at most once (by id), and drops that device's readings older
    /// than <paramref name="keepAfter"/>. Returns the readings that were new.
    /// </summary>
    Task<IReadOnlyList<Reading>> AddAsync(Guid householdId, string deviceId, IReadOnlyList<SensorReading> readings, DateTimeOffset keepAfter, CancellationToken cancellationToken);

    /// <summary>Readings in time order.</summary>
    Task<IReadOnlyList<Reading>> ListAsync(Guid householdId, ReadingQuery query, CancellationToken cancellationToken);

    /// <summary>The newest reading of every device and metric in the household.</summary>
    Task<IReadOnlyList<Reading>> LatestAsync(Guid householdId, CancellationToken cancellationToken);
}
