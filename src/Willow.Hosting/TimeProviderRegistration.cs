using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Willow.Hosting;

public static class TimeProviderRegistration
{
    /// <summary>The system clock, unless a test registered a fake one first.</summary>
    public static IServiceCollection TryAddTimeProvider(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
