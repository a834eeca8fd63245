using Microsoft.Extensions.DependencyInjection;

namespace Willow.Hosting.Consul;

/// <summary>Registers <see cref="ConsulOptions"/> (checked at start) and the typed <see cref="ConsulClient"/>.</summary>
public static class ConsulRegistration
{
    public static IServiceCollection AddConsulClient(this IServiceCollection services)
    {
        services.AddOptions<ConsulOptions>().BindConfiguration(ConsulOptions.Section)
            .ValidateWith(new ConsulOptionsValidator())
            .Validate(o => Uri.TryCreate(o.Address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https",
                "Consul:Address must be an http or https address, such as http://127.0.0.1:8500.")
            .Validate(o => o.CheckInterval >= TimeSpan.FromSeconds(1), "Consul:CheckInterval must be at least one second.")
            .Validate(o => o.CheckTimeout > TimeSpan.Zero && o.CheckTimeout <= o.CheckInterval, "Consul:CheckTimeout must be positive and no longer than Consul:CheckInterval.")
            .Validate(o => o.DeregisterCriticalAfter >= o.CheckInterval, "Consul:DeregisterCriticalAfter must be at least Consul:CheckInterval.")
            .Validate(o => o.Wait >= TimeSpan.FromSeconds(1) && o.Wait <= TimeSpan.FromMinutes(10), "Consul:Wait must be between one second and ten minutes (Consul's limit).")
            .ValidateOnStart();

        // Blocking queries set their own deadline (the wait and its jitter); the handler's default 100 s would cut them.
        services.AddHttpClient<ConsulClient>(ConsulClient.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        return services;
    }
}
