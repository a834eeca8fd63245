using Microsoft.Extensions.Options;
using Willow.Core.Protocol;
using Willow.Core.Readings;
using Willow.Hub.Devices;
using Willow.Hub.Live;

namespace Willow.Hub.Readings;

/// <summary>
/// Takes the readings a gateway passes on: only for devices of its own, only known metrics and real numbers,
/// each kept once, and the new ones told to the household's dashboards.
/// </summary>
public sealed class ReadingIntake(
    IReadingStore readings, IDeviceStore devices, LiveUpdates live, Telemetry.HubMetrics metrics, IOptions<ReadingOptions> options, TimeProvider time, ILogger<ReadingIntake> logger)
{
    /// <summary>Returns how many batches are settled (kept, already known, or refused for good).</summary>
    public async Task<int> TakeAsync(Guid householdId, string gatewayId, IReadOnlyList<DeviceReadings> batches, CancellationToken cancellationToken)
    {
        var added = new List<Reading>();
        var keepAfter = time.GetUtcNow() - options.Value.Retention;
        foreach (var batch in batches)
        {
            var device = await devices.GetAsync(householdId, batch.DeviceId, cancellationToken);
            if (device?.GatewayId != gatewayId)
            {
                ReadingLog.NotItsDevice(logger, gatewayId, batch.DeviceId);
                continue;
            }

            List<SensorReading> valid = [.. batch.Readings.Where(r => Metrics.IsKnown(r.Metric) && double.IsFinite(r.Value) && r.Id != Guid.Empty)];
            if (valid.Count < batch.Readings.Count)
            {
                ReadingLog.Malformed(logger, batch.DeviceId, batch.Readings.Count - valid.Count);
            }

            var fresh = await readings.AddAsync(householdId, batch.DeviceId, valid, keepAfter, cancellationToken);
            ReadingLog.Reported(logger, gatewayId, batch.DeviceId, batch.Readings.Count, fresh.Count);
            added.AddRange(fresh);
            metrics.ReadingsKept(fresh.Count);
        }

        if (added.Count > 0)
        {
            await live.ReadingsAddedAsync(householdId, [.. added.OrderBy(r => r.At).Select(ReadingView.From)]);
        }

        return batches.Count;
    }
}
