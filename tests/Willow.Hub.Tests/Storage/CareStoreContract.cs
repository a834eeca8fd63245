using Willow.Core.Commands;
using Willow.Core.Doses;
using Willow.Core.Regimens;
using Willow.Hub.Accounts;
using Willow.Hub.Doses;
using Willow.Hub.Households;
using Willow.Hub.Pets;
using Willow.Hub.Regimens;
using Willow.Testing;

namespace Willow.Hub.Tests.Storage;

public sealed record CareStores(IPetStore Pets, IRegimenStore Regimens, IDoseStore Doses, IHouseholdStore Households, IAccountStore Accounts);

/// <summary>
/// What the stores of pets, regimens and dose outcomes must do, whatever they are built on: names unique per
/// home, versions appended in order only, and a dose recorded once when the home and the hub report it at
/// the same moment.
/// </summary>
public abstract class CareStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 25, 7, 0, 0, TimeSpan.Zero);
    private static readonly Guid Home = Guid.Parse("0193a0a0-0000-7000-8000-00000000a001");
    private static readonly Guid NextDoor = Guid.Parse("0193a0a0-0000-7000-8000-00000000b002");

    private CareStores _stores = null!;

    protected abstract CareStores CreateStores();

    public async ValueTask InitializeAsync()
    {
        _stores = CreateStores();
        var owner = new User(Guid.NewGuid(), "owner@example.org", "Owner", "not a hash", Now);
        await _stores.Accounts.CreateUserAsync(owner, default);
        foreach (var (id, name) in new[] { (Home, "Home"), (NextDoor, "Next door") })
        {
            await _stores.Households.CreateAsync(new Household(id, name, "Europe/Berlin", Now), new Membership(id, owner.Id, HouseholdRole.Owner, null, "test", Now), default);
        }
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Pets_NamesAreUniquePerHousehold_AndListInNameOrder()
    {
        Assert.True(await _stores.Pets.CreateAsync(new Pet(Guid.NewGuid(), Home, "Willow", "dog", Now), default));
        Assert.True(await _stores.Pets.CreateAsync(new Pet(Guid.NewGuid(), Home, "Biscuit", null, Now), default));
        Assert.False(await _stores.Pets.CreateAsync(new Pet(Guid.NewGuid(), Home, "Willow", "cat", Now), default));
        Assert.True(await _stores.Pets.CreateAsync(new Pet(Guid.NewGuid(), NextDoor, "Willow", "dog", Now), default));

        var pets = await _stores.Pets.ListAsync(Home, default);

        Assert.Equal(["Biscuit", "Willow"], pets.Select(p => p.Name));
        Assert.Equal("dog", pets[1].Species);
        Assert.Null(pets[0].Species);
        Assert.Equal(pets[1], await _stores.Pets.GetAsync(Home, pets[1].Id, default));
        Assert.Null(await _stores.Pets.GetAsync(NextDoor, pets[1].Id, default));
    }

    [Fact]
    public async Task Regimens_VersionsAppendOnlyInOrder_EvenWhenTwoEditorsRace()
    {
        var regimen = await NewRegimenAsync();

        var second = regimen.Current with { Version = 2, Paused = true, EffectiveFrom = Now.AddHours(1) };
        var racers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => _stores.Regimens.AddVersionAsync(Home, regimen.Id, second, $"editor{i}", default))));
        Assert.Single(racers, won => won);
        Assert.False(await _stores.Regimens.AddVersionAsync(Home, regimen.Id, second with { Version = 4 }, "skipper", default));
        Assert.False(await _stores.Regimens.AddVersionAsync(NextDoor, regimen.Id, second with { Version = 3 }, "stranger", default));

        var stored = await _stores.Regimens.GetAsync(Home, regimen.Id, default);
        Assert.NotNull(stored);
        Assert.Equal([1, 2], stored.Versions.Select(v => v.Version));
        Assert.True(stored.Current.Paused);
        Assert.Equal(regimen.Current.Terms, stored.Versions[0].Terms);
        Assert.Equal(Now.AddHours(1), stored.Current.EffectiveFrom);
        Assert.Equal(regimen.PetId, stored.PetId);
        Assert.Single(await _stores.Regimens.ListAsync(Home, default));
        Assert.Empty(await _stores.Regimens.ListAsync(NextDoor, default));
        Assert.Contains(Home, await _stores.Regimens.HouseholdsWithRegimensAsync(default));
        Assert.Null(await _stores.Regimens.GetAsync(NextDoor, regimen.Id, default));
    }

    [Fact]
    public async Task Doses_HomeAndHubReportingAtOnce_RecordTheDoseOnce()
    {
        var doseId = Guid.NewGuid();
        var regimenId = (await NewRegimenAsync()).Id;
        var scheduled = Now.AddHours(-2);
        var command = Guid.NewGuid();
        var dispensed = new DoseOutcome(doseId, regimenId, scheduled, DoseState.Dispensed, EventSource.Gateway, command, Now, "Given at home.");
        var missed = new DoseOutcome(doseId, regimenId, scheduled, DoseState.Missed, EventSource.Hub, null, Now, "Window closed.");

        // The gateway's report and the missed-dose detector, many times over, at the same moment.
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => _stores.Doses.RecordAsync(Home, [i % 2 == 0 ? dispensed : missed], default))));

        var stored = await _stores.Doses.GetAsync(Home, doseId, default);
        Assert.NotNull(stored);
        Assert.Equal(DoseState.Dispensed, stored.State);
        Assert.Equal(command, stored.CommandId);
        // At most: missed first, then the home's word overturning it. Never dispensed twice.
        Assert.Single(stored.Events, e => e.State == DoseState.Dispensed);
        Assert.InRange(stored.Events.Count, 1, 2);
        Assert.Single(results.SelectMany(r => r), r => r.Decision.Changes() && r.Dose.State == DoseState.Dispensed);
    }

    [Fact]
    public async Task Doses_ABatchIsDecidedInOrder_ListedByTimeAndConfirmedOnce()
    {
        var regimenId = (await NewRegimenAsync()).Id;
        var (first, second, skipped) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var results = await _stores.Doses.RecordAsync(Home,
        [
            new DoseOutcome(second, regimenId, Now.AddHours(-1), DoseState.Dispensed, EventSource.Gateway, Guid.NewGuid(), Now, null),
            new DoseOutcome(first, regimenId, Now.AddHours(-9), DoseState.Missed, EventSource.Hub, null, Now, "Nothing heard."),
            new DoseOutcome(first, regimenId, Now.AddHours(-9), DoseState.Dispensed, EventSource.Gateway, Guid.NewGuid(), Now.AddMinutes(1), "It was given."),
            new DoseOutcome(skipped, regimenId, Now.AddHours(7), DoseState.Skipped, EventSource.Hub, null, Now, "At the vet."),
        ], default);

        Assert.Equal([TransitionDecision.Apply, TransitionDecision.Apply, TransitionDecision.Overturn, TransitionDecision.Apply], results.Select(r => r.Decision));
        Assert.Equal(DoseState.Missed, results[2].Previous);
        Assert.Equal(2, results[2].Dose.Events.Count);
        Assert.Equal([first, second], (await _stores.Doses.ListAsync(Home, Now.AddDays(-1), Now, default)).Select(d => d.Id));
        Assert.Empty(await _stores.Doses.ListAsync(NextDoor, Now.AddDays(-1), Now.AddDays(1), default));
        Assert.Equal([skipped], await _stores.Doses.ListSkippedAsync(Home, Now, default));

        var confirmations = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            Task.Run(() => _stores.Doses.ConfirmAsync(Home, second, $"person{i}", Now.AddMinutes(i), default))));
        // One person's confirmation stands, and everyone who pressed is shown theirs.
        var confirmed = await _stores.Doses.GetAsync(Home, second, default);
        Assert.StartsWith("person", confirmed!.ConfirmedBy);
        Assert.All(confirmations, c => Assert.Equal((confirmed.ConfirmedBy, confirmed.ConfirmedAt), (c!.ConfirmedBy, c.ConfirmedAt)));
        Assert.Null(await _stores.Doses.ConfirmAsync(Home, skipped, "person", Now, default));
    }

    private async Task<RegimenRecord> NewRegimenAsync()
    {
        var pet = new Pet(Guid.NewGuid(), Home, $"Willow {Guid.NewGuid():N}", "dog", Now);
        await _stores.Pets.CreateAsync(pet, default);
        var terms = Plans.EveryEightHours("dispenser", new DateTime(2026, 11, 25, 7, 0, 0, DateTimeKind.Unspecified));
        var regimen = new RegimenRecord(Guid.NewGuid(), Home, pet.Id, Now, "owner@example.org", [new RegimenVersion(1, Now, terms, false, false)], ["owner@example.org"]);
        await _stores.Regimens.CreateAsync(regimen, default);
        return regimen;
    }
}
