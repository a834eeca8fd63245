using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Core.Regimens;
using Willow.Gateway.Clock;
using Willow.Gateway.Journal;
using Willow.Gateway.Relay;
using Willow.Gateway.Telemetry;

namespace Willow.Gateway.Doses;

/// <summary>
/// Gives the home's scheduled doses from the regimens the gateway keeps, whether or not the hub is in reach.
/// Each look at the schedule, for every dose due so far (and not yet accounted for): a dispense on the
/// device inside the dose's window already serves it; a skipped dose is recorded skipped; a dose whose
/// window closed is recorded missed; otherwise, once its time has come, its commands are issued (a call
/// first if asked). Nothing runs while the clock is not trusted. Every step is in the journal before it
/// happens, so a restart picks up exactly where it stopped, and a dose id is given at most once.
/// </summary>
public sealed class DoseRunner : BackgroundService
{
    private readonly RegimenBook _book;
    private readonly GatewayJournal _journal;
    private readonly CommandRelay _relay;
    private readonly ClockGuard _clock;
    private readonly DoseRunnerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DoseRunner> _logger;
    private readonly SemaphoreSlim _round = new(1, 1);
    private readonly ConcurrentDictionary<Guid, string> _dueWhileUntrusted = new();
    private TaskCompletionSource _wake = NewSignal();
    private readonly GatewayMetrics? _metrics;

    public DoseRunner(
        RegimenBook book,
        GatewayJournal journal,
        CommandRelay relay,
        ClockGuard clock,
        IOptions<DoseRunnerOptions> options,
        TimeProvider time,
        ILogger<DoseRunner> logger,
        GatewayMetrics? metrics = null)
    {
        _metrics = metrics;
        _book = book;
        _journal = journal;
        _relay = relay;
        _clock = clock;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _book.Changed += Wake;
        _relay.Finished += (_, _) => Wake();
        _clock.Changed += _ => Wake();
    }

    public void Wake() => Interlocked.Exchange(ref _wake, NewSignal()).TrySetResult();

    /// <summary>One look at the schedule, now.</summary>
    public async Task<DoseRound> RunDueAsync(CancellationToken cancellationToken)
    {
        await _round.WaitAsync(cancellationToken);
        try
        {
            return RunDue(_time.GetUtcNow());
        }
        finally
        {
            _round.Release();
        }
    }

