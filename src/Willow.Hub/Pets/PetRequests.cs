using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Willow.Hub.Pets;

/// <summary>Body of <c>POST …/pets</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreatePetRequest
{
    [Required(ErrorMessage = "name is required.")]
    [StringLength(60, MinimumLength = 1, ErrorMessage = "name must be 1 to 60 characters.")]
    public string? Name { get; init; }

    [StringLength(40, ErrorMessage = "species must be at most 40 characters.")]
    public string? Species { get; init; }
}

/// <summary>A pet as the API shows it.</summary>
public sealed record PetView(Guid Id, string Name, string? Species)
{
    public static PetView From(Pet pet) => new(pet.Id, pet.Name, pet.Species);
}
