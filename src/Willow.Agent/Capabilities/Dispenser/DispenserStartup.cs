using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>
/// Opens the dispenser's hardware when the agent starts, not at the first command: the servo holds where it
/// was last sent (or stays off), and a missing PWM chip or GPIO stops the agent with a clear message at once.
/// </summary>
internal sealed class DispenserStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<IServo>();
        services.GetService<IDropSensor>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
