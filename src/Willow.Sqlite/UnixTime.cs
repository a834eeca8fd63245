namespace Willow.Sqlite;

/// <summary>Instants are stored as Unix milliseconds (UTC): sortable, compact, and free of zone ambiguity.</summary>
public static class UnixTime
{
    public static long ToUnixMs(this DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    public static long? ToUnixMs(this DateTimeOffset? instant) => instant?.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMs(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    public static DateTimeOffset? FromUnixMs(long? milliseconds) =>
        milliseconds is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
