using Willow.Hub.Access;

namespace Willow.Hub.Audit;

/// <summary>
/// Writes who did what in a household: the caller's name and the credential they used (session, which
/// token), so an owner can see who fed, who overrode a lockout and why, who changed a regimen, who joined.
/// </summary>
public sealed class AuditTrail(IAuditStore store, TimeProvider time)
{
    public Task RecordAsync(HttpContext context, Guid householdId, string action, string? target = null, string? detail = null) =>
        store.AppendAsync(
            new AuditEntry(0, householdId, time.GetUtcNow(), context.User.CallerName(), context.User.Credential(), action, target, detail),
            context.RequestAborted);
}

/// <summary>The actions the audit log records.</summary>
public static class AuditActions
{
    public const string CommandIssued = "command.issued";
    public const string LockoutOverridden = "lockout.overridden";
    public const string CommandCancelled = "command.cancelled";
    public const string RegimenCreated = "regimen.created";
    public const string RegimenChanged = "regimen.changed";
    public const string DoseSkipped = "dose.skipped";
    public const string DoseConfirmed = "dose.confirmed";
    public const string DeviceRefilled = "device.refilled";
    public const string DeviceTokenIssued = "device.token_issued";
    public const string SoundUploaded = "sound.uploaded";
    public const string SoundDeleted = "sound.deleted";
    public const string DeviceTokenRevoked = "device.token_revoked";
    public const string GatewayPrepared = "gateway.enrolment_code";
    public const string GatewayEnrolled = "gateway.enrolled";
    public const string GatewayRevoked = "gateway.revoked";
    public const string MemberJoined = "member.joined";
    public const string MemberChanged = "member.changed";
    public const string MemberRemoved = "member.removed";
    public const string InvitationCreated = "invitation.created";
    public const string InvitationRevoked = "invitation.revoked";
    public const string HouseholdCreated = "household.created";
    public const string HouseholdChanged = "household.changed";
    public const string PetAdded = "pet.added";
    public const string AlertAcknowledged = "alert.acknowledged";
    public const string AlertSettingsChanged = "alert.settings_changed";
}
