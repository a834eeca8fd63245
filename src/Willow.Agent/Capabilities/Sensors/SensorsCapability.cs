using Microsoft.Extensions.Logging;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Core.Readings;

namespace Willow.Agent.Capabilities.Sensors;

/// <summary>
/// The sensors' one command: <c>tare</c> zeroes the bowl scale with the empty bowl on it. The zero is kept
/// durably, and a bowl reading taken at once, so the gateway hears "0 g" without waiting for the next interval.
/// </summary>
public sealed class SensorsCapability(SensorBoard board, SensorStore store, TimeProvider time, ILogger<SensorsCapability> logger) : ICapability
{
    public string Name => Capability.Sensors;

    public string? Refuse(ActuationRequest request) =>
        request.Kind == CommandKinds.Tare && board.Scale is null
            ? "This board has no bowl scale (Sensors:Scale is 'none'), so there is nothing to tare."
            : null;

    public async Task<CapabilityResult> ExecuteAsync(ActuationRequest request, CancellationToken cancellationToken)
    {
        if (request.Kind != CommandKinds.Tare || board.Scale is not { } scale)
        {
            throw new ArgumentException($"The sensors cannot '{request.Kind}'.", nameof(request));
        }

        // An HX711 takes about a second for its samples; the reads block, so they run off the request's thread.
        var (tared, zeroCounts) = await Task.Run(() => (scale.TryTare(time.GetUtcNow(), out var zero), zero), cancellationToken);
        if (!tared)
        {
            SensorsLog.TareFailed(logger);
            return CapabilityResult.Failed(
                $"The bowl scale ({scale.Description}) did not answer, so nothing was zeroed and the previous zero is kept. Check its wiring.");
        }

        SensorsLog.Tared(logger, zeroCounts);
        var (read, grams) = await Task.Run(() => (scale.TryReadBowlWeightGrams(out var weight), weight), cancellationToken);
        if (!read)
        {
            return CapabilityResult.Succeeded("Zeroed the bowl scale with the empty bowl on it.");
        }

        store.Append(Metrics.BowlWeight, grams, time.GetUtcNow());
        return CapabilityResult.Succeeded($"Zeroed the bowl scale with the empty bowl on it; it now reads {grams:0} g.");
    }
}
