namespace Willow.Hub.Households;

/// <summary>Where memberships and invitations are kept.</summary>
public interface IMembershipStore
{
    Task<Membership?> GetAsync(Guid householdId, Guid userId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Member>> ListMembersAsync(Guid householdId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Membership>> ListForUserAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Adds or replaces a membership. Refused (false) if it would leave the household without an active owner.</summary>
    Task<bool> PutAsync(Membership membership, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes a member. Refused (false) if it would leave the household without an active owner.</summary>
    Task<bool> RemoveAsync(Guid householdId, Guid userId, DateTimeOffset now, CancellationToken cancellationToken);

    Task CreateInvitationAsync(Invitation invitation, string codeHash, CancellationToken cancellationToken);

    Task<IReadOnlyList<Invitation>> ListInvitationsAsync(Guid householdId, CancellationToken cancellationToken);

    Task<bool> RevokeInvitationAsync(Guid householdId, Guid invitationId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Uses an invitation code, atomically: the membership is created and the code spent together.</summary>
    Task<(InvitationAcceptance Result, Membership? Membership)> AcceptInvitationAsync(string codeHash, Guid userId, DateTimeOffset now, CancellationToken cancellationToken);
}
