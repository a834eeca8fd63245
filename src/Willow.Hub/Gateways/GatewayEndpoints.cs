using Microsoft.AspNetCore.Http.HttpResults;
using Willow.Core.Security;
using Willow.Hub.Access;
using Willow.Hub.Nodes;
using Willow.Hub.Audit;
using Willow.Hub.Households;

namespace Willow.Hub.Gateways;

/// <summary>
/// <c>/api/v1/households/{householdId}/gateways</c>: is the home connected; adding a gateway (an owner gets a
/// one-time code), a new code for a replaced Pi, revoking one. And <c>/api/v1/gateways/enroll</c>, where a
/// gateway trades its code for the token it keeps.
/// </summary>
public static class GatewayEndpoints
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromHours(1);

    public static RouteGroupBuilder MapGateways(this RouteGroupBuilder household)
    {
        var group = household.MapGroup("/gateways").WithTags("Gateways");
        group.MapGet("/", ListGateways).Requires(HouseholdRole.Viewer)
            .WithName("ListGateways")
            .WithSummary("The household's gateways: enrolled or waiting, connected now, and whether each trusts its clock.");
        group.MapPost("/", CreateGateway).Requires(HouseholdRole.Owner)
            .WithName("CreateGateway")
            .WithSummary("Adds a gateway and answers a one-time enrolment code (valid one hour) for 'willow gateway enroll'.");
        group.MapPost("/{gatewayId}/code", NewCode).Requires(HouseholdRole.Owner)
            .WithName("NewGatewayCode")
            .WithSummary("A new one-time code for a gateway (a replaced Pi); its current token keeps working until the code is used.");
        group.MapPost("/{gatewayId}/revoke", RevokeGateway).Requires(HouseholdRole.Owner)
            .WithName("RevokeGateway")
            .WithSummary("Revokes the gateway's token and closes its connection at once. Its id cannot be enrolled again.");
        return group;
    }

    public static RouteGroupBuilder MapGatewayEnrollment(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/gateways").WithTags("Gateways");
        group.MapPost("/enroll", Enroll).AllowAnonymous().RequireRateLimiting(RateLimits.Codes)
            .WithName("EnrollGateway")
            .WithSummary("A gateway trades its one-time code for its long-lived token (what 'willow gateway enroll' calls).");
        return group;
    }

    public static async Task<Ok<IReadOnlyList<GatewayView>>> ListGateways(Guid householdId, IGatewayStore gateways, CancellationToken cancellationToken)
    {
        var list = await gateways.ListAsync(householdId, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<GatewayView>>([.. list.Select(GatewayView.From)]);
    }

    public static async Task<Results<Created<GatewayEnrollmentCode>, ProblemHttpResult>> CreateGateway(
        Guid householdId, CreateGatewayRequest request, HttpContext context, IGatewayStore gateways, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await gateways.GetAsync(householdId, request.GatewayId!, cancellationToken) is not null)
        {
            return TypedResults.Problem(
                title: "That gateway exists",
                detail: $"This household has a gateway '{request.GatewayId}' already. For a new code use POST …/gateways/{request.GatewayId}/code, or pick another id.",
                statusCode: StatusCodes.Status409Conflict);
        }

        var code = await IssueCodeAsync(householdId, request.GatewayId!, context, gateways, audit, time, cancellationToken);
        return code is null
            ? Revoked(request.GatewayId!)
            : TypedResults.Created($"/api/v1/households/{householdId}/gateways/{request.GatewayId}", code);
    }

    public static async Task<Results<Ok<GatewayEnrollmentCode>, ProblemHttpResult>> NewCode(
        Guid householdId, string gatewayId, HttpContext context, IGatewayStore gateways, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var gateway = await gateways.GetAsync(householdId, gatewayId, cancellationToken);
        if (gateway is null)
        {
            return NotFound(gatewayId);
        }

        var code = gateway.RevokedAt is null ? await IssueCodeAsync(householdId, gatewayId, context, gateways, audit, time, cancellationToken) : null;
        return code is null ? Revoked(gatewayId) : TypedResults.Ok(code);
    }

    public static async Task<Results<Ok<GatewayView>, ProblemHttpResult>> RevokeGateway(
        Guid householdId,
        string gatewayId,
        HttpContext context,
        IGatewayStore gateways,
        Devices.IDeviceStore devices,
        INodeSignals nodes,
        AuditTrail audit,
        TimeProvider time,
        ILogger<GatewayHub> logger,
        CancellationToken cancellationToken)
    {
        if (!await gateways.RevokeAsync(householdId, gatewayId, time.GetUtcNow(), cancellationToken))
        {
            return NotFound(gatewayId);
        }

        // The token is gone, so no new connection opens; this closes the one open now, on whichever node holds it.
        await nodes.BroadcastAsync(new NodeSignal(NodeSignalKind.GatewayRetired, householdId, gatewayId));
        await devices.MarkGatewayDevicesOfflineAsync(householdId, gatewayId, cancellationToken);
        await audit.RecordAsync(context, householdId, AuditActions.GatewayRevoked, gatewayId);
        GatewayLog.Revoked(logger, gatewayId, householdId, context.User.CallerName());
        return TypedResults.Ok(GatewayView.From((await gateways.GetAsync(householdId, gatewayId, cancellationToken))!));
    }

    public static async Task<Results<Ok<GatewayEnrollment>, ProblemHttpResult>> Enroll(
        EnrollGatewayRequest request,
        HttpContext context,
        IGatewayStore gateways,
        INodeSignals nodes,
        IAuditStore audit,
        TimeProvider time,
        ILogger<GatewayHub> logger,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var token = Secrets.NewToken(TokenPrefixes.Gateway);
        var gateway = await gateways.EnrollAsync(Codes.Hash(request.Code!), Credentials.Hash(token), now, cancellationToken);
        if (gateway is null)
        {
            GatewayLog.EnrollmentRefused(logger);
            return TypedResults.Problem(
                title: "Enrolment code not accepted",
                detail: "The code is unknown, used already or expired (codes last one hour). An owner can get a new one: willow gateway code ID.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        // A re-enrolment (a replaced Pi) retires the old token: close the old Pi's connection too.
        await nodes.BroadcastAsync(new NodeSignal(NodeSignalKind.GatewayRetired, gateway.HouseholdId, gateway.GatewayId));

        // The caller is the gateway itself, not a person: the entry names the gateway.
        await audit.AppendAsync(
            new AuditEntry(0, gateway.HouseholdId, now, $"gateway:{gateway.GatewayId}", "enrolment code", AuditActions.GatewayEnrolled, gateway.GatewayId,
                $"from {context.Connection.RemoteIpAddress}"),
            cancellationToken);
        GatewayLog.Enrolled(logger, gateway.GatewayId, gateway.HouseholdId);
        return TypedResults.Ok(new GatewayEnrollment(gateway.HouseholdId, gateway.GatewayId, token));
    }

    private static async Task<GatewayEnrollmentCode?> IssueCodeAsync(
        Guid householdId, string gatewayId, HttpContext context, IGatewayStore gateways, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var code = Codes.New();
        var expires = time.GetUtcNow() + CodeLifetime;
        if (!await gateways.PrepareEnrollmentAsync(householdId, gatewayId, Codes.Hash(code), expires, context.User.CallerName(), cancellationToken))
        {
            return null;
        }

        await audit.RecordAsync(context, householdId, AuditActions.GatewayPrepared, gatewayId);
        var hub = $"{context.Request.Scheme}://{context.Request.Host}";
        return new GatewayEnrollmentCode(gatewayId, code, expires, $"willow gateway enroll --hub {hub} --code {code}");
    }

    private static ProblemHttpResult NotFound(string gatewayId) => TypedResults.Problem(
        title: "Gateway not found", detail: $"This household has no gateway '{gatewayId}'.", statusCode: StatusCodes.Status404NotFound);

    private static ProblemHttpResult Revoked(string gatewayId) => TypedResults.Problem(
        title: "That gateway was revoked",
        detail: $"'{gatewayId}' was revoked and its id is not reused; add the gateway under a new id.",
        statusCode: StatusCodes.Status409Conflict);
}
