using Willow.Core.Commands;
using Willow.Core.Protocol;

namespace Willow.Agent.Capabilities.Speaker;

/// <summary>Calls the pet by playing a sound from the library, once or a few times.</summary>
public sealed class SpeakerCapability(ISoundPlayer player) : ICapability
{
    public string Name => Capability.Speaker;

    public string? Refuse(ActuationRequest request)
    {
        var sound = CommandArgs.ReadCall(request.Args).Sound;
        return player.Sounds.Contains(sound)
            ? null
            : $"This speaker has no sound '{sound}'. It has: {string.Join(", ", player.Sounds.Order(StringComparer.Ordinal))}.";
    }

    public async Task<CapabilityResult> ExecuteAsync(ActuationRequest request, CancellationToken cancellationToken)
    {
        if (request.Kind != CommandKinds.Call)
        {
            throw new ArgumentException($"The speaker cannot '{request.Kind}'.", nameof(request));
        }

        var args = CommandArgs.ReadCall(request.Args);
        for (var i = 0; i < args.Repeat; i++)
        {
            await player.PlayAsync(args.Sound, cancellationToken);
        }

        return CapabilityResult.Succeeded(args.Repeat == 1 ? $"Played '{args.Sound}'." : $"Played '{args.Sound}' {args.Repeat} times.");
    }
}
