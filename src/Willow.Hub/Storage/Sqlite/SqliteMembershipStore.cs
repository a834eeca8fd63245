using Microsoft.Data.Sqlite;
using Willow.Hub.Households;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Sqlite;

public sealed class SqliteMembershipStore(SqliteDatabase database) : IMembershipStore
{
    private const string Columns = "m.household_id, m.user_id, m.role, m.ends_at, m.added_by, m.created_at";
    private const string InvitationColumns =
        "id, household_id, role, membership_ends_at, expires_at, note, created_by, created_at, accepted_by, accepted_at, revoked_at";

    public Task<Membership?> GetAsync(Guid householdId, Guid userId, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(connection => connection.Query(
            $"SELECT {Columns} FROM memberships m WHERE m.household_id = $household AND m.user_id = $user", Read, null,
            ("$household", householdId.ToString()), ("$user", userId.ToString())).SingleOrDefault()));

    public Task<IReadOnlyList<Member>> ListMembersAsync(Guid householdId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Member>>(database.Read(connection => connection.Query(
            $"SELECT {Columns}, u.email, u.display_name FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.household_id = $household ORDER BY m.created_at",
            r => new Member(Read(r), r.GetString("email"), r.GetString("display_name")),
            null,
            ("$household", householdId.ToString()))));

    public Task<IReadOnlyList<Membership>> ListForUserAsync(Guid userId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Membership>>(database.Read(connection => connection.Query(
            $"SELECT {Columns} FROM memberships m WHERE m.user_id = $user", Read, null, ("$user", userId.ToString()))));

    public Task<bool> PutAsync(Membership membership, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteIfAsync(
            (connection, transaction) =>
            {
                Upsert(connection, transaction, membership);
                return KeepsAnOwner(connection, transaction, membership.HouseholdId);
            },
            kept => kept,
            cancellationToken);

    public Task<bool> RemoveAsync(Guid householdId, Guid userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteIfAsync(
            (connection, transaction) =>
            {
                var removed = connection.Execute(
                    "DELETE FROM memberships WHERE household_id = $household AND user_id = $user", transaction,
                    ("$household", householdId.ToString()), ("$user", userId.ToString()));
                return removed == 1 && KeepsAnOwner(connection, transaction, householdId);
            },
            ok => ok,
            cancellationToken);

    public Task CreateInvitationAsync(Invitation invitation, string codeHash, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                $"""
                INSERT INTO invitations ({InvitationColumns}, code_hash)
                VALUES ($id, $household, $role, $ends, $expires, $note, $by, $at, NULL, NULL, NULL, $code)
                """,
                transaction,
                ("$id", invitation.Id.ToString()),
                ("$household", invitation.HouseholdId.ToString()),
                ("$role", invitation.Role.ToWire()),
                ("$ends", invitation.MembershipEndsAt.ToUnixMs()),
                ("$expires", invitation.ExpiresAt.ToUnixMs()),
                ("$note", invitation.Note),
                ("$by", invitation.CreatedBy),
                ("$at", invitation.CreatedAt.ToUnixMs()),
                ("$code", codeHash)),
            cancellationToken);

    public Task<IReadOnlyList<Invitation>> ListInvitationsAsync(Guid householdId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Invitation>>(database.Read(connection => connection.Query(
            $"SELECT {InvitationColumns} FROM invitations WHERE household_id = $household ORDER BY created_at DESC", ReadInvitation, null,
            ("$household", householdId.ToString()))));

    public Task<bool> RevokeInvitationAsync(Guid householdId, Guid invitationId, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                "UPDATE invitations SET revoked_at = $at WHERE household_id = $household AND id = $id AND revoked_at IS NULL AND accepted_at IS NULL",
                transaction,
                ("$at", at.ToUnixMs()),
                ("$household", householdId.ToString()),
                ("$id", invitationId.ToString())) == 1,
            cancellationToken);

    public Task<(InvitationAcceptance Result, Membership? Membership)> AcceptInvitationAsync(
        string codeHash, Guid userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) =>
            {
                var invitation = connection.Query(
                    $"SELECT {InvitationColumns} FROM invitations WHERE code_hash = $code", ReadInvitation, transaction, ("$code", codeHash)).SingleOrDefault();
                if (invitation is null)
                {
                    return (InvitationAcceptance.Unknown, null);
                }

                if (invitation.RefusalAt(now) is { } refusal)
                {
                    return (refusal, null);
                }

                var existing = connection.Query(
                    $"SELECT {Columns} FROM memberships m WHERE m.household_id = $household AND m.user_id = $user", Read, transaction,
                    ("$household", invitation.HouseholdId.ToString()), ("$user", userId.ToString())).SingleOrDefault();
                if (existing is not null && existing.IsActiveAt(now))
                {
                    return (InvitationAcceptance.AlreadyMember, existing);
                }

                var membership = new Membership(invitation.HouseholdId, userId, invitation.Role, invitation.MembershipEndsAt, $"invitation from {invitation.CreatedBy}", now);
                Upsert(connection, transaction, membership);
                connection.Execute(
                    "UPDATE invitations SET accepted_by = $user, accepted_at = $now WHERE id = $id",
                    transaction,
                    ("$user", userId.ToString()),
                    ("$now", now.ToUnixMs()),
                    ("$id", invitation.Id.ToString()));
                return (InvitationAcceptance.Accepted, (Membership?)membership);
            },
            cancellationToken);

    private static void Upsert(SqliteConnection connection, SqliteTransaction transaction, Membership membership) =>
        connection.Execute(
            """
            INSERT INTO memberships (household_id, user_id, role, ends_at, added_by, created_at) VALUES ($household, $user, $role, $ends, $by, $at)
            ON CONFLICT (household_id, user_id) DO UPDATE SET role = excluded.role, ends_at = excluded.ends_at
            """,
            transaction,
            ("$household", membership.HouseholdId.ToString()),
            ("$user", membership.UserId.ToString()),
            ("$role", membership.Role.ToWire()),
            ("$ends", membership.EndsAt.ToUnixMs()),
            ("$by", membership.AddedBy),
            ("$at", membership.CreatedAt.ToUnixMs()));

    /// <summary>Every household keeps at least one owner whose membership does not end: someone can always manage it.</summary>
    private static bool KeepsAnOwner(SqliteConnection connection, SqliteTransaction transaction, Guid householdId) =>
        Convert.ToInt64(connection.Scalar(
            "SELECT COUNT(*) FROM memberships WHERE household_id = $household AND role = 'owner' AND ends_at IS NULL",
            transaction,
            ("$household", householdId.ToString())), System.Globalization.CultureInfo.InvariantCulture) > 0;

    private static Membership Read(SqliteDataReader r) => new(
        Guid.Parse(r.GetString("household_id")),
        Guid.Parse(r.GetString("user_id")),
        HouseholdRoles.Parse(r.GetString("role")),
        UnixTime.FromUnixMs(r.GetNullableInt64("ends_at")),
        r.GetString("added_by"),
        UnixTime.FromUnixMs(r.GetInt64("created_at")));

    private static Invitation ReadInvitation(SqliteDataReader r) => new(
        Guid.Parse(r.GetString("id")),
        Guid.Parse(r.GetString("household_id")),
        HouseholdRoles.Parse(r.GetString("role")),
        UnixTime.FromUnixMs(r.GetNullableInt64("membership_ends_at")),
        UnixTime.FromUnixMs(r.GetInt64("expires_at")),
        r.GetNullableString("note"),
        r.GetString("created_by"),
        UnixTime.FromUnixMs(r.GetInt64("created_at")),
        r.GetNullableString("accepted_by") is { } by ? Guid.Parse(by) : null,
        UnixTime.FromUnixMs(r.GetNullableInt64("accepted_at")),
        UnixTime.FromUnixMs(r.GetNullableInt64("revoked_at")));
}
