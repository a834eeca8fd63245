using Willow.Hub.Storage;

namespace Willow.Hub.Camera;

public static class LiveViewServiceExtensions
{
    public static IHostApplicationBuilder AddLiveView(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LiveViewOptions>().BindConfiguration(LiveViewOptions.Section)
            .Validate(o => o.MaxDuration >= TimeSpan.FromSeconds(10) && o.FirstFrameWithin >= TimeSpan.FromSeconds(1), "LiveView:MaxDuration must be at least 10 s and LiveView:FirstFrameWithin at least 1 s.")
            .ValidateOnStart();
        builder.Services.AddSingleton<LiveViews>();
        if (StorageServiceExtensions.ReadOptions(builder.Configuration).UsesRedis)
        {
            builder.Services.AddSingleton<RedisLiveViewFrames>();
            builder.Services.AddSingleton<ILiveViewFrames>(sp => sp.GetRequiredService<RedisLiveViewFrames>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<RedisLiveViewFrames>());
        }
        else
        {
            builder.Services.AddSingleton<ILiveViewFrames, LocalLiveViewFrames>();
        }

        return builder;
    }
}
