using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Willow.Core.Commands;
using Willow.Core.Protocol;

namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>
/// Drops a portion by swinging the servo to its release angle, dwelling, and returning home; or, with a
/// carousel, by turning the next full slot over the chute. With a drop sensor, a portion that is not seen
/// falling ends the dispense <c>failed</c> (after the horn is home), and it is never retried.
/// </summary>
public sealed class DispenserCapability(
    IServo servo,
    IOptions<DispenserOptions> options,
    TimeProvider time,
    ILogger<DispenserCapability> logger,
    Carousel? carousel = null,
    IDropSensor? dropSensor = null) : ICapability
{
    public const string NothingFell = "Nothing fell: the dispenser is empty or jammed. Check it before dispensing again.";

    public const string ChuteBlocked =
        "The drop sensor's beam was already broken before the release: something is stuck in the chute, or the sensor is out of line. Nothing moved; clear it before dispensing again.";

    private readonly DispenserOptions _options = options.Value;

    public string Name => Capability.Dispenser;

    public string? Refuse(ActuationRequest request)
    {
        if (request.Kind != CommandKinds.Dispense)
        {
            return null;
        }

        var args = CommandArgs.ReadDispense(request.Args);
        if (carousel is not null)
        {
            return carousel.Refuse(args);
        }

        return args.Slot is null ? null : "This dispenser has no carousel slots; send the dispense without 'slot'.";
    }

    public Task<CapabilityResult> ExecuteAsync(ActuationRequest request, CancellationToken cancellationToken) => request.Kind switch
    {
        CommandKinds.Dispense => DispenseAsync(CommandArgs.ReadDispense(request.Args).Portions, cancellationToken),
        CommandKinds.Home => HomeAsync(cancellationToken),
        _ => throw new ArgumentException($"The dispenser cannot '{request.Kind}'.", nameof(request)),
    };

    private async Task<CapabilityResult> DispenseAsync(int portions, CancellationToken cancellationToken)
    {
        if (dropSensor?.IsBeamBroken() == true)
        {
            DispenserLog.ChuteBlocked(logger, ChuteBlocked);
            return CapabilityResult.Failed(ChuteBlocked);
        }

        for (var released = 0; released < portions; released++)
        {
            using var watch = dropSensor?.Watch();
            var releasedAt = await ReleaseOneAsync(cancellationToken);
            if (watch is not null && !await watch.FellByAsync(releasedAt + Ticks(_options.DropSensor.Window), time))
            {
                return NothingSeen(released, portions);
            }
        }

        var detail = portions == 1 ? "Released 1 portion." : $"Released {portions} portions.";
        if (carousel is not null)
        {
            detail += $" {carousel.SlotsLeft} carousel slot{(carousel.SlotsLeft == 1 ? "" : "s")} left.";
        }

        return CapabilityResult.Succeeded(dropSensor is null ? detail : detail + " The drop sensor saw each one fall.");
    }

    /// <summary>Releases one portion and returns when the horn is back home (or the slot has emptied), with the time of the release.</summary>
    private async Task<long> ReleaseOneAsync(CancellationToken cancellationToken)
    {
        long releasedAt;
        if (carousel is not null)
        {
            var slot = carousel.TakeNext();
            DispenserLog.CarouselSlot(logger, slot, carousel.AngleOf(slot), carousel.SlotsLeft);
            servo.MoveTo(carousel.AngleOf(slot));
            releasedAt = time.GetTimestamp();
            await Task.Delay(_options.Dwell, time, cancellationToken);
            return releasedAt;
        }

        servo.MoveTo(_options.ReleaseAngleDegrees);
        releasedAt = time.GetTimestamp();
        await Task.Delay(_options.Dwell, time, cancellationToken);
        servo.MoveTo(_options.HomeAngleDegrees);
        await Task.Delay(_options.ReturnTravel, time, cancellationToken);
        return releasedAt;
    }

    private CapabilityResult NothingSeen(int released, int portions)
    {
        if (released == 0)
        {
            DispenserLog.NothingFell(logger, NothingFell);
            return CapabilityResult.Failed(NothingFell);
        }

        // Part of the dose fell: not a clean failure that a retry could repeat, so a person checks, and the lockout holds.
        var detail = $"{released} of {portions} portions fell, then nothing: the dispenser is empty or jammed. Check it before dispensing again.";
        DispenserLog.NothingFell(logger, detail);
        return new CapabilityResult(CommandState.Uncertain, detail);
    }

    private async Task<CapabilityResult> HomeAsync(CancellationToken cancellationToken)
    {
        carousel?.Refill();
        servo.MoveTo(_options.HomeAngleDegrees);
        await Task.Delay(_options.ReturnTravel, time, cancellationToken);
        if (carousel is null)
        {
            return CapabilityResult.Succeeded("Returned to the home position.");
        }

        DispenserLog.CarouselRefilled(logger, carousel.Slots);
        return CapabilityResult.Succeeded($"Returned to the home position; all {carousel.Slots} carousel slots are counted full.");
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);
}
