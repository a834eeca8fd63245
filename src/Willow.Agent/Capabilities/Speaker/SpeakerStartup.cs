using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Willow.Agent.Capabilities.Speaker;

/// <summary>Opens the sound library when the agent starts, so the built-in sounds are there before the first call.</summary>
internal sealed class SpeakerStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<SoundLibrary>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
