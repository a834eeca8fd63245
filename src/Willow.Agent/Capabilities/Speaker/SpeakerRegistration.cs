using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Willow.Hosting;

namespace Willow.Agent.Capabilities.Speaker;

/// <summary>Adds the speaker capability and its sound player to an agent.</summary>
public static class SpeakerRegistration
{
    public static void AddSpeaker(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SpeakerOptions>().BindConfiguration(SpeakerOptions.Section).ValidateWith(new SpeakerOptionsValidator()).ValidateOnStart();
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SpeakerOptions>>().Value;
            return new SimulatedSoundPlayer(sp.GetRequiredService<TimeProvider>(), options.SimulatedSoundLength, options.SimulatedPlayLog);
        });
        builder.Services.AddSingleton<ISoundPlayer>(sp => sp.GetRequiredService<SimulatedSoundPlayer>());
        builder.Services.AddSingleton<ICapability, SpeakerCapability>();
    }
}
