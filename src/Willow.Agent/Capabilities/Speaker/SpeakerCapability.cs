using Microsoft.Extensions.Logging;
using Willow.Agent.Hardware;
using Willow.Core.Commands;
using Willow.Core.Protocol;

namespace Willow.Agent.Capabilities.Speaker;

/// <summary>Calls the pet by playing a sound from the library, or by speaking a text (her name), once or a few times.</summary>
public sealed class SpeakerCapability(
    SoundLibrary library, SpeechSynthesizer speech, ISoundPlayer player, ILogger<SpeakerCapability> logger) : ICapability
{
    public string Name => Capability.Speaker;

    public string? Refuse(ActuationRequest request)
    {
        var args = CommandArgs.ReadCall(request.Args);
        if (args.Text is not null || library.TryFind(args.Sound, out _))
        {
            return null;
        }

        return $"This speaker has no sound '{args.Sound}'. It has: {string.Join(", ", library.Names())}.";
    }

    public async Task<CapabilityResult> ExecuteAsync(ActuationRequest request, CancellationToken cancellationToken)
    {
        if (request.Kind != CommandKinds.Call)
        {
            throw new ArgumentException($"The speaker cannot '{request.Kind}'.", nameof(request));
        }

        var args = CommandArgs.ReadCall(request.Args);
        string? spoken = null;
        try
        {
            SoundClip clip;
            if (args.Text is { } text)
            {
                spoken = await speech.SpeakToFileAsync(text, cancellationToken);
                clip = new SoundClip(SoundClip.SpeechName, spoken, text);
            }
            else if (library.TryFind(args.Sound, out var path))
            {
                clip = new SoundClip(args.Sound, path);
            }
            else
            {
                return NotPlayed($"The sound '{args.Sound}' was deleted before it could play.");
            }

            for (var i = 0; i < args.Repeat; i++)
            {
                await player.PlayAsync(clip, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is SoundNotPlayedException or ExternalProgramMissingException)
        {
            // Nothing moved and nothing was given: a call that was not heard is a plain failure, not an uncertainty.
            return NotPlayed(ex.Message);
        }
        finally
        {
            if (spoken is not null)
            {
                File.Delete(spoken);
            }
        }

        var what = args.Text is null ? $"Played '{args.Sound}'" : $"Said \"{args.Text}\"";
        return CapabilityResult.Succeeded(args.Repeat == 1 ? $"{what}." : $"{what} {args.Repeat} times.");
    }

    private CapabilityResult NotPlayed(string reason)
    {
        SpeakerLog.NotPlayed(logger, reason);
        return CapabilityResult.Failed(reason);
    }
}
