using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Willow.Core.Readings;

namespace Willow.Agent.Capabilities.Sensors;

/// <summary>
/// Reads each sensor at its interval (the climate every <see cref="SensorsOptions.ClimateInterval"/>, the bowl
/// every <see cref="SensorsOptions.BowlInterval"/>, motion on each edge) and stores every reading, where the
/// gateway's long-poll picks it up. The first readings are taken at start. A sensor that fails is logged and
/// read again at its next interval; it never stops the others.
/// </summary>
public sealed class SensorSampler(
    SensorBoard board, SensorStore store, IOptions<SensorsOptions> options, TimeProvider time, ILogger<SensorSampler> logger) : BackgroundService
{
    /// <summary>DHT22 datasheet: at most one reading every 2 s (the binding waits 2.5 s); a missed read is tried again after that.</summary>
    private static readonly TimeSpan ClimateRetryDelay = TimeSpan.FromSeconds(2.5);
    private const int ClimateAttempts = 3;

    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    private readonly SensorsOptions _options = options.Value;
    private bool _warnedNoZero;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var parts = new[] { board.Climate?.Description, board.Scale?.Description, board.Motion?.Description };
        SensorsLog.Sampling(logger, string.Join(", ", parts.OfType<string>()), store.Path, store.LastSequence());

        // Each on its own: a slow sensor (an HX711 takes a second a reading) must not delay another.
        List<Task> loops = [Task.Run(() => EveryAsync("Pruning", PruneInterval, _ => Prune(), stoppingToken), stoppingToken)];
        if (board.Climate is { } climate)
        {
            loops.Add(Task.Run(() => EveryAsync(climate.Description, _options.ClimateInterval, ct => SampleClimateAsync(climate, ct), stoppingToken), stoppingToken));
        }

        if (board.Scale is { } scale)
        {
            loops.Add(Task.Run(() => EveryAsync(scale.Description, _options.BowlInterval, _ => SampleBowl(scale), stoppingToken), stoppingToken));
        }

        if (board.Motion is { } motion)
        {
            loops.Add(Task.Run(() => WatchMotionAsync(motion, stoppingToken), stoppingToken));
        }

        try
        {
            await Task.WhenAll(loops);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task EveryAsync(string what, TimeSpan interval, Func<CancellationToken, Task> sample, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await sample(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A disk error today may be gone at the next interval; the loop goes on.
                SensorsLog.SensorFailed(logger, ex, what);
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    private async Task SampleClimateAsync(IClimateSensor climate, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= ClimateAttempts; attempt++)
        {
            if (Read(climate.Description, () => (climate.TryRead(out var reading), reading)) is { } reading)
            {
                Store([(Metrics.Temperature, reading.TemperatureCelsius), (Metrics.Humidity, reading.HumidityPercent)]);
                return;
            }

            if (attempt < ClimateAttempts)
            {
                await Task.Delay(ClimateRetryDelay, time, cancellationToken);
            }
        }

        SensorsLog.NoReading(logger, climate.Description, ClimateAttempts);
    }

    private Task SampleBowl(BowlScale scale)
    {
        if (scale.ZeroCounts is null)
        {
            if (!_warnedNoZero)
            {
                SensorsLog.NoZero(logger);
                _warnedNoZero = true;
            }

            return Task.CompletedTask;
        }

        if (Read(scale.Description, () => (scale.TryReadBowlWeightGrams(out var grams), grams)) is { } weight)
        {
            Store([(Metrics.BowlWeight, weight)]);
        }
        else
        {
            SensorsLog.NoReading(logger, scale.Description, 1);
        }

        return Task.CompletedTask;
    }

    private async Task WatchMotionAsync(IMotionSensor motion, CancellationToken cancellationToken)
    {
        // The edge's own time is kept: the store may be slower than the dog.
        var edges = Channel.CreateUnbounded<(bool Detected, DateTimeOffset At)>(new UnboundedChannelOptions { SingleReader = true });
        void OnChanged(bool detected) => edges.Writer.TryWrite((detected, time.GetUtcNow()));
        motion.MotionChanged += OnChanged;
        try
        {
            try
            {
                motion.Start();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                SensorsLog.SensorFailed(logger, ex, motion.Description);
                return;
            }

            // Say what the sensor sees now if it differs from the last stored state (say, motion at boot).
            var now = motion.IsMotionDetected ? 1.0 : 0.0;
            if (LastMotion() is { } last ? last != now : now == 1)
            {
                Store([(Metrics.Motion, now)]);
            }

            await foreach (var (detected, at) in edges.Reader.ReadAllAsync(cancellationToken))
            {
                SensorsLog.Motion(logger, detected ? "started" : "ended");
                Store([(Metrics.Motion, detected ? 1 : 0)], at);
            }
        }
        finally
        {
            motion.MotionChanged -= OnChanged;
        }
    }

    private double? LastMotion()
    {
        try
        {
            return store.LastValue(Metrics.Motion);
        }
        catch (SqliteException ex)
        {
            SensorsLog.StoreFailed(logger, ex, Metrics.Motion);
            return null;
        }
    }

    private Task Prune()
    {
        var before = time.GetUtcNow() - _options.Retention;
        if (store.Prune(before) is > 0 and var count)
        {
            SensorsLog.Pruned(logger, count, before);
        }

        return Task.CompletedTask;
    }

    /// <summary>One read of a sensor; an exception (a bus that is not there) is logged as the sensor's failure.</summary>
    private T? Read<T>(string sensor, Func<(bool Ok, T Value)> read)
        where T : struct
    {
        try
        {
            var (ok, value) = read();
            return ok ? value : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SensorsLog.SensorFailed(logger, ex, sensor);
            return null;
        }
    }

    private void Store(IReadOnlyList<(string Metric, double Value)> values, DateTimeOffset? at = null)
    {
        try
        {
            store.Append(values, at ?? time.GetUtcNow());
        }
        catch (Exception ex) when (ex is IOException or SqliteException)
        {
            SensorsLog.StoreFailed(logger, ex, values[0].Metric);
        }
    }
}
