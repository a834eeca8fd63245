using System.Text.Json;
using StackExchange.Redis;
using Willow.Hub.Households;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Redis;

/// <summary>
/// Memberships and invitations in Redis. A household's memberships are one hash (field: user id) with a
/// version counter beside it: a change is written only if nobody changed the household's members since
/// they were read, so the rule "always an owner whose membership does not end" holds under concurrency.
/// </summary>
public sealed class RedisMembershipStore(RedisStorage redis) : IMembershipStore
{
    private IDatabase Db => redis.Database;

    private static RedisKey Members(RedisStorage redis, Guid householdId) => redis.Key($"household:{householdId}:members");

    internal static RedisKey VersionKey(RedisStorage redis, Guid householdId) => redis.Key($"household:{householdId}:members:version");

    private static RedisKey UserHouseholds(RedisStorage redis, Guid userId) => redis.Key($"user:{userId}:households");

    private RedisKey Invitation(Guid invitationId) => redis.Key($"invitation:{invitationId}");

    private RedisKey HouseholdInvitations(Guid householdId) => redis.Key($"household:{householdId}:invitations");

    private RedisKey InvitationCodes => redis.Key("invitation-codes");

    public async Task<Membership?> GetAsync(Guid householdId, Guid userId, CancellationToken cancellationToken)
    {
        var value = await Db.HashGetAsync(Members(redis, householdId), userId.ToString());
        return value.IsNull ? null : Read(householdId, userId, value);
    }

    public async Task<IReadOnlyList<Member>> ListMembersAsync(Guid householdId, CancellationToken cancellationToken)
    {
        var memberships = await ListAsync(householdId);
        var members = new List<Member>(memberships.Count);
        foreach (var membership in memberships.OrderBy(m => m.CreatedAt))
        {
            if (StoredHash.From(await Db.HashGetAllAsync(RedisAccountStore.UserKey(redis, membership.UserId))) is { } user)
            {
                members.Add(new Member(membership, user.String("email"), user.String("displayName")));
            }
        }

        return members;
    }

