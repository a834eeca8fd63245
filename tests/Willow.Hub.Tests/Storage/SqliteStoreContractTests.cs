using Microsoft.Extensions.Time.Testing;
using Willow.Hub.Accounts;
using Willow.Hub.Commands;
using Willow.Hub.Devices;
using Willow.Hub.Households;
using Willow.Hub.Photos;
using Willow.Hub.Readings;
using Willow.Hub.Storage.Sqlite;
using Willow.Sqlite;
using Willow.Testing;

namespace Willow.Hub.Tests.Storage;

/// <summary>The store contract on SQLite, in a real WAL-mode file.</summary>
public sealed class SqliteStoreContractTests : StoreContract
{
    private readonly TempDirectory _directory = new("sqlite-contract");

    protected override (ICommandStore Commands, IDeviceStore Devices, IHouseholdStore Households, IAccountStore Accounts) CreateStores()
    {
        var database = new SqliteDatabase(_directory.File("hub.db"));
        database.Migrate(HubSchema.Migrations);
        return (new SqliteCommandStore(database), new SqliteDeviceStore(database, new FakeTimeProvider(Now)), new SqliteHouseholdStore(database), new SqliteAccountStore(database));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}

/// <summary>The account store contract on SQLite, in a real WAL-mode file.</summary>
public sealed class SqliteAccountStoreContractTests : AccountStoreContract
{
    private readonly TempDirectory _directory = new("sqlite-accounts");

    protected override AccountStores CreateStores()
    {
        var database = new SqliteDatabase(_directory.File("hub.db"));
        database.Migrate(HubSchema.Migrations);
        return new AccountStores(
            new SqliteAccountStore(database),
            new SqliteHouseholdStore(database),
            new SqliteMembershipStore(database),
            new SqliteGatewayStore(database),
            new SqliteDeviceStore(database, new FakeTimeProvider(Now)),
            new SqliteAuditStore(database));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}

/// <summary>The pet, regimen and dose store contract on SQLite, in a real WAL-mode file.</summary>
public sealed class SqliteCareStoreContractTests : CareStoreContract
{
    private readonly TempDirectory _directory = new("sqlite-care");

    protected override CareStores CreateStores()
    {
        var database = new SqliteDatabase(_directory.File("hub.db"));
        database.Migrate(HubSchema.Migrations);
        return new CareStores(new SqlitePetStore(database), new SqliteRegimenStore(database), new SqliteDoseStore(database), new SqliteHouseholdStore(database), new SqliteAccountStore(database));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}

/// <summary>The reading store contract on SQLite, in a real WAL-mode file.</summary>
public sealed class SqliteReadingStoreContractTests : ReadingStoreContract, IDisposable
{
    private readonly TempDirectory _directory = new("sqlite-readings");

    protected override IReadingStore CreateStore()
    {
        var database = new SqliteDatabase(_directory.File("hub.db"));
        database.Migrate(HubSchema.Migrations);
        return new SqliteReadingStore(database);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}

/// <summary>The photo store contract on SQLite, in a real WAL-mode file.</summary>
public sealed class SqlitePhotoStoreContractTests : PhotoStoreContract, IDisposable
{
    private readonly TempDirectory _directory = new("sqlite-photos");

    protected override IPhotoStore CreateStore()
    {
        var database = new SqliteDatabase(_directory.File("hub.db"));
        database.Migrate(HubSchema.Migrations);
        return new SqlitePhotoStore(database);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}

/// <summary>The alert store contract on SQLite, in a real WAL-mode file.</summary>
public sealed class SqliteAlertStoreContractTests : AlertStoreContract, IDisposable
{
    private readonly TempDirectory _directory = new("sqlite-alerts");

    protected override Willow.Hub.Alerts.IAlertStore CreateStore()
    {
        var database = new SqliteDatabase(_directory.File("hub.db"));
        database.Migrate(HubSchema.Migrations);
        return new SqliteAlertStore(database);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
