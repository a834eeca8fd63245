using System.ComponentModel.DataAnnotations;
using Willow.Agent.Capabilities.Dispenser;

namespace Willow.Agent.Tests.Dispenser;

/// <summary>Settings that cannot work are refused at start-up with a sentence that says how to fix them.</summary>
public sealed class DispenserOptionsTests
{
    [Fact]
    public void Defaults_AreValid() => Assert.Empty(Problems(new DispenserOptions()));

    [Theory]
    [InlineData("servo", "Dispenser:Driver must be 'pwm'")]
    [InlineData("pulses", "PulseAtZeroMicroseconds < PulseAtMaximumMicroseconds")]
    [InlineData("release", "must be within Dispenser:Servo:MaximumAngleDegrees")]
    [InlineData("carousel-range", "each must be within 0–180°")]
    [InlineData("carousel-list", "lists 2 angles for 3 slots")]
    [InlineData("carousel-order", "must step one way")]
    [InlineData("sensor-level", "ActiveLevel must be 'low'")]
    [InlineData("sensor-window", "Window must be more than 0")]
    public void Invalid_IsRefusedWithTheFix(string what, string message)
    {
        var options = new DispenserOptions();
        switch (what)
        {
            case "servo": options.Driver = "servo"; break;
            case "pulses": options.Servo.PulseAtMaximumMicroseconds = 900; break;
            case "release": options.ReleaseAngleDegrees = 200; break;
            case "carousel-range": options.Carousel = new CarouselOptions { Slots = 8, FirstSlotAngleDegrees = 30, StepDegrees = 30 }; break;
            case "carousel-list": options.Carousel = new CarouselOptions { Slots = 3, SlotAnglesDegrees = [30, 60] }; break;
            case "carousel-order": options.Carousel = new CarouselOptions { Slots = 3, SlotAnglesDegrees = [30, 90, 60] }; break;
            case "sensor-level": options.DropSensor = new DropSensorOptions { Pin = 17, ActiveLevel = "LOW" }; break;
            case "sensor-window": options.DropSensor = new DropSensorOptions { Pin = 17, Window = TimeSpan.Zero }; break;
        }

        Assert.Contains(Problems(options), p => p.Contains(message, StringComparison.Ordinal));
    }

    private static List<string> Problems(DispenserOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? "")];
    }
}
