namespace Willow.Hub.Photos;

/// <summary>A photo on the wire; <see cref="Url"/> serves the JPEG to members of the household.</summary>
public sealed record PhotoView(Guid Id, string DeviceId, Guid? DoseId, DateTimeOffset TakenAt, int Width, int Height, int Bytes, string Url)
{
    public static PhotoView From(Photo photo) => new(
        photo.Id, photo.DeviceId, photo.DoseId, photo.TakenAt, photo.Width, photo.Height, photo.Bytes,
        $"/api/v1/households/{photo.HouseholdId}/photos/{photo.Id}");
}
