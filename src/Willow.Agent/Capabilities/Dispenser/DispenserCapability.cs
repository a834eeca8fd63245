using Microsoft.Extensions.Options;
using Willow.Core.Commands;
using Willow.Core.Protocol;

namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>
/// Drops a portion by swinging the servo to its release angle, dwelling, and returning home.
/// </summary>
public sealed class DispenserCapability(IServo servo, IOptions<DispenserOptions> options, TimeProvider time) : ICapability
{
    private readonly DispenserOptions _options = options.Value;

    public string Name => Capability.Dispenser;

    public string? Refuse(ActuationRequest request)
    {
        if (request.Kind == CommandKinds.Dispense && CommandArgs.ReadDispense(request.Args).Slot is not null)
        {
            return "This dispenser has no carousel slots; send the dispense without 'slot'.";
        }

        return null;
    }

    public async Task<CapabilityResult> ExecuteAsync(ActuationRequest request, CancellationToken cancellationToken)
    {
        switch (request.Kind)
        {
            case CommandKinds.Dispense:
                var portions = CommandArgs.ReadDispense(request.Args).Portions;
                for (var i = 0; i < portions; i++)
                {
                    servo.MoveTo(_options.ReleaseAngleDegrees);
                    await Task.Delay(_options.Dwell, time, cancellationToken);
                    servo.MoveTo(_options.HomeAngleDegrees);
                    await Task.Delay(_options.ReturnTravel, time, cancellationToken);
                }

                return CapabilityResult.Succeeded(portions == 1 ? "Released 1 portion." : $"Released {portions} portions.");

            case CommandKinds.Home:
                servo.MoveTo(_options.HomeAngleDegrees);
                await Task.Delay(_options.ReturnTravel, time, cancellationToken);
                return CapabilityResult.Succeeded("Returned to the home position.");

            default:
                throw new ArgumentException($"The dispenser cannot '{request.Kind}'.", nameof(request));
        }
    }
}
