using Microsoft.AspNetCore.Http.HttpResults;
using Willow.Hub.Access;
using Willow.Hub.Audit;
using Willow.Hub.Nodes;

namespace Willow.Hub.Households;

/// <summary>
/// <c>/api/v1/households/{householdId}/members</c> and <c>…/invitations</c>: who belongs to the home, and
/// inviting people — a partner as owner, a sitter as caregiver for a week, the vet as viewer.
/// </summary>
public static class MemberEndpoints
{
    public static RouteGroupBuilder MapMembers(this RouteGroupBuilder household)
    {
        var members = household.MapGroup("/members").WithTags("Members");
        members.MapGet("/", ListMembers).Requires(HouseholdRole.Viewer)
            .WithName("ListMembers").WithSummary("The household's members, their roles and when their membership ends.");
        members.MapPatch("/{userId:guid}", ChangeMember).Requires(HouseholdRole.Owner)
            .WithName("ChangeMember").WithSummary("Changes a member's role or end date. A household always keeps an owner with no end date.");
        members.MapDelete("/{userId:guid}", RemoveMember).Requires(HouseholdRole.Owner)
            .WithName("RemoveMember").WithSummary("Removes a member. A household always keeps an owner with no end date.");
        members.MapDelete("/me", LeaveHousehold).Requires(HouseholdRole.Viewer)
            .WithName("LeaveHousehold").WithSummary("The caller leaves the household (the last owner cannot).");

        var invitations = household.MapGroup("/invitations").WithTags("Members");
        invitations.MapPost("/", CreateInvitation).Requires(HouseholdRole.Owner)
            .WithName("CreateInvitation").WithSummary("Creates a single-use invitation code with a role (and an end date for a sitter).");
        invitations.MapGet("/", ListInvitations).Requires(HouseholdRole.Owner)
            .WithName("ListInvitations").WithSummary("The household's invitations: open, accepted, expired, revoked.");
        invitations.MapDelete("/{invitationId:guid}", RevokeInvitation).Requires(HouseholdRole.Owner)
            .WithName("RevokeInvitation").WithSummary("Revokes an invitation that has not been accepted.");
        return members;
    }

    public static RouteGroupBuilder MapInvitationAcceptance(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/invitations").WithTags("Members").RequireAuthorization(AccessPolicies.Person);
        group.MapPost("/accept", AcceptInvitation).RequireRateLimiting(RateLimits.Codes)
            .WithName("AcceptInvitation").WithSummary("Joins a household with an invitation code.");
        return group;
    }

    public static async Task<Ok<IReadOnlyList<MemberView>>> ListMembers(Guid householdId, IMembershipStore memberships, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return TypedResults.Ok<IReadOnlyList<MemberView>>([.. (await memberships.ListMembersAsync(householdId, cancellationToken)).Select(m => MemberView.From(m, now))]);
    }

