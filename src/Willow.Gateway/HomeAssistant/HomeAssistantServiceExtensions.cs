using Microsoft.Extensions.DependencyInjection;
using Willow.HomeAssistant;

namespace Willow.Gateway.HomeAssistant;

public static class HomeAssistantServiceExtensions
{
    /// <summary>Home Assistant over MQTT: idle unless <c>Mqtt:Broker</c> is set.</summary>
    public static IServiceCollection AddHomeAssistant(this IServiceCollection services)
    {
        services.AddMqttOptions();
        services.AddSingleton<GatewayHomeView>();
        services.AddSingleton<HomeAssistantBridge>();
        services.AddHostedService(sp => sp.GetRequiredService<HomeAssistantBridge>());
        return services;
    }
}
