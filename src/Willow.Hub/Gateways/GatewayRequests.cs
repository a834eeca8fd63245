using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Willow.Hub.Gateways;

/// <summary>Body of <c>POST …/gateways</c>: the id the gateway will have in this household.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateGatewayRequest
{
    [Required(ErrorMessage = "gatewayId is required, e.g. \"home\".")]
    [RegularExpression(GatewayIds.Pattern, ErrorMessage = GatewayIds.Rule)]
    public string? GatewayId { get; init; }
}

/// <summary>Body of <c>POST /api/v1/gateways/enroll</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record EnrollGatewayRequest
{
    [Required(ErrorMessage = "code is required: the one-time code an owner got when creating the gateway.")]
    [StringLength(40, MinimumLength = 4, ErrorMessage = "code must be 4 to 40 characters.")]
    public string? Code { get; init; }
}

/// <summary>A one-time enrolment code: <see cref="Code"/> is shown this once.</summary>
public sealed record GatewayEnrollmentCode(string GatewayId, string Code, DateTimeOffset ExpiresAt, string Command);

/// <summary>What an enrolled gateway keeps: its token (shown this once) and who it is.</summary>
public sealed record GatewayEnrollment(Guid HouseholdId, string GatewayId, string Token);

public static class GatewayIds
{
    public const string Pattern = "^[a-z0-9][a-z0-9-]{0,62}$";
    public const string Rule = "gatewayId must be 1 to 63 lower-case letters, digits or '-', starting with a letter or digit.";
}
