using Microsoft.Data.Sqlite;
using Willow.Hub.Alerts;
using Willow.Sqlite;

namespace Willow.Hub.Storage.Sqlite;

/// <summary>
/// Alerts, channels, settings and the delivery outbox in SQLite. A cause is held by a row of <c>alert_causes</c>
/// (primary key: household and cause), so opening a cause twice inserts one alert; a claim is an update conditioned
/// on the delivery still being due, in the one write transaction.
/// </summary>
public sealed class SqliteAlertStore(SqliteDatabase database) : IAlertStore
{
    private const string AlertColumns =
        "household_id, id, kind, cause_key, severity, state, title, next_step, path, opened_at, acknowledged_at, acknowledged_by, resolved_at, resolution, escalation_step";

    private const string DeliveryColumns =
        "id, household_id, alert_id, channel_id, user_id, created_at, due_at, attempts, state, sent_at, last_error, claim_id";

    private const string HouseholdSubject = "household";

    public Task<(Alert Alert, bool Opened)> OpenAsync(Alert alert, IReadOnlyList<AlertDelivery> deliveries, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) =>
            {
                var inserted = connection.Execute(
                    "INSERT OR IGNORE INTO alert_causes (household_id, cause_key, alert_id) VALUES ($household, $cause, $id)",
                    transaction,
                    ("$household", alert.HouseholdId.ToString()), ("$cause", alert.CauseKey), ("$id", alert.Id.ToString())) == 1;
                if (!inserted)
                {
                    var holder = (string)connection.Scalar(
                        "SELECT alert_id FROM alert_causes WHERE household_id = $household AND cause_key = $cause",
                        transaction,
                        ("$household", alert.HouseholdId.ToString()), ("$cause", alert.CauseKey))!;
                    return (GetAlert(connection, transaction, alert.HouseholdId, Guid.Parse(holder))!, false);
                }

                connection.Execute(
                    $"""
                    INSERT INTO alerts ({AlertColumns})
                    VALUES ($household, $id, $kind, $cause, $severity, $state, $title, $next, $path, $opened, NULL, NULL, NULL, NULL, $step)
                    """,
                    transaction,
                    ("$household", alert.HouseholdId.ToString()), ("$id", alert.Id.ToString()), ("$kind", alert.Kind), ("$cause", alert.CauseKey),
                    ("$severity", alert.Severity.ToWire()), ("$state", AlertState.Open.ToWire()), ("$title", alert.Title), ("$next", alert.NextStep),
                    ("$path", alert.Path), ("$opened", alert.OpenedAt.ToUnixMs()), ("$step", alert.EscalationStep));
                InsertDeliveries(connection, transaction, deliveries);
                return (alert with { State = AlertState.Open }, true);
            },
            cancellationToken);

    public Task<Alert?> GetAsync(Guid householdId, Guid alertId, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(connection => GetAlert(connection, null, householdId, alertId)));

    public Task<IReadOnlyList<Alert>> ListAsync(Guid householdId, AlertState? state, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Alert>>(database.Read(connection => connection.Query(
            $"""
            SELECT {AlertColumns} FROM alerts
            WHERE household_id = $household AND ($state IS NULL OR state = $state)
            ORDER BY opened_at DESC, id DESC LIMIT $limit
            """,
            ReadAlert,
            null,
            ("$household", householdId.ToString()), ("$state", state?.ToWire()), ("$limit", limit))));

    public Task<IReadOnlyList<Alert>> ListUnresolvedAsync(Guid householdId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Alert>>(database.Read(connection => connection.Query(
            $"SELECT {AlertColumns} FROM alerts WHERE household_id = $household AND state <> 'resolved' ORDER BY opened_at, id",
            ReadAlert,
            null,
            ("$household", householdId.ToString()))));

    public Task<(Alert? Alert, bool Changed)> AcknowledgeAsync(Guid householdId, Guid alertId, string by, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) =>
            {
                var changed = connection.Execute(
                    """
                    UPDATE alerts SET state = 'acknowledged', acknowledged_at = $at, acknowledged_by = $by
                    WHERE household_id = $household AND id = $id AND state = 'open'
                    """,
                    transaction,
                    ("$household", householdId.ToString()), ("$id", alertId.ToString()), ("$at", at.ToUnixMs()), ("$by", by)) == 1;
                return (GetAlert(connection, transaction, householdId, alertId), changed);
            },
            cancellationToken);

    public Task<Alert?> ResolveAsync(Guid householdId, Guid alertId, string resolution, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) =>
            {
                var alert = GetAlert(connection, transaction, householdId, alertId);
                if (alert is null || alert.State == AlertState.Resolved)
                {
                    return null;
                }

                connection.Execute(
                    "UPDATE alerts SET state = 'resolved', resolved_at = $at, resolution = $resolution WHERE household_id = $household AND id = $id",
                    transaction,
                    ("$household", householdId.ToString()), ("$id", alertId.ToString()), ("$at", at.ToUnixMs()), ("$resolution", resolution));
                if (!AlertKinds.IsEvent(alert.Kind))
                {
                    connection.Execute(
                        "DELETE FROM alert_causes WHERE household_id = $household AND cause_key = $cause AND alert_id = $id",
                        transaction,
                        ("$household", householdId.ToString()), ("$cause", alert.CauseKey), ("$id", alertId.ToString()));
                }

                return alert with { State = AlertState.Resolved, ResolvedAt = at, Resolution = resolution };
            },
            cancellationToken);

    public Task<bool> EscalateAsync(Guid householdId, Guid alertId, int fromStep, IReadOnlyList<AlertDelivery> deliveries, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) =>
            {
                var moved = connection.Execute(
                    """
                    UPDATE alerts SET escalation_step = $step + 1
                    WHERE household_id = $household AND id = $id AND state = 'open' AND escalation_step = $step
                    """,
                    transaction,
                    ("$household", householdId.ToString()), ("$id", alertId.ToString()), ("$step", fromStep)) == 1;
                if (moved)
                {
                    InsertDeliveries(connection, transaction, deliveries);
                }

                return moved;
            },
            cancellationToken);

    public Task SaveChannelAsync(AlertChannel channel, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                """
                INSERT INTO alert_channels (household_id, id, user_id, kind, name, target, secret, enabled, created_at)
                VALUES ($household, $id, $user, $kind, $name, $target, $secret, $enabled, $created)
                ON CONFLICT (household_id, id) DO UPDATE SET kind = $kind, name = $name, target = $target, secret = $secret, enabled = $enabled
                """,
                transaction,
                ("$household", channel.HouseholdId.ToString()), ("$id", channel.Id.ToString()), ("$user", channel.UserId.ToString()),
                ("$kind", channel.Kind), ("$name", channel.Name), ("$target", channel.Target), ("$secret", channel.Secret),
                ("$enabled", channel.Enabled ? 1 : 0), ("$created", channel.CreatedAt.ToUnixMs())),
            cancellationToken);

    public Task<AlertChannel?> GetChannelAsync(Guid householdId, Guid channelId, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(connection => connection.Query(
            "SELECT * FROM alert_channels WHERE household_id = $household AND id = $id", ReadChannel, null,
            ("$household", householdId.ToString()), ("$id", channelId.ToString())).SingleOrDefault()));

    public Task<IReadOnlyList<AlertChannel>> ListChannelsAsync(Guid householdId, Guid? userId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AlertChannel>>(database.Read(connection => connection.Query(
            "SELECT * FROM alert_channels WHERE household_id = $household AND ($user IS NULL OR user_id = $user) ORDER BY created_at, id",
            ReadChannel,
            null,
            ("$household", householdId.ToString()), ("$user", userId?.ToString()))));

    public Task<bool> DeleteChannelAsync(Guid householdId, Guid channelId, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                "DELETE FROM alert_channels WHERE household_id = $household AND id = $id", transaction,
                ("$household", householdId.ToString()), ("$id", channelId.ToString())) == 1,
            cancellationToken);

    public Task<IReadOnlyList<Guid>> HouseholdsWithChannelsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Guid>>(database.Read(connection => connection.Query(
            "SELECT DISTINCT household_id FROM alert_channels", r => Guid.Parse(r.GetString(0)))));

    public Task<MemberAlertSettings> GetMemberSettingsAsync(Guid householdId, Guid userId, CancellationToken cancellationToken) =>
        Task.FromResult(AlertSettingsText.ParseMember(ReadSetting(householdId, userId.ToString())));

    public Task SaveMemberSettingsAsync(Guid householdId, Guid userId, MemberAlertSettings settings, CancellationToken cancellationToken) =>
        WriteSettingAsync(householdId, userId.ToString(), AlertSettingsText.Format(settings), cancellationToken);

    public Task<HouseholdAlertSettings> GetHouseholdSettingsAsync(Guid householdId, CancellationToken cancellationToken) =>
        Task.FromResult(AlertSettingsText.ParseHousehold(ReadSetting(householdId, HouseholdSubject)));

    public Task SaveHouseholdSettingsAsync(Guid householdId, HouseholdAlertSettings settings, CancellationToken cancellationToken) =>
        WriteSettingAsync(householdId, HouseholdSubject, AlertSettingsText.Format(settings), cancellationToken);

    public Task<IReadOnlyList<AlertDelivery>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<AlertDelivery>>(
            (connection, transaction) =>
            {
                var due = connection.Query(
                    $"SELECT {DeliveryColumns} FROM alert_deliveries WHERE state = 'pending' AND due_at <= $now ORDER BY due_at, id LIMIT $limit",
                    ReadDelivery,
                    transaction,
                    ("$now", now.ToUnixMs()), ("$limit", limit));
                var claimed = new List<AlertDelivery>(due.Count);
                foreach (var delivery in due)
                {
                    var claim = delivery with { ClaimId = Guid.NewGuid(), Attempts = delivery.Attempts + 1, DueAt = now + lease };
                    connection.Execute(
                        "UPDATE alert_deliveries SET claim_id = $claim, attempts = $attempts, due_at = $due WHERE id = $id",
                        transaction,
                        ("$claim", claim.ClaimId.ToString()), ("$attempts", claim.Attempts), ("$due", claim.DueAt.ToUnixMs()), ("$id", claim.Id.ToString()));
                    claimed.Add(claim);
                }

                return claimed;
            },
            cancellationToken);

    public Task<bool> MarkSentAsync(AlertDelivery claimed, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                "UPDATE alert_deliveries SET state = 'sent', sent_at = $at, last_error = NULL WHERE id = $id AND claim_id = $claim AND state = 'pending'",
                transaction,
                ("$id", claimed.Id.ToString()), ("$claim", claimed.ClaimId?.ToString()), ("$at", at.ToUnixMs())) == 1,
            cancellationToken);

    public Task<bool> MarkFailedAsync(AlertDelivery claimed, DateTimeOffset? retryAt, string error, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                """
                UPDATE alert_deliveries SET state = $state, due_at = COALESCE($retry, due_at), last_error = $error, claim_id = NULL
                WHERE id = $id AND claim_id = $claim AND state = 'pending'
                """,
                transaction,
                ("$id", claimed.Id.ToString()), ("$claim", claimed.ClaimId?.ToString()), ("$retry", retryAt?.ToUnixMs()),
                ("$state", retryAt is null ? DeliveryState.GaveUp.ToWire() : DeliveryState.Pending.ToWire()), ("$error", error)) == 1,
            cancellationToken);

    public Task<IReadOnlyList<AlertDelivery>> ListDeliveriesAsync(Guid householdId, Guid alertId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AlertDelivery>>(database.Read(connection => connection.Query(
            $"SELECT {DeliveryColumns} FROM alert_deliveries WHERE household_id = $household AND alert_id = $alert ORDER BY created_at, id",
            ReadDelivery,
            null,
            ("$household", householdId.ToString()), ("$alert", alertId.ToString()))));

    private static void InsertDeliveries(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<AlertDelivery> deliveries)
    {
        foreach (var d in deliveries)
        {
            connection.Execute(
                $"""
                INSERT INTO alert_deliveries ({DeliveryColumns})
                VALUES ($id, $household, $alert, $channel, $user, $created, $due, 0, 'pending', NULL, NULL, NULL)
                """,
                transaction,
                ("$id", d.Id.ToString()), ("$household", d.HouseholdId.ToString()), ("$alert", d.AlertId.ToString()), ("$channel", d.ChannelId.ToString()),
                ("$user", d.UserId.ToString()), ("$created", d.CreatedAt.ToUnixMs()), ("$due", d.DueAt.ToUnixMs()));
        }
    }

    private string? ReadSetting(Guid householdId, string subject) =>
        database.Read(connection => connection.Scalar(
            "SELECT value FROM alert_settings WHERE household_id = $household AND subject = $subject", null,
            ("$household", householdId.ToString()), ("$subject", subject)) as string);

    private Task<int> WriteSettingAsync(Guid householdId, string subject, string value, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.Execute(
                """
                INSERT INTO alert_settings (household_id, subject, value) VALUES ($household, $subject, $value)
                ON CONFLICT (household_id, subject) DO UPDATE SET value = $value
                """,
                transaction,
                ("$household", householdId.ToString()), ("$subject", subject), ("$value", value)),
            cancellationToken);

    private static Alert? GetAlert(SqliteConnection connection, SqliteTransaction? transaction, Guid householdId, Guid alertId) =>
        connection.Query(
            $"SELECT {AlertColumns} FROM alerts WHERE household_id = $household AND id = $id", ReadAlert, transaction,
            ("$household", householdId.ToString()), ("$id", alertId.ToString())).SingleOrDefault();

    private static Alert ReadAlert(SqliteDataReader r) => new(
        Guid.Parse(r.GetString("id")),
        Guid.Parse(r.GetString("household_id")),
        r.GetString("kind"),
        r.GetString("cause_key"),
        AlertWire.ParseSeverity(r.GetString("severity")),
        AlertWire.ParseState(r.GetString("state")),
        r.GetString("title"),
        r.GetString("next_step"),
        r.GetString("path"),
        UnixTime.FromUnixMs(r.GetInt64("opened_at")),
        UnixTime.FromUnixMs(r.GetNullableInt64("acknowledged_at")),
        r.GetNullableString("acknowledged_by"),
        UnixTime.FromUnixMs(r.GetNullableInt64("resolved_at")),
        r.GetNullableString("resolution"),
        (int)r.GetInt64("escalation_step"));

    private static AlertChannel ReadChannel(SqliteDataReader r) => new(
        Guid.Parse(r.GetString("id")),
        Guid.Parse(r.GetString("household_id")),
        Guid.Parse(r.GetString("user_id")),
        r.GetString("kind"),
        r.GetString("name"),
        r.GetString("target"),
        r.GetNullableString("secret"),
        r.GetInt64("enabled") == 1,
        UnixTime.FromUnixMs(r.GetInt64("created_at")));

    private static AlertDelivery ReadDelivery(SqliteDataReader r) => new(
        Guid.Parse(r.GetString("id")),
        Guid.Parse(r.GetString("household_id")),
        Guid.Parse(r.GetString("alert_id")),
        Guid.Parse(r.GetString("channel_id")),
        Guid.Parse(r.GetString("user_id")),
        UnixTime.FromUnixMs(r.GetInt64("created_at")),
        UnixTime.FromUnixMs(r.GetInt64("due_at")),
        (int)r.GetInt64("attempts"),
        DeliveryStates.Parse(r.GetString("state")),
        UnixTime.FromUnixMs(r.GetNullableInt64("sent_at")),
        r.GetNullableString("last_error"),
        r.GetNullableString("claim_id") is { } claim ? Guid.Parse(claim) : null);
}
