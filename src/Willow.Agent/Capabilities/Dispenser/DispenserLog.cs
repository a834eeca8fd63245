using Microsoft.Extensions.Logging;

namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>Structured log messages of the dispenser (event ids 3300–3349).</summary>
internal static partial class DispenserLog
{
    [LoggerMessage(3300, LogLevel.Information, "Servo holding at {AngleDegrees}° ({PulseWidthMicroseconds} µs), where it was last sent; nothing moved")]
    public static partial void Holding(ILogger logger, double angleDegrees, int pulseWidthMicroseconds);

    [LoggerMessage(3301, LogLevel.Information, "Servo has never been moved by this agent; its PWM stays off until the first command")]
    public static partial void NeverMoved(ILogger logger);

    [LoggerMessage(3302, LogLevel.Warning, "The servo's last move (from {FromDegrees}° to {TargetDegrees}°) was cut short, so where the horn is is unknown; its PWM stays off until the next command")]
    public static partial void InterruptedMoveFound(ILogger logger, double? fromDegrees, double targetDegrees);

    [LoggerMessage(3303, LogLevel.Information, "Drop sensor on GPIO {Pin} ready (active {ActiveLevel}, pull {Pull})")]
    public static partial void DropSensorReady(ILogger logger, int pin, string activeLevel, string pull);

    [LoggerMessage(3304, LogLevel.Warning, "Dispense: {Detail}")]
    public static partial void NothingFell(ILogger logger, string detail);

    [LoggerMessage(3305, LogLevel.Warning, "Dispense not started: {Detail}")]
    public static partial void ChuteBlocked(ILogger logger, string detail);

    [LoggerMessage(3306, LogLevel.Information, "Carousel homed: all {Slots} slots counted full again")]
    public static partial void CarouselRefilled(ILogger logger, int slots);

    [LoggerMessage(3307, LogLevel.Information, "Carousel turning to slot {Slot} at {AngleDegrees}°; {SlotsLeft} slot(s) left after it")]
    public static partial void CarouselSlot(ILogger logger, int slot, double angleDegrees, int slotsLeft);
}
