using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Hub.Audit;
using Willow.Hub.Devices;

namespace Willow.Hub.Commands;

/// <summary>
/// Accepts a command for a device: validates it, honours the idempotency key, stores it durably in
/// <c>queued</c>, and only then hands it to the dispatcher. A command the API acknowledged is never lost:
/// if the push does not reach the home, the gateway picks it up when it next syncs.
/// </summary>
public sealed class CommandIssuer(
    ICommandStore commands,
    IDeviceStore devices,
    CommandDispatcher dispatcher,
    Live.LiveUpdates live,
    Telemetry.HubMetrics metrics,
    IOptions<CommandOptions> options,
    TimeProvider time,
    ILogger<CommandIssuer> logger)
{
    public async Task<IssueOutcome> IssueAsync(
        Guid householdId, string deviceId, IssueCommandRequest request, string? headerKey, string caller, string via, CancellationToken cancellationToken)
    {
        var errors = Validate(request, headerKey);
        if (errors.Count > 0)
        {
            return new IssueOutcome(IssueOutcomeKind.Invalid, Errors: errors);
        }

        var kind = request.Kind!;
        var device = await devices.GetAsync(householdId, deviceId, cancellationToken);
        if (device is null)
        {
            return new IssueOutcome(IssueOutcomeKind.DeviceNotFound);
        }

        var capability = CommandKinds.CapabilityFor(kind)!;
        if (!device.Capabilities.Contains(capability, StringComparer.Ordinal))
        {
            return new IssueOutcome(
                IssueOutcomeKind.DeviceCannot,
                Problem: $"Device '{deviceId}' has {FormatList(device.Capabilities)}; '{kind}' needs a {capability}.");
        }

        var key = headerKey ?? request.IdempotencyKey;
        IdempotencyKeyScope? scope = null;
        if (key is not null)
        {
            scope = new IdempotencyKeyScope(householdId, caller, key);
            var claim = await commands.ClaimIdempotencyKeyAsync(
                scope, RequestHash(deviceId, request), time.GetUtcNow(), options.Value.IdempotencyLease, cancellationToken);
            switch (claim.Result)
            {
                case IdempotencyClaimResult.Replay:
                    var earlier = await commands.GetAsync(householdId, claim.CommandId!.Value, cancellationToken);
                    CommandLog.IdempotentReplay(logger, key, claim.CommandId.Value);
                    return IssueOutcome.Replayed(earlier!);
                case IdempotencyClaimResult.InProgress:
                    return new IssueOutcome(IssueOutcomeKind.KeyInProgress);
                case IdempotencyClaimResult.Mismatch:
                    return new IssueOutcome(IssueOutcomeKind.KeyMismatch);
            }
        }

        var now = time.GetUtcNow();
        var envelope = new CommandEnvelope(
            Id: Guid.CreateVersion7(now),
            HouseholdId: householdId,
            DeviceId: deviceId,
            Kind: kind,
            Args: NormalizedArgs(request.Args),
            IssuedBy: caller,
            IssuedAt: now,
            ExpiresAt: now.AddSeconds(request.TtlSeconds ?? IssueCommandRequest.DefaultTtlSeconds),
            DoseId: request.DoseId,
            IdempotencyKey: key,
            LockoutOverride: request.LockoutOverride is { } o ? new LockoutOverride(o.Reason!, caller) : null);

        CommandRecord record;
        try
        {
            record = await commands.CreateAsync(envelope, scope, AuditEntries(envelope, via), cancellationToken);
        }
        catch
        {
            if (scope is not null)
            {
                await commands.ReleaseIdempotencyKeyAsync(scope, CancellationToken.None);
            }

            throw;
        }

        CommandLog.Accepted(logger, envelope.Id, kind, deviceId, householdId, caller);
        metrics.CommandIssued(kind);
        // Dashboards first: once the gateway has it, its 'delivered' may overtake a later 'queued'.
        await live.CommandChangedAsync(record);
        await dispatcher.DispatchAsync(envelope, device, cancellationToken);
        return IssueOutcome.Accepted(record);
    }

    /// <summary>Who fed, and who overrode a lockout and why.</summary>
    private static List<AuditEntry> AuditEntries(CommandEnvelope command, string via)
    {
        List<AuditEntry> entries =
        [
            new(0, command.HouseholdId, command.IssuedAt, command.IssuedBy, via, AuditActions.CommandIssued, command.DeviceId,
                $"{command.Kind} {command.Args.GetRawText()} ({command.Id})"),
        ];
        if (command.LockoutOverride is { } lockoutOverride)
        {
            entries.Add(new(0, command.HouseholdId, command.IssuedAt, command.IssuedBy, via, AuditActions.LockoutOverridden, command.DeviceId,
                $"{lockoutOverride.Reason} ({command.Id})"));
        }

        return entries;
    }

    private static Dictionary<string, string[]> Validate(IssueCommandRequest request, string? headerKey)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Kind is not { } kind || !CommandKinds.IsKnown(kind))
        {
            errors["kind"] = [$"kind must be one of: {string.Join(", ", CommandKinds.All)}."];
        }
        else
        {
            foreach (var (field, messages) in CommandArgs.Validate(kind, request.Args ?? default))
            {
                errors[field] = messages;
            }

            if (request.LockoutOverride is not null && !CommandKinds.IsLockedOut(kind))
            {
                errors["lockoutOverride"] = [$"Only a dispense has a lockout to override; '{kind}' has none."];
            }

            if (request.DoseId is not null && kind != CommandKinds.Dispense)
            {
                errors["doseId"] = ["Only a dispense can serve a dose."];
            }
        }

        if (headerKey is not null)
        {
            if (headerKey.Length is 0 or > 255)
            {
                errors["Idempotency-Key"] = ["The Idempotency-Key header must be 1 to 255 characters."];
            }
            else if (request.IdempotencyKey is not null && request.IdempotencyKey != headerKey)
            {
                errors["idempotencyKey"] = ["idempotencyKey in the body differs from the Idempotency-Key header; send one, or the same in both."];
            }
        }

        return errors;
    }

    private static JsonElement NormalizedArgs(JsonElement? args) =>
        args is { ValueKind: JsonValueKind.Object } value ? value.Clone() : JsonElement.Parse("{}");

    /// <summary>A fingerprint of what the request asks for, so a reused key with another body is caught.</summary>
    private static string RequestHash(string deviceId, IssueCommandRequest request)
    {
        var canonical = string.Join(
            '\n',
            deviceId,
            request.Kind,
            JsonSerializer.Serialize(NormalizedArgs(request.Args), HubJsonContext.Default.JsonElement),
            (request.TtlSeconds ?? IssueCommandRequest.DefaultTtlSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            request.DoseId?.ToString() ?? "",
            request.LockoutOverride?.Reason ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static string FormatList(IReadOnlyList<string> capabilities) =>
        capabilities.Count == 0 ? "no capabilities" : string.Join(", ", capabilities);
}
