using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using Willow.Hub.Accounts;
using Willow.Hub.Commands;
using Willow.Hub.Devices;
using Willow.Hub.Households;
using Willow.Hub.Photos;
using Willow.Hub.Readings;
using Willow.Hub.Storage.Redis;
using Willow.Testing;

namespace Willow.Hub.Tests.Storage;

/// <summary>Each Redis contract test on the run's real redis-server, under a key prefix of its own.</summary>
internal static class RedisContract
{
    private static readonly Lazy<Task<ConnectionMultiplexer>> Connection = new(async () =>
        RedisConnections.Connect(await RedisServer.SharedAsync(), "willow-contract-tests"));

    public static RedisStorage Storage(string test) =>
        new(Connection.Value.GetAwaiter().GetResult(), RedisServer.NewPrefix(test));
}

/// <summary>The store contract on Redis.</summary>
public sealed class RedisStoreContractTests : StoreContract
{
    protected override (ICommandStore Commands, IDeviceStore Devices, IHouseholdStore Households, IAccountStore Accounts) CreateStores()
    {
        var redis = RedisContract.Storage("commands");
        return (new RedisCommandStore(redis), new RedisDeviceStore(redis, new FakeTimeProvider(Now)), new RedisHouseholdStore(redis), new RedisAccountStore(redis));
    }
}

/// <summary>The account store contract on Redis.</summary>
public sealed class RedisAccountStoreContractTests : AccountStoreContract
{
    protected override AccountStores CreateStores()
    {
        var redis = RedisContract.Storage("accounts");
        return new AccountStores(
            new RedisAccountStore(redis),
            new RedisHouseholdStore(redis),
            new RedisMembershipStore(redis),
            new RedisGatewayStore(redis),
            new RedisDeviceStore(redis, new FakeTimeProvider(Now)),
            new RedisAuditStore(redis));
    }
}

/// <summary>The pet, regimen and dose store contract on Redis.</summary>
public sealed class RedisCareStoreContractTests : CareStoreContract
{
    protected override CareStores CreateStores()
    {
        var redis = RedisContract.Storage("care");
        return new CareStores(new RedisPetStore(redis), new RedisRegimenStore(redis), new RedisDoseStore(redis), new RedisHouseholdStore(redis), new RedisAccountStore(redis));
    }
}

/// <summary>The reading store contract on Redis.</summary>
public sealed class RedisReadingStoreContractTests : ReadingStoreContract
{
    protected override IReadingStore CreateStore() => new RedisReadingStore(RedisContract.Storage("readings"));
}

/// <summary>The photo store contract on Redis.</summary>
public sealed class RedisPhotoStoreContractTests : PhotoStoreContract
{
    protected override IPhotoStore CreateStore() => new RedisPhotoStore(RedisContract.Storage("photos"));
}

/// <summary>The alert store contract on Redis.</summary>
public sealed class RedisAlertStoreContractTests : AlertStoreContract
{
    protected override Willow.Hub.Alerts.IAlertStore CreateStore() => new RedisAlertStore(RedisContract.Storage("alerts"));
}
