namespace Willow.Hub.Households;

/// <summary>
/// An invitation to join a household with a role (and, for a sitter, until when). The code is single-use,
/// shown once, stored as a hash, and expires.
/// </summary>
public sealed record Invitation(
    Guid Id,
    Guid HouseholdId,
    HouseholdRole Role,
    DateTimeOffset? MembershipEndsAt,
    DateTimeOffset ExpiresAt,
    string? Note,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    Guid? AcceptedBy,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? RevokedAt)
{
    public string StatusAt(DateTimeOffset now) =>
        RevokedAt is not null ? "revoked" : AcceptedAt is not null ? "accepted" : ExpiresAt <= now ? "expired" : "open";

    /// <summary>Why the code can no longer be used (every store decides by this), or null while it is open.</summary>
    public InvitationAcceptance? RefusalAt(DateTimeOffset now) =>
        RevokedAt is not null ? InvitationAcceptance.Revoked
        : AcceptedAt is not null ? InvitationAcceptance.AlreadyUsed
        : ExpiresAt <= now ? InvitationAcceptance.Expired
        : null;
}

/// <summary>What accepting an invitation came to.</summary>
public enum InvitationAcceptance
{
    Accepted,
    Unknown,
    Expired,
    AlreadyUsed,
    Revoked,
    AlreadyMember,
}