    public async Task<IReadOnlyList<Membership>> ListForUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        var households = await Db.SetMembersAsync(UserHouseholds(redis, userId));
        var memberships = await Task.WhenAll(households.Select(h => GetAsync(Guid.Parse(h.ToString()), userId, cancellationToken)));
        return [.. memberships.OfType<Membership>()];
    }

    public Task<bool> PutAsync(Membership membership, DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeMembersAsync(membership.HouseholdId, members =>
        {
            var existing = members.FirstOrDefault(m => m.UserId == membership.UserId);
            // As SQLite's upsert: a change of role or end keeps who added them and when.
            var written = existing is null ? membership : existing with { Role = membership.Role, EndsAt = membership.EndsAt };
            return ([.. members.Where(m => m.UserId != membership.UserId), written], written, null);
        }, cancellationToken);

    public Task<bool> RemoveAsync(Guid householdId, Guid userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeMembersAsync(householdId, members =>
            members.Any(m => m.UserId == userId) ? ([.. members.Where(m => m.UserId != userId)], null, userId) : (null, null, null),
            cancellationToken);

    /// <summary>
    /// Decides a change of the household's members from all of them as they stand; refuses (false) a change
    /// that would leave no owner whose membership does not end, or none at all (the decision returns null).
    /// </summary>
    private Task<bool> ChangeMembersAsync(
        Guid householdId, Func<IReadOnlyList<Membership>, (IReadOnlyList<Membership>? After, Membership? Written, Guid? Removed)> decide, CancellationToken cancellationToken) =>
        redis.TransactAsync(
            async transaction =>
            {
                var version = await Db.StringGetAsync(VersionKey(redis, householdId));
                var (after, written, removed) = decide(await ListAsync(householdId));
                if (after is null || !after.Any(m => m.Role == HouseholdRole.Owner && m.EndsAt is null))
                {
                    return false;
                }

                transaction.AddCondition(version.IsNull ? Condition.KeyNotExists(VersionKey(redis, householdId)) : Condition.StringEqual(VersionKey(redis, householdId), version));
                _ = transaction.StringIncrementAsync(VersionKey(redis, householdId));
                if (written is not null)
                {
                    Write(redis, transaction, written);
                }

                if (removed is { } userId)
                {
                    _ = transaction.HashDeleteAsync(Members(redis, householdId), userId.ToString());
                    _ = transaction.SetRemoveAsync(UserHouseholds(redis, userId), householdId.ToString());
                }

                return true;
            },
            cancellationToken);

    public async Task CreateInvitationAsync(Invitation invitation, string codeHash, CancellationToken cancellationToken)
    {
        var transaction = Db.CreateTransaction();
        transaction.AddCondition(Condition.HashNotExists(InvitationCodes, codeHash));
        _ = transaction.HashSetAsync(Invitation(invitation.Id), new HashFields()
            .Add("household", invitation.HouseholdId)
            .Add("role", invitation.Role.ToWire())
            .Add("membershipEndsAt", invitation.MembershipEndsAt)
            .Add("expiresAt", invitation.ExpiresAt)
            .Add("note", invitation.Note)
            .Add("createdBy", invitation.CreatedBy)
            .Add("createdAt", invitation.CreatedAt)
            .Add("code", codeHash)
            .ToArray());
        _ = transaction.SortedSetAddAsync(HouseholdInvitations(invitation.HouseholdId), invitation.Id.ToString(), invitation.CreatedAt.ToUnixMs());
        _ = transaction.HashSetAsync(InvitationCodes, codeHash, invitation.Id.ToString());
        if (!await transaction.ExecuteAsync())
        {
            throw new InvalidOperationException("An invitation with this code exists already.");
        }
    }

    public async Task<IReadOnlyList<Invitation>> ListInvitationsAsync(Guid householdId, CancellationToken cancellationToken)
    {
        var ids = await Db.SortedSetRangeByRankAsync(HouseholdInvitations(householdId), 0, -1, Order.Descending);
        var invitations = await Task.WhenAll(ids.Select(id => LoadInvitationAsync(Guid.Parse(id.ToString()))));
        return [.. invitations.OfType<Invitation>()];
    }

    public Task<bool> RevokeInvitationAsync(Guid householdId, Guid invitationId, DateTimeOffset at, CancellationToken cancellationToken) =>
        redis.TransactAsync(
            async transaction =>
            {
                var invitation = await LoadInvitationAsync(invitationId);
                if (invitation is null || invitation.HouseholdId != householdId || invitation.RevokedAt is not null || invitation.AcceptedAt is not null)
                {
                    return false;
                }

                var key = Invitation(invitationId);
                transaction.AddCondition(Condition.HashNotExists(key, "revokedAt"));
                transaction.AddCondition(Condition.HashNotExists(key, "acceptedAt"));
                _ = transaction.HashSetAsync(key, "revokedAt", at.ToUnixMs());
                return true;
            },
            cancellationToken);

    public Task<(InvitationAcceptance Result, Membership? Membership)> AcceptInvitationAsync(
        string codeHash, Guid userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        redis.TransactAsync<(InvitationAcceptance, Membership?)>(
            async transaction =>
            {
                var id = await Db.HashGetAsync(InvitationCodes, codeHash);
                var invitation = id.IsNull ? null : await LoadInvitationAsync(Guid.Parse(id.ToString()));
                if (invitation is null)
                {
                    return (InvitationAcceptance.Unknown, null);
                }

                if (invitation.RefusalAt(now) is { } refusal)
                {
                    return (refusal, null);
                }

                var versionKey = VersionKey(redis, invitation.HouseholdId);
                var version = await Db.StringGetAsync(versionKey);
                var existing = await GetAsync(invitation.HouseholdId, userId, cancellationToken);
                if (existing is not null && existing.IsActiveAt(now))
                {
                    return (InvitationAcceptance.AlreadyMember, existing);
                }

                // Spent once: only if nobody accepted or revoked it, nor changed the members, since it was read.
                var key = Invitation(invitation.Id);
                transaction.AddCondition(Condition.HashNotExists(key, "acceptedAt"));
                transaction.AddCondition(Condition.HashNotExists(key, "revokedAt"));
                transaction.AddCondition(version.IsNull ? Condition.KeyNotExists(versionKey) : Condition.StringEqual(versionKey, version));
                var membership = existing is null
                    ? new Membership(invitation.HouseholdId, userId, invitation.Role, invitation.MembershipEndsAt, $"invitation from {invitation.CreatedBy}", now)
                    : existing with { Role = invitation.Role, EndsAt = invitation.MembershipEndsAt };
                Write(redis, transaction, membership);
                _ = transaction.StringIncrementAsync(versionKey);
                _ = transaction.HashSetAsync(key, new HashFields().Add("acceptedBy", userId).Add("acceptedAt", now).ToArray());
                return (InvitationAcceptance.Accepted, membership);
            },
            cancellationToken);

    /// <summary>Queues a membership's write (and its entry in the user's list of households).</summary>
    internal static void Write(RedisStorage redis, ITransaction transaction, Membership membership)
    {
        _ = transaction.HashSetAsync(
            Members(redis, membership.HouseholdId),
            membership.UserId.ToString(),
            JsonSerializer.Serialize(
                new StoredMembership(membership.Role.ToWire(), membership.EndsAt.ToUnixMs(), membership.AddedBy, membership.CreatedAt.ToUnixMs()),
                RedisJsonContext.Default.StoredMembership));
        _ = transaction.SetAddAsync(UserHouseholds(redis, membership.UserId), membership.HouseholdId.ToString());
    }

    private async Task<IReadOnlyList<Membership>> ListAsync(Guid householdId)
    {
        var entries = await Db.HashGetAllAsync(Members(redis, householdId));
        return [.. entries.Select(e => Read(householdId, Guid.Parse(e.Name.ToString()), e.Value))];
    }

    private async Task<Invitation?> LoadInvitationAsync(Guid invitationId)
    {
        var hash = StoredHash.From(await Db.HashGetAllAsync(Invitation(invitationId)));
        return hash is null ? null : new Invitation(
            invitationId,
            hash.Guid("household"),
            HouseholdRoles.Parse(hash.String("role")),
            hash.NullableTime("membershipEndsAt"),
            hash.Time("expiresAt"),
            hash.NullableString("note"),
            hash.String("createdBy"),
            hash.Time("createdAt"),
            hash.NullableGuid("acceptedBy"),
            hash.NullableTime("acceptedAt"),
            hash.NullableTime("revokedAt"));
    }

    private static Membership Read(Guid householdId, Guid userId, RedisValue value)
    {
        var stored = JsonSerializer.Deserialize((string)value!, RedisJsonContext.Default.StoredMembership)!;
        return new Membership(householdId, userId, HouseholdRoles.Parse(stored.Role), UnixTime.FromUnixMs(stored.EndsAt), stored.AddedBy, UnixTime.FromUnixMs(stored.CreatedAt));
    }
}
