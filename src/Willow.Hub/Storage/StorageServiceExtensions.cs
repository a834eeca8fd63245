using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Willow.Hosting;
using Willow.Hub.Accounts;
using Willow.Hub.Audit;
using Willow.Hub.Commands;
using Willow.Hub.Devices;
using Willow.Hub.Gateways;
using Willow.Hub.Doses;
using Willow.Hub.Households;
using Willow.Hub.Pets;
using Willow.Hub.Regimens;
using Willow.Hub.Storage.Sqlite;
using Willow.Sqlite;

namespace Willow.Hub.Storage;

public static class StorageServiceExtensions
{
    public static IHostApplicationBuilder AddHubStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp =>
        {
            var database = new SqliteDatabase(sp.GetRequiredService<IOptions<StorageOptions>>().Value.SqlitePath);
            database.Migrate(HubSchema.Migrations);
            return database;
        });
        builder.Services.AddSingleton<IHouseholdStore, SqliteHouseholdStore>();
        builder.Services.AddSingleton<IDeviceStore, SqliteDeviceStore>();
        builder.Services.AddSingleton<IGatewayStore, SqliteGatewayStore>();
        builder.Services.AddSingleton<ICommandStore, SqliteCommandStore>();
        builder.Services.AddSingleton<IPetStore, SqlitePetStore>();
        builder.Services.AddSingleton<IRegimenStore, SqliteRegimenStore>();
        builder.Services.AddSingleton<IDoseStore, SqliteDoseStore>();
        builder.Services.AddSingleton<IAccountStore, SqliteAccountStore>();
        builder.Services.AddSingleton<IMembershipStore, SqliteMembershipStore>();
        builder.Services.AddSingleton<IAuditStore, SqliteAuditStore>();
        builder.Services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: [WillowHost.ReadyTag]);
        return builder;
    }

    /// <summary>
    /// Keys that protect cookies and tokens live beside the database, so they survive restarts. They are not
    /// encrypted at rest on Linux (the framework says so at start-up); the data directory must be private.
    /// </summary>
    public static IHostApplicationBuilder AddDataProtectionKeys(this IHostApplicationBuilder builder)
    {
        var path = builder.Configuration[$"{StorageOptions.Section}:SqlitePath"] ?? new StorageOptions().SqlitePath;
        builder.Services.AddDataProtection()
            .SetApplicationName("willow-hub")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "keys")));
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        return builder;
    }
}
