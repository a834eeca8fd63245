using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Willow.Hosting;

namespace Willow.Agent.Capabilities.Speaker;

/// <summary>Adds the speaker capability, its sound library, speech and its sound player to an agent.</summary>
public static class SpeakerRegistration
{
    public static void AddSpeaker(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SpeakerOptions>().BindConfiguration(SpeakerOptions.Section).ValidateWith(new SpeakerOptionsValidator())
            .Validate(o => o.PlayTimeout > TimeSpan.Zero && o.PlayTimeout <= TimeSpan.FromMinutes(10), "Speaker:PlayTimeout must be more than 0 and at most 10 minutes.")
            .Validate(o => o.SimulatedSoundLength is null || o.SimulatedSoundLength >= TimeSpan.Zero, "Speaker:SimulatedSoundLength cannot be negative.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp =>
        {
            var directory = sp.GetRequiredService<IOptions<SpeakerOptions>>().Value.SoundsDirectory
                            ?? Path.Combine(DataDirectory(sp), "sounds");
            return new SoundLibrary(directory, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SoundLibrary>>());
        });
        builder.Services.AddSingleton<SpeechSynthesizer>();
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SpeakerOptions>>().Value;
            return new SimulatedSoundPlayer(
                sp.GetRequiredService<TimeProvider>(),
                options.SimulatedSoundLength,
                options.SimulatedPlayLog,
                options.SimulatedOutputDirectory ?? Path.Combine(DataDirectory(sp), "played"));
        });
        builder.Services.AddSingleton<AlsaSoundPlayer>();
        builder.Services.AddSingleton<ISoundPlayer>(sp => sp.GetRequiredService<IOptions<SpeakerOptions>>().Value.Driver == "alsa"
            ? sp.GetRequiredService<AlsaSoundPlayer>()
            : sp.GetRequiredService<SimulatedSoundPlayer>());
        builder.Services.AddSingleton<ICapability, SpeakerCapability>();
        builder.Services.AddHostedService<SpeakerStartup>();
    }

    private static string DataDirectory(IServiceProvider services) => services.GetRequiredService<IOptions<AgentOptions>>().Value.DataDirectory;
}
