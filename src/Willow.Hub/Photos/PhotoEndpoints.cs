using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Willow.Hub.Access;
using Willow.Hub.Households;

namespace Willow.Hub.Photos;

/// <summary><c>/api/v1/households/{householdId}/photos</c>: what the home's cameras saw, after a dose or when a person asked.</summary>
public static class PhotoEndpoints
{
    public const int MaxListed = 200;

    public static RouteGroupBuilder MapPhotos(this RouteGroupBuilder household)
    {
        var group = household.MapGroup("/photos").WithTags("Photos");
        group.MapGet("/", ListPhotos).Requires(HouseholdRole.Viewer)
            .WithName("ListPhotos")
            .WithSummary("Photos newest first (at most 'limit', default 20), taken before 'before' if given, of one device if given.");
        group.MapGet("/{photoId:guid}", GetPhoto).Requires(HouseholdRole.Viewer)
            .WithName("GetPhoto")
            .WithSummary("The photo itself, as a JPEG.");
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<PhotoView>>, ValidationProblem>> ListPhotos(
        Guid householdId, string? device, DateTimeOffset? before, int? limit, IPhotoStore photos, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxListed)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit must be from 1 to {MaxListed}."] });
        }

        var list = await photos.ListAsync(householdId, device, before, limit ?? 20, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<PhotoView>>([.. list.Select(PhotoView.From)]);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetPhoto(
        Guid householdId, Guid photoId, HttpContext context, IPhotoStore photos, CancellationToken cancellationToken)
    {
        var photo = await photos.GetAsync(householdId, photoId, cancellationToken);
        var jpeg = photo is null ? null : await photos.ReadAsync(householdId, photoId, cancellationToken);
        if (photo is null || jpeg is null)
        {
            return TypedResults.Problem(title: "Photo not found", detail: $"No photo {photoId} in this household.", statusCode: StatusCodes.Status404NotFound);
        }

        // A photo never changes: the browser may keep it, but only for this person.
        context.Response.Headers[HeaderNames.CacheControl] = "private, max-age=31536000, immutable";
        return TypedResults.File(jpeg, "image/jpeg", lastModified: photo.TakenAt, entityTag: new EntityTagHeaderValue($"\"{photoId:N}\""));
    }
}
