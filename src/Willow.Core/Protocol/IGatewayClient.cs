namespace Willow.Core.Protocol;

/// <summary>
/// What the hub pushes to a gateway over <c>/hubs/gateway</c>. Methods are named as events: they say
/// what happened at the hub, and the gateway decides what to do about it.
/// </summary>
public interface IGatewayClient
{
    /// <summary>A command for one of the home's devices was accepted.</summary>
    Task CommandIssued(CommandEnvelope command);

    /// <summary>A person cancelled a command before the home reported it started.</summary>
    Task CommandCancelled(Guid commandId);

    /// <summary>The household's regimens or skipped doses changed: here is the whole set.</summary>
    Task RegimensChanged(RegimenSet regimens);

    /// <summary>A person uploaded a sound for a speaker; the answer says how the agent took it.</summary>
    Task<SoundChange> InstallSound(SoundUpload upload, CancellationToken cancellationToken);

    /// <summary>A person deleted a sound from a speaker's library.</summary>
    Task<SoundChange> RemoveSound(string deviceId, string name, CancellationToken cancellationToken);

    /// <summary>
    /// A person opened a camera's live view: start sending its frames (<c>UploadCameraFrames</c>). The answer is
    /// null when the stream started, or why it cannot.
    /// </summary>
    Task<string?> StartCameraStream(CameraStreamRequest request, CancellationToken cancellationToken);

    /// <summary>Nobody watches the stream any more: stop it.</summary>
    Task StopCameraStream(Guid streamId);
}
