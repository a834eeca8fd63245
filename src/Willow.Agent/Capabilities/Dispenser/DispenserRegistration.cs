using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>Adds the dispenser capability and its servo driver to an agent.</summary>
public static class DispenserRegistration
{
    public static void AddDispenser(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DispenserOptions>>().Value;
            return new SimulatedServo(sp.GetRequiredService<TimeProvider>(), options.SimulatedMovementLog);
        });
        builder.Services.AddSingleton<IServo>(sp => sp.GetRequiredService<SimulatedServo>());
        builder.Services.AddSingleton<ICapability, DispenserCapability>();
    }
}
