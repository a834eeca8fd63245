using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Willow.Hub.Doses;

/// <summary>Body of <c>POST …/doses/{doseId}/skip</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SkipDoseRequest
{
    [Required(ErrorMessage = "reason is required: the record says why the dose was not given.")]
    [StringLength(300, MinimumLength = 3, ErrorMessage = "reason must be 3 to 300 characters.")]
    public string? Reason { get; init; }
}
