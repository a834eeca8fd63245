using System.Globalization;
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
        bool read;
        double zeroCounts;
        try
        {
            (read, zeroCounts) = await Task.Run(() => (scale.TryReadCounts(out var counts), counts), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Reading changes nothing, so a reading that failed leaves the scale as it was: failed, not uncertain.
            SensorsLog.TareFailed(logger, ex.Message);
            return CapabilityResult.Failed($"The bowl scale ({scale.Description}) could not be read ({ex.Message}); the previous zero is kept.");
        }

        if (!read)
        {
            SensorsLog.TareFailed(logger, "no answer");
            return CapabilityResult.Failed(
                $"The bowl scale ({scale.Description}) did not answer, so nothing was zeroed and the previous zero is kept. Check its wiring.");
        }

        scale.SetZero(zeroCounts, time.GetUtcNow());
        SensorsLog.Tared(logger, zeroCounts);
        return await WeighAfterTareAsync(scale, cancellationToken) is { } grams
            ? CapabilityResult.Succeeded(string.Create(
                CultureInfo.InvariantCulture, $"Zeroed the bowl scale with the empty bowl on it; it now reads {Math.Round(grams) + 0.0:0} g."))
            : CapabilityResult.Succeeded("Zeroed the bowl scale with the empty bowl on it.");
    }

    /// <summary>Stores a reading taken just after the tare, if the scale gives one; the tare stands either way.</summary>
    private async Task<double?> WeighAfterTareAsync(BowlScale scale, CancellationToken cancellationToken)
    {
        try
        {
            var (weighed, grams) = await Task.Run(() => (scale.TryReadBowlWeightGrams(out var weight), weight), cancellationToken);
            if (!weighed)
            {
                return null;
            }

            store.Append(Metrics.BowlWeight, grams, time.GetUtcNow());
            return grams;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SensorsLog.SensorFailed(logger, ex, scale.Description);
            return null;
        }
    }
}
