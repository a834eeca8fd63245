using Microsoft.Extensions.Logging;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Gateway.Discovery;
using Willow.Gateway.Relay;

namespace Willow.Gateway.Sounds;

/// <summary>
/// Passes a sound a person uploaded at the hub on to the speaker it is for, and answers with how the speaker
/// took it and its library afterwards. The hub waits for the answer, so nothing here is queued.
/// </summary>
public sealed class SoundInstaller(IAgentDirectory directory, PresenceMonitor presence, AgentClient agents, ILogger<SoundInstaller> logger)
{
    public Task<SoundChange> InstallAsync(SoundUpload upload, CancellationToken cancellationToken) =>
        ChangeAsync(upload.DeviceId, $"install '{upload.Name}'", agent => agents.PutSoundAsync(agent, upload.Name, upload.ContentType, upload.Content, cancellationToken), cancellationToken);

    public Task<SoundChange> RemoveAsync(string deviceId, string name, CancellationToken cancellationToken) =>
        ChangeAsync(deviceId, $"remove '{name}'", agent => agents.DeleteSoundAsync(agent, name, cancellationToken), cancellationToken);

    private async Task<SoundChange> ChangeAsync(string deviceId, string what, Func<AgentEndpoint, Task<(int Status, string? Problem)>> change, CancellationToken cancellationToken)
    {
        if (directory.Find(deviceId) is not { } agent || !presence.Devices.Any(d => d.DeviceId == deviceId && d.Capabilities.Contains(Capability.Speaker)))
        {
            return new SoundChange(404, $"This gateway has no speaker '{deviceId}'.", null);
        }

        try
        {
            var (status, problem) = await change(agent);
            if (problem is not null)
            {
                SoundLog.Refused(logger, deviceId, what, status, problem);
                return new SoundChange(status, problem, null);
            }

            var sounds = await agents.ListSoundsAsync(agent, cancellationToken);
            SoundLog.Changed(logger, deviceId, what, sounds.Count);
            await presence.RefreshAsync(cancellationToken);
            return new SoundChange(status, null, sounds);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            SoundLog.Refused(logger, deviceId, what, 503, ex.Message);
            return new SoundChange(503, $"The speaker '{deviceId}' could not be reached: {ex.Message}", null);
        }
    }
}
