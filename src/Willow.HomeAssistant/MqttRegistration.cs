using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Willow.Hosting;

namespace Willow.HomeAssistant;

public static class MqttRegistration
{
    /// <summary>Binds and checks the <c>Mqtt</c> section at start, with sentences that name the setting to fix.</summary>
    public static OptionsBuilder<MqttOptions> AddMqttOptions(this IServiceCollection services) =>
        services.AddOptions<MqttOptions>().BindConfiguration(MqttOptions.Section)
            .ValidateWith(new MqttOptionsValidator())
            .ValidateWith(new MqttSettingsCheck())
            .ValidateOnStart();

    /// <summary>The checks the annotations cannot make (durations, the broker's address), each failure its own sentence.</summary>
    private sealed class MqttSettingsCheck : IValidateOptions<MqttOptions>
    {
        public ValidateOptionsResult Validate(string? name, MqttOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