    public static async Task<Results<Ok<MemberView>, ProblemHttpResult, ValidationProblem>> ChangeMember(
        Guid householdId, Guid userId, ChangeMemberRequest request, HttpContext context, IMembershipStore memberships, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var member = (await memberships.ListMembersAsync(householdId, cancellationToken)).FirstOrDefault(m => m.Membership.UserId == userId);
        if (member is null)
        {
            return MemberNotFound(userId);
        }

        if (request.EndsAt is { } ends && ends <= now)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["endsAt"] = ["endsAt must be in the future; remove the member instead."] });
        }

        var changed = member.Membership with { Role = request.Role!.Value, EndsAt = request.EndsAt };
        if (!await memberships.PutAsync(changed, now, cancellationToken))
        {
            return LastOwner();
        }

        await audit.RecordAsync(context, householdId, AuditActions.MemberChanged, member.Email, $"{changed.Role.ToWire()}{(changed.EndsAt is { } e ? $" until {e:u}" : "")}");
        return TypedResults.Ok(MemberView.From(member with { Membership = changed }, now));
    }

    public static Task<Results<NoContent, ProblemHttpResult>> LeaveHousehold(
        Guid householdId, HttpContext context, IMembershipStore memberships, AuditTrail audit, INodeSignals nodes, TimeProvider time, CancellationToken cancellationToken) =>
        RemoveMember(householdId, context.User.RequiredUserId(), context, memberships, audit, nodes, time, cancellationToken);

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveMember(
        Guid householdId, Guid userId, HttpContext context, IMembershipStore memberships, AuditTrail audit, INodeSignals nodes, TimeProvider time, CancellationToken cancellationToken)
    {
        var self = context.User.RequiredUserId() == userId;
        var member = (await memberships.ListMembersAsync(householdId, cancellationToken)).FirstOrDefault(m => m.Membership.UserId == userId);
        if (member is null)
        {
            return MemberNotFound(userId);
        }

        if (!await memberships.RemoveAsync(householdId, userId, time.GetUtcNow(), cancellationToken))
        {
            return LastOwner();
        }

        await audit.RecordAsync(context, householdId, AuditActions.MemberRemoved, member.Email, self ? "left" : null);
        // Their open dashboards may be on any hub node.
        await nodes.BroadcastAsync(new NodeSignal(NodeSignalKind.MemberRemoved, householdId, userId.ToString()));
        return TypedResults.NoContent();
    }

    public static async Task<Results<Created<NewInvitation>, ValidationProblem>> CreateInvitation(
        Guid householdId, CreateInvitationRequest request, HttpContext context, IMembershipStore memberships, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (request.MembershipEndsAt is { } ends && ends <= now)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["membershipEndsAt"] = ["membershipEndsAt must be in the future."] });
        }

        if (request.Role == HouseholdRole.Owner && request.MembershipEndsAt is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["membershipEndsAt"] = ["An owner's membership does not end; invite a caregiver for a limited time."] });
        }

        var code = Codes.New();
        var invitation = new Invitation(
            Guid.CreateVersion7(now), householdId, request.Role!.Value, request.MembershipEndsAt, now.AddDays(request.ExpiresInDays ?? 7),
            request.Note?.Trim(), context.User.CallerName(), now, null, null, null);
        await memberships.CreateInvitationAsync(invitation, Codes.Hash(code), cancellationToken);
        await audit.RecordAsync(context, householdId, AuditActions.InvitationCreated, invitation.Note, $"{invitation.Role.ToWire()}{(invitation.MembershipEndsAt is { } e ? $" until {e:u}" : "")}");
        return TypedResults.Created(
            $"/api/v1/households/{householdId}/invitations/{invitation.Id}",
            new NewInvitation(invitation.Id, code, invitation.Role, invitation.MembershipEndsAt, invitation.ExpiresAt));
    }

    public static async Task<Ok<IReadOnlyList<InvitationView>>> ListInvitations(Guid householdId, IMembershipStore memberships, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return TypedResults.Ok<IReadOnlyList<InvitationView>>([.. (await memberships.ListInvitationsAsync(householdId, cancellationToken)).Select(i => InvitationView.From(i, now))]);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeInvitation(
        Guid householdId, Guid invitationId, HttpContext context, IMembershipStore memberships, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await memberships.RevokeInvitationAsync(householdId, invitationId, time.GetUtcNow(), cancellationToken))
        {
            return TypedResults.Problem(title: "Invitation not found", detail: "No open invitation with that id.", statusCode: StatusCodes.Status404NotFound);
        }

        await audit.RecordAsync(context, householdId, AuditActions.InvitationRevoked, invitationId.ToString());
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<HouseholdView>, ProblemHttpResult>> AcceptInvitation(
        AcceptInvitationRequest request, HttpContext context, IMembershipStore memberships, IHouseholdStore households, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var (result, membership) = await memberships.AcceptInvitationAsync(
            Codes.Hash(request.Code!), context.User.RequiredUserId(), time.GetUtcNow(), cancellationToken);
        var problem = result switch
        {
            InvitationAcceptance.Unknown => "No invitation has this code. Check it for typos.",
            InvitationAcceptance.Expired => "This invitation has expired; ask for a new one.",
            InvitationAcceptance.AlreadyUsed => "This invitation was used already; each code works once.",
            InvitationAcceptance.Revoked => "This invitation was revoked.",
            _ => null,
        };
        if (problem is not null)
        {
            return TypedResults.Problem(title: "Invitation not accepted", detail: problem, statusCode: result == InvitationAcceptance.Unknown ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict);
        }

        var household = (await households.GetAsync(membership!.HouseholdId, cancellationToken))!;
        if (result == InvitationAcceptance.Accepted)
        {
            await audit.RecordAsync(context, household.Id, AuditActions.MemberJoined, context.User.CallerName(), $"{membership.Role.ToWire()}{(membership.EndsAt is { } e ? $" until {e:u}" : "")}");
        }

        return TypedResults.Ok(HouseholdView.From(household, membership));
    }

    private static ProblemHttpResult MemberNotFound(Guid userId) =>
        TypedResults.Problem(title: "Member not found", detail: $"No member {userId} in this household.", statusCode: StatusCodes.Status404NotFound);

    private static ProblemHttpResult LastOwner() => TypedResults.Problem(
        title: "A household needs an owner",
        detail: "That would leave the household without an owner whose membership does not end. Make someone else an owner first.",
        statusCode: StatusCodes.Status409Conflict);
}
