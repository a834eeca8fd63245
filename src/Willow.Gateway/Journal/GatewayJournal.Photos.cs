using Microsoft.Data.Sqlite;
using Willow.Core.Commands;
using Willow.Sqlite;

namespace Willow.Gateway.Journal;

/// <summary>Photos a camera took, queued until the hub has them. Queued with the snapshot's success, in the same commit.</summary>
public sealed partial class GatewayJournal
{
    /// <summary>Raised after a snapshot succeeded and its photo was queued for the hub.</summary>
    public event Action? PhotoQueued;

    /// <summary>The uploads whose next attempt is due, oldest first.</summary>
    public IReadOnlyList<PhotoUpload> DuePhotos(DateTimeOffset now, int max)
    {
        lock (_gate)
        {
            return _connection.Query(
                "SELECT command_id, device_id, dose_id, taken_at, fetched, attempts FROM photo_uploads WHERE next_attempt_at <= $now ORDER BY taken_at LIMIT $max",
                r => new PhotoUpload(
                    Guid.Parse(r.GetString(0)), r.GetString(1), r.IsDBNull(2) ? null : Guid.Parse(r.GetString(2)),
                    UnixTime.FromUnixMs(r.GetInt64(3)), r.GetInt64(4) == 1, (int)r.GetInt64(5)),
                null,
                ("$now", now.ToUnixMs()),
                ("$max", max));
        }
    }

    /// <summary>When the next queued upload is due, if any is queued.</summary>
    public DateTimeOffset? NextPhotoAttemptAt()
    {
        lock (_gate)
        {
            return _connection.Scalar("SELECT MIN(next_attempt_at) FROM photo_uploads") is long at ? UnixTime.FromUnixMs(at) : null;
        }
    }

    public void MarkPhotoFetched(Guid commandId)
    {
        lock (_gate)
        {
            _connection.Execute("UPDATE photo_uploads SET fetched = 1, attempts = 0, last_error = NULL WHERE command_id = $id", null, ("$id", commandId.ToString()));
        }
    }

    public void PostponePhoto(Guid commandId, DateTimeOffset nextAttemptAt, string error)
    {
        lock (_gate)
        {
            _connection.Execute(
                "UPDATE photo_uploads SET attempts = attempts + 1, next_attempt_at = $next, last_error = $error WHERE command_id = $id",
                null,
                ("$id", commandId.ToString()),
                ("$next", nextAttemptAt.ToUnixMs()),
                ("$error", error));
        }
    }

    /// <summary>The hub has the photo, or it can never be delivered: it leaves the queue.</summary>
    public void RemovePhoto(Guid commandId)
    {
        lock (_gate)
        {
            _connection.Execute("DELETE FROM photo_uploads WHERE command_id = $id", null, ("$id", commandId.ToString()));
        }
    }

    public int PhotosQueued()
    {
        lock (_gate)
        {
            return Convert.ToInt32(_connection.Scalar("SELECT COUNT(*) FROM photo_uploads"), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Queues the photo of a snapshot command that just succeeded; false for any other command.</summary>
    private bool QueuePhotoOfSnapshot(SqliteTransaction transaction, Guid commandId, DateTimeOffset at) =>
        _connection.Execute(
            """
            INSERT OR IGNORE INTO photo_uploads (command_id, device_id, dose_id, taken_at, next_attempt_at)
            SELECT id, device_id, dose_id, $at, $at FROM commands WHERE id = $id AND kind = $kind
            """,
            transaction,
            ("$id", commandId.ToString()),
            ("$at", at.ToUnixMs()),
            ("$kind", CommandKinds.Snapshot)) == 1;
}
