using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Willow.Hub.Households;

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateHouseholdRequest
{
    [Required(ErrorMessage = "name is required.")]
    [StringLength(100, MinimumLength = 1, ErrorMessage = "name must be 1 to 100 characters.")]
    public string? Name { get; init; }

    /// <summary>An IANA zone, e.g. <c>Europe/Berlin</c>: doses are scheduled in it.</summary>
    [Required(ErrorMessage = "timeZone is required, e.g. \"Europe/Berlin\".")]
    public string? TimeZone { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record UpdateHouseholdRequest
{
    [StringLength(100, MinimumLength = 1, ErrorMessage = "name must be 1 to 100 characters.")]
    public string? Name { get; init; }

    public string? TimeZone { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ChangeMemberRequest
{
    [Required(ErrorMessage = "role is required: owner, caregiver or viewer.")]
    public HouseholdRole? Role { get; init; }

    /// <summary>When the membership ends (a sitter's last day), or null for no end.</summary>
    public DateTimeOffset? EndsAt { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateInvitationRequest
{
    [Required(ErrorMessage = "role is required: owner, caregiver or viewer.")]
    public HouseholdRole? Role { get; init; }

    /// <summary>When the membership it grants ends (a sitter's week), or null for no end.</summary>
    public DateTimeOffset? MembershipEndsAt { get; init; }

    /// <summary>Days the invitation can be accepted (default 7).</summary>
    [Range(1, 30, ErrorMessage = "expiresInDays must be from 1 to 30.")]
    public int? ExpiresInDays { get; init; }

    /// <summary>Who it is for, for the owner's own reference ("Sam, pet sitter").</summary>
    [StringLength(100)]
    public string? Note { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AcceptInvitationRequest
{
    [Required(ErrorMessage = "code is required.")]
    [StringLength(40, MinimumLength = 4)]
    public string? Code { get; init; }
}

public sealed record MemberView(Guid UserId, string Email, string DisplayName, HouseholdRole Role, DateTimeOffset? EndsAt, bool Active)
{
    public static MemberView From(Member member, DateTimeOffset now) => new(
        member.Membership.UserId, member.Email, member.DisplayName, member.Membership.Role, member.Membership.EndsAt, member.Membership.IsActiveAt(now));
}

public sealed record InvitationView(Guid Id, HouseholdRole Role, DateTimeOffset? MembershipEndsAt, DateTimeOffset ExpiresAt, string? Note, string CreatedBy, DateTimeOffset CreatedAt, string Status)
{
    public static InvitationView From(Invitation invitation, DateTimeOffset now) => new(
        invitation.Id, invitation.Role, invitation.MembershipEndsAt, invitation.ExpiresAt, invitation.Note, invitation.CreatedBy, invitation.CreatedAt, invitation.StatusAt(now));
}

/// <summary>A new invitation: <see cref="Code"/> is shown this once.</summary>
public sealed record NewInvitation(Guid Id, string Code, HouseholdRole Role, DateTimeOffset? MembershipEndsAt, DateTimeOffset ExpiresAt);
