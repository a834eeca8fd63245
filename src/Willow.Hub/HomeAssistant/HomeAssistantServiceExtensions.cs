using Willow.HomeAssistant;

namespace Willow.Hub.HomeAssistant;

public static class HomeAssistantServiceExtensions
{
    /// <summary>Home Assistant over MQTT from the hub's view: idle unless <c>Mqtt:Broker</c> is set.</summary>
    public static IHostApplicationBuilder AddHomeAssistant(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMqttOptions();
        builder.Services.AddSingleton<HubHomeView>();
        builder.Services.AddSingleton<HubHomeAssistant>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HubHomeAssistant>());
        return builder;
    }
}
