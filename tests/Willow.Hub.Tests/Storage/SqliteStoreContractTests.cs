using Microsoft.Extensions.Time.Testing;
using Willow.Hub.Commands;
using Willow.Hub.Devices;
using Willow.Hub.Households;
using Willow.Hub.Storage.Sqlite;
using Willow.Sqlite;
using Willow.Testing;

namespace Willow.Hub.Tests.Storage;

/// <summary>The store contract on SQLite, in a real WAL-mode file.</summary>
public sealed class SqliteStoreContractTests : StoreContract
{
    private readonly TempDirectory _directory = new("sqlite-contract");

    protected override (ICommandStore Commands, IDeviceStore Devices, IHouseholdStore Households) CreateStores()
    {
        var database = new SqliteDatabase(_directory.File("hub.db"));
        database.Migrate(HubSchema.Migrations);
        return (new SqliteCommandStore(database), new SqliteDeviceStore(database, new FakeTimeProvider(Now)), new SqliteHouseholdStore(database));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
