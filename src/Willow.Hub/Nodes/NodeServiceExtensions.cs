using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;
using Willow.Hub.Storage;

namespace Willow.Hub.Nodes;

/// <summary>
/// What lets several hub nodes serve the same homes. On SQLite there is one node and all of this is local;
/// on Redis, SignalR's Redis backplane carries every push (a command issued on node A reaches the gateway
/// connected to node B, a dashboard on B hears a change made on A), node signals go over pub/sub, and
/// background jobs hold leases.
/// </summary>
public static class NodeServiceExtensions
{
    public static IHostApplicationBuilder AddHubNodes(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<NodeSignalHandler>();
        if (StorageServiceExtensions.ReadOptions(builder.Configuration).UsesRedis)
        {
            builder.Services.AddSingleton<RedisNodeSignals>();
            builder.Services.AddSingleton<INodeSignals>(sp => sp.GetRequiredService<RedisNodeSignals>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<RedisNodeSignals>());
        }
        else
        {
            builder.Services.AddSingleton<INodeSignals, SingleNodeSignals>();
        }

        return builder;
    }

    public static ISignalRServerBuilder AddHubNodesBackplane(this ISignalRServerBuilder signalR, IConfiguration configuration)
    {
        var storage = StorageServiceExtensions.ReadOptions(configuration);
        if (!storage.UsesRedis || string.IsNullOrWhiteSpace(storage.Redis))
        {
            return signalR;
        }

        return signalR.AddStackExchangeRedis(o =>
        {
            o.Configuration = ConfigurationOptions.Parse(storage.Redis);
            o.Configuration.AbortOnConnectFail = false;
            o.Configuration.ClientName ??= "willow-hub-backplane";
            o.Configuration.ChannelPrefix = RedisChannel.Literal($"{storage.RedisPrefix}:signalr");
        });
    }
}
