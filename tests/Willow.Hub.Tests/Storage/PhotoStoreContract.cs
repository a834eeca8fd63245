using Willow.Hub.Photos;
using Willow.Testing;

namespace Willow.Hub.Tests.Storage;

/// <summary>What every photo store must do: keep a photo once with its picture, list newest first, find a dose's photo, forget old ones, keep homes apart.</summary>
public abstract class PhotoStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Home = Guid.Parse("0193a0a0-0000-7000-8000-00000000a001");
    private static readonly Guid NextDoor = Guid.Parse("0193a0a0-0000-7000-8000-00000000b002");
    private static readonly DateTimeOffset KeepAfter = Now.AddDays(-92);

    protected abstract IPhotoStore CreateStore();

    private static Photo Taken(Guid household, string device, int minutesAgo, Guid? dose = null) =>
        new(Guid.CreateVersion7(Now.AddMinutes(-minutesAgo)), household, device, dose, Now.AddMinutes(-minutesAgo), TestJpeg.Width, TestJpeg.Height, TestJpeg.Bytes.Length);

    [Fact]
    public async Task Save_KeepsThePhotoOnce_WithItsPicture()
    {
        var store = CreateStore();
        var photo = Taken(Home, "kitchen-camera", 1);

        Assert.True(await store.SaveAsync(photo, TestJpeg.Bytes, KeepAfter, default));
        Assert.False(await store.SaveAsync(photo, TestJpeg.Bytes, KeepAfter, default));

        Assert.Equal(photo, await store.GetAsync(Home, photo.Id, default));
        Assert.Equal(TestJpeg.Bytes, await store.ReadAsync(Home, photo.Id, default));
        Assert.Null(await store.GetAsync(NextDoor, photo.Id, default));
        Assert.Null(await store.ReadAsync(NextDoor, photo.Id, default));
    }

    [Fact]
    public async Task List_IsNewestFirst_ByDevice_AndPagesWithBefore()
    {
        var store = CreateStore();
        var photos = new[] { Taken(Home, "kitchen-camera", 30), Taken(Home, "hall-camera", 20), Taken(Home, "kitchen-camera", 10) };
        foreach (var photo in photos)
        {
            await store.SaveAsync(photo, TestJpeg.Bytes, KeepAfter, default);
        }

        Assert.Equal([photos[2].Id, photos[1].Id, photos[0].Id], (await store.ListAsync(Home, null, null, 10, default)).Select(p => p.Id));
        Assert.Equal([photos[2].Id, photos[0].Id], (await store.ListAsync(Home, "kitchen-camera", null, 10, default)).Select(p => p.Id));
        Assert.Equal([photos[1].Id], (await store.ListAsync(Home, null, photos[2].TakenAt, 1, default)).Select(p => p.Id));
        Assert.Empty(await store.ListAsync(NextDoor, null, null, 10, default));
    }

    [Fact]
    public async Task ForDoses_FindsEachDosesNewestPhoto()
    {
        var store = CreateStore();
        var dose = Guid.NewGuid();
        var first = Taken(Home, "kitchen-camera", 5, dose);
        var retake = Taken(Home, "kitchen-camera", 4, dose);
        await store.SaveAsync(first, TestJpeg.Bytes, KeepAfter, default);
        await store.SaveAsync(retake, TestJpeg.Bytes, KeepAfter, default);
        await store.SaveAsync(Taken(Home, "kitchen-camera", 3), TestJpeg.Bytes, KeepAfter, default);

        var found = await store.ForDosesAsync(Home, [dose, Guid.NewGuid()], default);

        Assert.Equal(new Dictionary<Guid, Guid> { [dose] = retake.Id }, found);
        Assert.Empty(await store.ForDosesAsync(NextDoor, [dose], default));
    }

    [Fact]
    public async Task Save_ForgetsPhotosOlderThanTheRetention()
    {
        var store = CreateStore();
        var old = Taken(Home, "kitchen-camera", 60 * 24 * 50);
        await store.SaveAsync(old, TestJpeg.Bytes, KeepAfter, default);

        Assert.False(await store.SaveAsync(Taken(Home, "kitchen-camera", 60 * 24 * 100), TestJpeg.Bytes, KeepAfter, default));
        await store.SaveAsync(Taken(Home, "kitchen-camera", 1), TestJpeg.Bytes, Now.AddDays(-30), default);

        Assert.Single(await store.ListAsync(Home, null, null, 10, default));
    }
}
