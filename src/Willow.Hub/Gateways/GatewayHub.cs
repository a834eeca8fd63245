using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Hub.Access;
using Willow.Hub.Audit;
using Willow.Hub.Camera;
using Willow.Hub.Commands;
using Willow.Core.Doses;
using Willow.Hub.Devices;
using Willow.Hub.Doses;
using Willow.Hub.Live;
using Willow.Hub.Readings;
using Willow.Hub.Regimens;

namespace Willow.Hub.Gateways;

/// <summary>
/// <c>/hubs/gateway</c>: the WebSocket each home's gateway keeps open. The hub pushes commands through it
/// (<see cref="IGatewayClient"/>); the gateway reports device presence and command states back.
/// </summary>
[Authorize(Policy = AccessPolicies.Gateway)]
public sealed class GatewayHub(
    ICommandStore commands,
    CommandProgress progress,
    IDeviceStore devices,
    IGatewayStore gateways,
    IDoseStore doses,
    RegimenPublisher regimens,
    GatewayConnections connections,
    LiveUpdates live,
    ReadingIntake readings,
    ILiveViewFrames liveViews,
    Telemetry.HubMetrics metrics,
    TimeProvider time,
    ILogger<GatewayHub> logger) : Hub<IGatewayClient>
{
    public static string GroupName(Guid householdId, string gatewayId) => $"gateway:{householdId:N}:{gatewayId}";

    /// <summary>Every gateway of a household: what concerns the whole home (its regimens) goes here.</summary>
    public static string HouseholdGroup(Guid householdId) => $"household:{householdId:N}";

    private Guid HouseholdId => Context.User!.SingleHousehold();

    private string GatewayId => Context.User!.RequiredValue(WillowClaims.GatewayId);

    public override async Task OnConnectedAsync()
    {
        connections.Add(HouseholdId, GatewayId, Context);

        // A revocation that landed while this connection was being authenticated would have missed it.
        if ((await gateways.GetAsync(HouseholdId, GatewayId, Context.ConnectionAborted))?.RevokedAt is not null)
        {
            Context.Abort();
            return;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, GroupName(HouseholdId, GatewayId));
        await Groups.AddToGroupAsync(Context.ConnectionId, HouseholdGroup(HouseholdId));
        await gateways.MarkConnectedAsync(HouseholdId, GatewayId, Context.ConnectionId, time.GetUtcNow(), Context.ConnectionAborted);
        GatewayLog.Connected(logger, GatewayId, HouseholdId, Context.ConnectionId);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(HouseholdId, GatewayId, Context.ConnectionId);
        var wasCurrent = await gateways.MarkDisconnectedAsync(HouseholdId, GatewayId, Context.ConnectionId, time.GetUtcNow(), CancellationToken.None);
        if (wasCurrent)
        {
            await devices.MarkGatewayDevicesOfflineAsync(HouseholdId, GatewayId, CancellationToken.None);
            await live.DevicesChangedAsync(HouseholdId);
        }

        GatewayLog.Disconnected(logger, GatewayId, HouseholdId, exception?.Message ?? "closed");
    }

    /// <summary>The home's open commands, for a gateway that has just (re)connected.</summary>
    public async Task<IReadOnlyList<CommandEnvelope>> SyncCommands()
    {
        var open = await commands.ListOpenForGatewayAsync(HouseholdId, GatewayId, time.GetUtcNow(), Context.ConnectionAborted);
        GatewayLog.Synced(logger, GatewayId, open.Count);
        return open;
    }

    /// <summary>Records state reports; returns how many are settled (recorded, or known and needing nothing).</summary>
    public async Task<int> ReportCommandStates(IReadOnlyList<CommandStateReport> reports)
    {
        // A gateway speaks for itself and its agents, never for the hub or a direct-mode device.
        IReadOnlyList<CommandStateReport> trusted =
            [.. reports.Select(r => r.Source is EventSource.Gateway or EventSource.Agent ? r : r with { Source = EventSource.Gateway })];
        var results = await progress.RecordAllAsync(HouseholdId, trusted, Context.ConnectionAborted);
        foreach (var (report, result) in trusted.Zip(results))
        {
            if (result.Command is null)
            {
                GatewayLog.UnknownCommand(logger, GatewayId, report.CommandId);
            }
        }

        // Unknown and conflicting reports are settled too: repeating them would not change the answer.
        return results.Count;
    }

    /// <summary>The household's regimens and skipped doses, for a gateway that has just (re)connected.</summary>
    public Task<RegimenSet> SyncRegimens() => regimens.BuildAsync(HouseholdId, Context.ConnectionAborted);

    /// <summary>Commands the home issued itself (scheduled doses, presses in Home Assistant). Returns how many are settled.</summary>
    public async Task<int> ReportCommandsIssued(IReadOnlyList<CommandEnvelope> issued)
    {
        foreach (var command in issued)
        {
            // A gateway issues only for its own household. A command that serves no dose was a person's (a press in
            // Home Assistant): the audit log says who, through this gateway.
            IReadOnlyList<AuditEntry> audit = command.DoseId is null
                ? [new(0, HouseholdId, command.IssuedAt, command.IssuedBy, $"gateway {GatewayId}", AuditActions.CommandIssued, command.DeviceId,
                    $"{command.Kind} {command.Args.GetRawText()} ({command.Id})")]
                : [];
            if (await commands.RecordIssuedAtHomeAsync(command with { HouseholdId = HouseholdId }, audit, Context.ConnectionAborted))
            {
                GatewayLog.IssuedAtHome(logger, GatewayId, command.Id, command.Kind, command.DeviceId);
                if (await commands.GetAsync(HouseholdId, command.Id, Context.ConnectionAborted) is { } record)
                {
                    await live.CommandChangedAsync(record);
                }
            }
        }

        return issued.Count;
    }

    /// <summary>Dose outcomes recorded at home. Returns how many are settled.</summary>
    public async Task<int> ReportDoses(IReadOnlyList<DoseReport> reports)
    {
        var outcomes = reports.Select(r => new DoseOutcome(r.DoseId, r.RegimenId, r.ScheduledAt, r.State, EventSource.Gateway, r.CommandId, r.At, r.Detail)).ToList();
        var results = await doses.RecordAsync(HouseholdId, outcomes, Context.ConnectionAborted);
        foreach (var (report, result) in reports.Zip(results))
        {
            if (result.Decision.Changes())
            {
                metrics.DoseRecorded(report.State, EventSource.Gateway.ToWire());
            }

            if (result.Decision == TransitionDecision.Overturn)
            {
                GatewayLog.DoseOverturned(logger, report.DoseId, report.State.ToWire(), result.Previous?.ToWire() ?? "unknown");
            }
            else if (result.Decision == TransitionDecision.Apply)
            {
                GatewayLog.DoseRecorded(logger, report.DoseId, report.State.ToWire());
            }
        }

        if (results.Any(r => r.Decision.Changes()))
        {
            await live.DosesChangedAsync(HouseholdId);
        }

        return reports.Count;
    }

    /// <summary>Sensor readings the gateway collected from its agents. Returns how many batches are settled.</summary>
    public Task<int> ReportReadings(IReadOnlyList<DeviceReadings> batches) =>
        readings.TakeAsync(HouseholdId, GatewayId, batches, Context.ConnectionAborted);

    /// <summary>A camera's frames for a live view the hub asked this gateway for; ends when the gateway stops it.</summary>
    public async Task UploadCameraFrames(Guid streamId, IAsyncEnumerable<byte[]> frames)
    {
        try
        {
            await foreach (var frame in frames.WithCancellation(Context.ConnectionAborted))
            {
                await liveViews.PublishAsync(streamId, frame);
            }
        }
        finally
        {
            await liveViews.EndAsync(streamId);
        }
    }

    public async Task ReportClock(ClockReport report)
    {
        await gateways.ReportClockAsync(HouseholdId, GatewayId, report.Trusted, report.Reason, report.At, Context.ConnectionAborted);
        GatewayLog.Clock(logger, GatewayId, report.Trusted, report.Reason);
    }

    /// <summary>The hub's clock, for a gateway checking its own after a boot without a battery clock.</summary>
    public DateTimeOffset GetHubTime() => time.GetUtcNow();

    public async Task ReportDevices(DevicePresenceReport report)
    {
        await devices.ApplyGatewayReportAsync(HouseholdId, GatewayId, report, Context.ConnectionAborted);
        await gateways.TouchAsync(HouseholdId, GatewayId, time.GetUtcNow(), Context.ConnectionAborted);
        GatewayLog.DevicesReported(logger, GatewayId, report.Devices.Count, report.Devices.Count(d => d.Online));
        await live.DevicesChangedAsync(HouseholdId);
    }
}
