using System.Device.Gpio;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Willow.Hosting;

namespace Willow.Agent.Capabilities.Sensors;

/// <summary>Adds the sensors capability: the configured drivers, the reading store, the sampler and the <c>tare</c> command.</summary>
public static class SensorsRegistration
{
    public static void AddSensors(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SensorsOptions>().BindConfiguration(SensorsOptions.Section)
            .ValidateWith(new SensorsOptionsValidator())
            .Validate(o => o.MeasuredMetrics().Count > 0,
                "The sensors capability needs at least one of Sensors:Climate, Sensors:Scale or Sensors:Motion (each may be 'simulated').")
            .Validate(o => o.ClimateInterval >= TimeSpan.FromSeconds(3) && o.ClimateInterval <= TimeSpan.FromDays(1),
                "Sensors:ClimateInterval must be between 3 seconds (a DHT22 gives a reading every 2 s at most) and a day.")
            .Validate(o => o.BowlInterval >= TimeSpan.FromSeconds(o.ScaleSamples / 10.0 + 1) && o.BowlInterval <= TimeSpan.FromDays(1),
                "Sensors:BowlInterval must be at most a day, and at least 1 s longer than Sensors:ScaleSamples take to read (the HX711 converts 10 times a second).")
            .Validate(o => o.Scale != SensorsOptions.Hx711 || o.GramsPerCount is not null,
                "Sensors:GramsPerCount is needed with the HX711 scale: calibrate it with a known weight (Capabilities/Sensors/README.md); 1 reads raw counts while you do.")
            .Validate(o => o.GramsPerCount is null || (o.GramsPerCount != 0 && double.IsFinite(o.GramsPerCount.Value)),
                "Sensors:GramsPerCount must be a number other than 0 (negative if the load cell's wires are the other way round).")
            .Validate(o => o.GpioPins().Distinct().Count() == o.GpioPins().Count,
                "Two sensors are set to the same GPIO pin: check Sensors:DhtPin, Hx711DataPin, Hx711ClockPin and PirPin.")
            .Validate(o => o.Retention >= TimeSpan.FromHours(1), "Sensors:Retention must be at least an hour.")
            .ValidateOnStart();

        // Shared with any other part of this agent on the same GPIO chip; the container owns and disposes it.
        builder.Services.TryAddSingleton(_ => new GpioController());
        builder.Services.AddSingleton(sp =>
            new SensorStore(Path.Combine(sp.GetRequiredService<IOptions<AgentOptions>>().Value.DataDirectory, "sensors.db")));
        builder.Services.AddSingleton(sp => CreateBoard(
            sp.GetRequiredService<IOptions<SensorsOptions>>().Value,
            sp.GetRequiredService<SensorStore>(),
            sp.GetRequiredService<GpioController>,
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<ICapability, SensorsCapability>();
        builder.Services.AddHostedService<SensorSampler>();
    }

    /// <summary>
    /// Makes the drivers the options name. The GPIO controller is asked for only when a GPIO driver first touches
    /// its pins, so a board without working GPIO (no libgpiod) logs failed readings and keeps its other capabilities.
    /// </summary>
    public static SensorBoard CreateBoard(SensorsOptions options, SensorStore store, Func<GpioController> gpio, TimeProvider time)
    {
        List<IDisposable> owned = [];
        IClimateSensor? climate = options.Climate switch
        {
            SensorsOptions.Dht22 => Own(new Dht22ClimateSensor(gpio, options.DhtPin)),
            SensorsOptions.Bme280 => Own(new Bme280ClimateSensor(options.Bme280Bus, options.Bme280AddressValue)),
            SensorsOptions.Simulated => new SimulatedClimate(time, new Random()),
            _ => null,
        };

        ILoadCell? cell = options.Scale switch
        {
            SensorsOptions.Hx711 => Own(new Hx711LoadCell(gpio, options.Hx711DataPin, options.Hx711ClockPin, options.ScaleSamples, time)),
            SensorsOptions.Simulated => new SimulatedBowl(time, options.GramsPerCount ?? 1, new Random()),
            _ => null,
        };

        // The simulated cell reads zero with the empty bowl, so it needs no tare to start with.
        var scale = cell is null
            ? null
            : new BowlScale(
                cell,
                store,
                options.GramsPerCount ?? 1,
                options.ScaleZeroCounts ?? (options.Scale == SensorsOptions.Simulated ? 0 : null));

        IMotionSensor? motion = options.Motion switch
        {
            SensorsOptions.Pir => Own(new PirMotionSensor(gpio, options.PirPin)),
            SensorsOptions.Simulated => Own(new SimulatedMotion(time, new Random())),
            _ => null,
        };

        return new SensorBoard(climate, scale, motion, owned);

        T Own<T>(T driver)
            where T : IDisposable
        {
            owned.Add(driver);
            return driver;
        }
    }
}