    public override void Dispose()
    {
        _book.Changed -= Wake;
        _round.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = Volatile.Read(ref _wake).Task;
            DoseRound round;
            try
            {
                round = await RunDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                DoseLog.RoundFailed(_logger, ex);
                round = new DoseRound(0, 0, 0, 0, 0, _clock.IsTrusted, null);
            }

            var sleep = _options.MaxSleep;
            if (round.NextAt is { } next && next - _time.GetUtcNow() < sleep)
            {
                sleep = next - _time.GetUtcNow();
            }

            if (round.InFlight > 0 && sleep > TimeSpan.FromSeconds(1))
            {
                sleep = TimeSpan.FromSeconds(1);
            }

            try
            {
                await Task.WhenAny(woken, Task.Delay(sleep < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : sleep, _time, stoppingToken));
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private DoseRound RunDue(DateTimeOffset now)
    {
        int started = 0, settled = 0, missed = 0, skipped = 0, inFlight = 0;
        var trusted = _clock.IsTrusted;
        var skips = _book.Skipped;
        DateTimeOffset? nextAt = null;

        foreach (var plan in _book.Plans)
        {
            var upcoming = DoseOccurrenceAfter(plan, now);
            if (upcoming is not null && (nextAt is null || upcoming < nextAt))
            {
                nextAt = upcoming;
            }

            foreach (var dose in ScheduleMath.Occurrences(plan, now - _options.Lookback, now))
            {
                var home = _journal.FindDose(dose.DoseId);
                if (home is not null && home.State.IsFinal())
                {
                    continue;
                }

                if (!trusted)
                {
                    if (now <= dose.WindowCloses && _dueWhileUntrusted.TryAdd(dose.DoseId, _clock.Reason))
                    {
                        DoseLog.HeldByClock(_logger, dose.DoseId, plan.Current.Terms.Medication, plan.PetName, _clock.Reason);
                    }

                    inFlight += home?.State == HomeDoseState.Dispensing ? 1 : 0;
                    continue;
                }

                if (home?.State == HomeDoseState.Dispensing)
                {
                    switch (Advance(dose, home, now))
                    {
                        case true:
                            settled++;
                            break;
                        case false:
                            inFlight++;
                            break;
                    }

                    continue;
                }

                var terms = dose.Version.Terms;
                if (_journal.FindServingDispense(terms.DeviceId, dose.WindowOpens, Min(now, dose.WindowCloses), dose.DoseId) is { } served)
                {
                    var state = served.State == CommandState.Uncertain ? HomeDoseState.Uncertain : HomeDoseState.Dispensed;
                    var detail = $"Served by a dispense {served.Envelope.IssuedBy} started at {served.StartedAt:u}, inside this dose's window; no second dose was given.";
                    _journal.RecordDose(dose.DoseId, dose.RegimenId, dose.ScheduledAt, state, served.Envelope.Id, detail, now);
                    _metrics?.DoseAccountedFor(state);
                    DoseLog.Served(_logger, dose.DoseId, served.Envelope.Id);
                    settled++;
                    continue;
                }

                if (skips.Contains(dose.DoseId))
                {
                    _journal.RecordDose(dose.DoseId, dose.RegimenId, dose.ScheduledAt, HomeDoseState.Skipped, null, "Skipped by a person at the hub.", now);
                    _metrics?.DoseAccountedFor(HomeDoseState.Skipped);
                    DoseLog.Skipped(_logger, dose.DoseId);
                    skipped++;
                    continue;
                }

                if (now > dose.WindowCloses)
                {
                    var why = home?.Detail
                        ?? (_dueWhileUntrusted.TryRemove(dose.DoseId, out var clockReason) ? $"The gateway's clock was not trusted while it was due: {clockReason}" : null)
                        ?? "No dispense in its window.";
                    _journal.RecordDose(dose.DoseId, dose.RegimenId, dose.ScheduledAt, HomeDoseState.Missed, home?.CommandId, $"Missed: its window closed at {dose.WindowCloses:u}. {why}", now);
                    _metrics?.DoseAccountedFor(HomeDoseState.Missed);
                    DoseLog.Missed(_logger, dose.DoseId, plan.Current.Terms.Medication, plan.PetName, why);
                    missed++;
                    continue;
                }

                if (home?.State == HomeDoseState.Held)
                {
                    // An attempt failed; a person may still dispense inside the window, and that will serve it.
                    continue;
                }

                Start(plan, dose, now);
                started++;
                inFlight++;
            }
        }

        return new DoseRound(started, settled, missed, skipped, inFlight, trusted, nextAt);
    }

    /// <summary>Moves a dispensing dose on: issue its dispense once the call is done, or settle it once the dispense is.</summary>
    /// <returns>true if it settled, false if still on its way.</returns>
    private bool Advance(DoseOccurrence dose, HomeDose home, DateTimeOffset now)
    {
        var command = _journal.Find(home.CommandId!.Value);
        if (command is null)
        {
            // Not with the relay yet: after the call (or its lead time), or again after a restart.
            if (home.IssueAfter is null || now >= home.IssueAfter || _journal.CallFinishedForDose(dose.DoseId))
            {
                _relay.Enqueue(home.Command!);
            }

            return false;
        }

        if (!command.State.IsFinal())
        {
            return false;
        }

        var (state, detail) = command.State switch
        {
            CommandState.Succeeded => (HomeDoseState.Dispensed, command.Detail),
            CommandState.Uncertain => (HomeDoseState.Uncertain, command.Detail),
            _ => (HomeDoseState.Held, $"The dispense ended {command.State.ToWire()}: {command.Detail}"),
        };
        // Once something may have dropped, the camera takes the photo that goes with the dose's record.
        var photo = state is HomeDoseState.Dispensed or HomeDoseState.Uncertain ? PhotoAfter(dose, command.Envelope, now) : null;
        _journal.RecordDose(dose.DoseId, dose.RegimenId, dose.ScheduledAt, state, command.Envelope.Id, detail, now, photo);
        if (state.IsFinal())
        {
            _metrics?.DoseAccountedFor(state);
        }
        DoseLog.Settled(_logger, dose.DoseId, state.ToWire(), command.Envelope.Id);
        if (photo is not null)
        {
            _relay.Enqueue(photo);
        }

        return true;
    }

    private void Start(RegimenPlan plan, DoseOccurrence dose, DateTimeOffset now)
    {
        var terms = dose.Version.Terms;
        var household = _book.HouseholdId ?? plan.HouseholdId;
        var issuedBy = $"the schedule ({terms.Medication} for {plan.PetName})";
        var args = terms.Slot is { } slot
            ? JsonElement.Parse(string.Create(CultureInfo.InvariantCulture, $"{{\"portions\":{terms.Portions},\"slot\":{slot}}}"))
            : JsonElement.Parse(string.Create(CultureInfo.InvariantCulture, $"{{\"portions\":{terms.Portions}}}"));
        var dispense = new CommandEnvelope(
            Guid.CreateVersion7(now), household, terms.DeviceId, CommandKinds.Dispense, args, issuedBy, now, dose.WindowCloses, dose.DoseId);
        CommandEnvelope? call = null;
        if (terms.CallDeviceId is { } speaker)
        {
            var sound = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["sound"] = terms.CallSound ?? CallArgs.DefaultSound }, DoseJsonContext.Default.DictionaryStringString);
            call = new CommandEnvelope(Guid.CreateVersion7(now), household, speaker, CommandKinds.Call, sound, issuedBy, now, dose.WindowCloses, dose.DoseId);
        }

        _journal.StartDose(dose, dispense, call, call is null ? null : now + _options.CallLead, now);
        DoseLog.Started(_logger, dose.DoseId, terms.Medication, plan.PetName, dose.ScheduledAt, dispense.Id);
        if (call is not null)
        {
            _relay.Enqueue(call);
        }
        else
        {
            _relay.Enqueue(dispense);
        }
    }

    private CommandEnvelope? PhotoAfter(DoseOccurrence dose, CommandEnvelope dispense, DateTimeOffset now)
    {
        var terms = dose.Version.Terms;
        if (!terms.PhotoAfter || terms.PhotoDeviceId is not { } camera)
        {
            return null;
        }

        var none = JsonSerializer.SerializeToElement(new Dictionary<string, string>(), DoseJsonContext.Default.DictionaryStringString);
        return new CommandEnvelope(
            Guid.CreateVersion7(now), dispense.HouseholdId, camera, CommandKinds.Snapshot, none, dispense.IssuedBy, now, now + _options.PhotoWithin, dose.DoseId);
    }

    private static DateTimeOffset? DoseOccurrenceAfter(RegimenPlan plan, DateTimeOffset now)
    {
        var next = ScheduleMath.Occurrences(plan, now.AddTicks(1), now + TimeSpan.FromDays(2));
        return next.Count > 0 ? next[0].ScheduledAt : null;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
