using Microsoft.AspNetCore.Http.HttpResults;
using Willow.Hub.Access;
using Willow.Hub.Audit;
using Willow.Hub.Households;
using Willow.Hub.Doses;

namespace Willow.Hub.Pets;

/// <summary><c>/api/v1/households/{householdId}/pets</c>: who the medication is for, and how well it is going.</summary>
public static class PetEndpoints
{
    public static RouteGroupBuilder MapPets(this RouteGroupBuilder household)
    {
        var group = household.MapGroup("/pets").WithTags("Pets");
        group.MapPost("/", CreatePet).Requires(HouseholdRole.Owner)
            .WithName("CreatePet")
            .WithSummary("Adds a pet to the household.");
        group.MapGet("/", ListPets).Requires(HouseholdRole.Viewer)
            .WithName("ListPets")
            .WithSummary("The household's pets.");
        group.MapGet("/{petId:guid}", GetPet).Requires(HouseholdRole.Viewer)
            .WithName("GetPet")
            .WithSummary("One pet.");
        group.MapGet("/{petId:guid}/adherence", GetAdherence).Requires(HouseholdRole.Viewer)
            .WithName("GetAdherence")
            .WithSummary("For each of the pet's regimens: doses due, given, missed, skipped and uncertain, and the share given.");
        return group;
    }

    public static async Task<Results<Created<PetView>, ValidationProblem>> CreatePet(
        Guid householdId, CreatePetRequest request, HttpContext context, IPetStore pets, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var pet = new Pet(Guid.CreateVersion7(time.GetUtcNow()), householdId, request.Name!.Trim(), request.Species?.Trim(), time.GetUtcNow());
        if (!await pets.CreateAsync(pet, cancellationToken))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [$"This household already has a pet called {pet.Name}."] });
        }

        await audit.RecordAsync(context, householdId, AuditActions.PetAdded, pet.Name, pet.Species);
        return TypedResults.Created($"/api/v1/households/{householdId}/pets/{pet.Id}", PetView.From(pet));
    }

    public static async Task<Ok<IReadOnlyList<PetView>>> ListPets(Guid householdId, IPetStore pets, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<PetView>>([.. (await pets.ListAsync(householdId, cancellationToken)).Select(PetView.From)]);

    public static async Task<Results<Ok<PetView>, ProblemHttpResult>> GetPet(Guid householdId, Guid petId, IPetStore pets, CancellationToken cancellationToken) =>
        await pets.GetAsync(householdId, petId, cancellationToken) is { } pet ? TypedResults.Ok(PetView.From(pet)) : NotFound(petId);

    public static async Task<Results<Ok<AdherenceView>, ProblemHttpResult, ValidationProblem>> GetAdherence(
        Guid householdId, Guid petId, DateTimeOffset? from, DateTimeOffset? to, IPetStore pets, AdherenceReport report, CancellationToken cancellationToken)
    {
        if (from is { } f && to is { } t && t <= f)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["to must be after from."] });
        }

        var pet = await pets.GetAsync(householdId, petId, cancellationToken);
        return pet is null ? NotFound(petId) : TypedResults.Ok(await report.ForPetAsync(pet, from, to, cancellationToken));
    }

    public static ProblemHttpResult NotFound(Guid petId) => TypedResults.Problem(
        title: "Pet not found", detail: $"This household has no pet {petId}.", statusCode: StatusCodes.Status404NotFound);
}
