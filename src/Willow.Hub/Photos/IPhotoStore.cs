namespace Willow.Hub.Photos;

/// <summary>Where photos are kept, with their pictures. Photos older than the retention are dropped as new ones arrive.</summary>
public interface IPhotoStore
{
    /// <summary>Keeps the photo once (by id) and drops the household's photos taken before <paramref name="keepAfter"/>. True if it was new.</summary>
    Task<bool> SaveAsync(Photo photo, ReadOnlyMemory<byte> jpeg, DateTimeOffset keepAfter, CancellationToken cancellationToken);

    Task<Photo?> GetAsync(Guid householdId, Guid photoId, CancellationToken cancellationToken);

    /// <summary>The JPEG itself, or null if there is no such photo.</summary>
    Task<byte[]?> ReadAsync(Guid householdId, Guid photoId, CancellationToken cancellationToken);

    /// <summary>Newest first, taken before <paramref name="before"/> if given, of one device if given.</summary>
    Task<IReadOnlyList<Photo>> ListAsync(Guid householdId, string? deviceId, DateTimeOffset? before, int limit, CancellationToken cancellationToken);

    /// <summary>For each dose that has one, its newest photo.</summary>
    Task<IReadOnlyDictionary<Guid, Guid>> ForDosesAsync(Guid householdId, IReadOnlyCollection<Guid> doseIds, CancellationToken cancellationToken);
}
