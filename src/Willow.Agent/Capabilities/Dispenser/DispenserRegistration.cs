using System.Device.Gpio;
using System.Device.Pwm;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>Adds the dispenser capability, its servo driver, and its carousel and drop sensor when configured.</summary>
public static class DispenserRegistration
{
    public static void AddDispenser(this WebApplicationBuilder builder)
    {
        // What the dispenser is made of is decided here; the values themselves come through IOptions.
        var shape = builder.Configuration.GetSection(DispenserOptions.Section).Get<DispenserOptions>() ?? new DispenserOptions();

        builder.Services.AddSingleton(sp => new DispenserMemory(
            Path.Combine(sp.GetRequiredService<IOptions<AgentOptions>>().Value.DataDirectory, "dispenser.db"),
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DispenserOptions>>().Value;
            return new SimulatedServo(
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<DispenserMemory>(),
                options.Servo,
                options.SimulatedMovementLog,
                options.SimulatedPulseLog,
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<SimulatedServo>());
        });
        builder.Services.AddSingleton(sp =>
        {
            var servo = sp.GetRequiredService<IOptions<DispenserOptions>>().Value.Servo;
            return new HobbyServo(
                duty => OpenPwm(servo, duty),
                servo,
                sp.GetRequiredService<DispenserMemory>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<HobbyServo>());
        });
        builder.Services.AddSingleton<IServo>(sp => shape.Driver == "pwm" ? sp.GetRequiredService<HobbyServo>() : sp.GetRequiredService<SimulatedServo>());

        if (shape.Carousel.Enabled)
        {
            builder.Services.AddSingleton(sp => new Carousel(
                sp.GetRequiredService<IOptions<DispenserOptions>>().Value.Carousel, sp.GetRequiredService<DispenserMemory>()));
        }

        if (shape.DropSensor.Enabled)
        {
            builder.Services.AddSingleton<IDropSensor>(sp =>
            {
                var sensor = sp.GetRequiredService<IOptions<DispenserOptions>>().Value.DropSensor;
                return shape.Driver == "pwm"
                    ? new GpioDropSensor(new GpioController(), sensor, ownsController: true, sp.GetRequiredService<ILoggerFactory>().CreateLogger<GpioDropSensor>())
                    : new SimulatedDropSensor(sensor.SimulatedPortions);
            });
        }

        builder.Services.AddSingleton<ICapability, DispenserCapability>();
        builder.Services.AddHostedService<DispenserStartup>();
    }

    /// <summary>Opens the servo's PWM channel with the duty cycle it must start with, or says how to enable PWM.</summary>
    private static PwmChannel OpenPwm(ServoOptions servo, double dutyCycle)
    {
        try
        {
            return PwmChannel.Create(servo.PwmChip, servo.PwmChannel, servo.FrequencyHertz, dutyCycle);
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"The servo's PWM (chip {servo.PwmChip}, channel {servo.PwmChannel}) cannot be opened: {ex.Message} " +
                "On a Raspberry Pi, add 'dtoverlay=pwm-2chan' to /boot/firmware/config.txt and reboot (ls /sys/class/pwm shows the chips), " +
                "and run the agent as a user in the 'gpio' group.",
                ex);
        }
    }
}
