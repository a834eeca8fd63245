using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Willow.Hosting;
using Willow.Hub.Accounts;
using Willow.Hub.Alerts;
using Willow.Hub.Audit;
using Willow.Hub.Commands;
using Willow.Hub.Devices;
using Willow.Hub.Gateways;
using Willow.Hub.Doses;
using Willow.Hub.Households;
using Willow.Hub.Nodes;
using Willow.Hub.Pets;
using Willow.Hub.Photos;
using Willow.Hub.Readings;
using Willow.Hub.Regimens;
using Willow.Hub.Storage.Redis;
using Willow.Hub.Storage.Sqlite;
using Willow.Sqlite;

namespace Willow.Hub.Storage;

public static class StorageServiceExtensions
{
    public static IHostApplicationBuilder AddHubStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateWith(new StorageOptionsValidator()).ValidateOnStart();
        builder.Services.AddExceptionHandler<StorageUnavailable>();
        var options = ReadOptions(builder.Configuration);
        if (options.UsesRedis)
        {
            // The client narrates every connect step at Information; its warnings (lost connection) stay.
            builder.Logging.AddFilter("StackExchange.Redis", LogLevel.Warning);
            AddRedisStores(builder.Services);
        }
        else
        {
            AddSqliteStores(builder.Services);
        }

        return builder;
    }

    /// <summary>The storage settings as configured, before the container exists (the choice of provider decides what is registered).</summary>
    public static StorageOptions ReadOptions(IConfiguration configuration)
    {
        var options = new StorageOptions();
        configuration.GetSection(StorageOptions.Section).Bind(options);
        return options;
    }

    private static void AddSqliteStores(IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var database = new SqliteDatabase(sp.GetRequiredService<IOptions<StorageOptions>>().Value.SqlitePath);
            database.Migrate(HubSchema.Migrations);
            return database;
        });
        services.AddSingleton<IHouseholdStore, SqliteHouseholdStore>();
        services.AddSingleton<IDeviceStore, SqliteDeviceStore>();
        services.AddSingleton<IGatewayStore, SqliteGatewayStore>();
        services.AddSingleton<ICommandStore, SqliteCommandStore>();
        services.AddSingleton<IPetStore, SqlitePetStore>();
        services.AddSingleton<IRegimenStore, SqliteRegimenStore>();
        services.AddSingleton<IDoseStore, SqliteDoseStore>();
        services.AddSingleton<IAccountStore, SqliteAccountStore>();
        services.AddSingleton<IMembershipStore, SqliteMembershipStore>();
        services.AddSingleton<IAuditStore, SqliteAuditStore>();
        services.AddSingleton<IReadingStore, SqliteReadingStore>();
        services.AddSingleton<IPhotoStore, SqlitePhotoStore>();
        services.AddSingleton<IAlertStore, SqliteAlertStore>();
        services.AddSingleton<IJobLease, SingleNodeJobLease>();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: [WillowHost.ReadyTag]);
    }

    private static void AddRedisStores(IServiceCollection services)
    {
        services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return RedisConnections.Connect(options.Redis!, "willow-hub", sp.GetRequiredService<ILoggerFactory>());
        });
        services.AddSingleton(sp => new RedisStorage(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value.RedisPrefix));
        services.AddSingleton<IHouseholdStore, RedisHouseholdStore>();
        services.AddSingleton<IDeviceStore, RedisDeviceStore>();
        services.AddSingleton<IGatewayStore, RedisGatewayStore>();
        services.AddSingleton<ICommandStore, RedisCommandStore>();
        services.AddSingleton<IPetStore, RedisPetStore>();
        services.AddSingleton<IRegimenStore, RedisRegimenStore>();
        services.AddSingleton<IDoseStore, RedisDoseStore>();
        services.AddSingleton<IAccountStore, RedisAccountStore>();
        services.AddSingleton<IMembershipStore, RedisMembershipStore>();
        services.AddSingleton<IAuditStore, RedisAuditStore>();
        services.AddSingleton<IReadingStore, RedisReadingStore>();
        services.AddSingleton<IPhotoStore, RedisPhotoStore>();
        services.AddSingleton<IAlertStore, RedisAlertStore>();
        services.AddSingleton<IJobLease, RedisJobLease>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("storage", tags: [WillowHost.ReadyTag]);
    }

    /// <summary>
    /// Keys that protect cookies and tokens. With SQLite they live beside the database, so they survive
    /// restarts (not encrypted at rest on Linux, as the framework says at start-up: the data directory must be
    /// private). With Redis they live in Redis, so a cookie from one hub node is good on every other.
    /// </summary>
    public static IHostApplicationBuilder AddDataProtectionKeys(this IHostApplicationBuilder builder)
    {
        var options = ReadOptions(builder.Configuration);
        var protection = builder.Services.AddDataProtection().SetApplicationName("willow-hub");
        if (options.UsesRedis)
        {
            builder.Services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>>(sp =>
                new ConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(o =>
                {
                    var redis = sp.GetRequiredService<RedisStorage>();
                    o.XmlRepository = new Microsoft.AspNetCore.DataProtection.StackExchangeRedis.RedisXmlRepository(
                        () => redis.Database, redis.Key("data-protection-keys"));
                }));
        }
        else
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.SqlitePath))!, "keys")));
        }

        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        return builder;
    }
}
