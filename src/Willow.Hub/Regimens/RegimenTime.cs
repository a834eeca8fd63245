using System.Globalization;

namespace Willow.Hub.Regimens;

/// <summary>Local wall-clock times on the wire: <c>2026-12-01T07:00</c> and <c>07:00</c>, never with an offset.</summary>
public static class RegimenTime
{
    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"];
    private static readonly string[] TimeFormats = ["HH:mm", "HH:mm:ss", "H:mm"];

    public static bool TryParseLocal(string? text, out DateTime local) =>
        DateTime.TryParseExact(text?.Trim(), DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out local);

    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static string Format(DateTime local) => local.ToString(local.Second == 0 ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Format(TimeOnly time) => time.ToString(time.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);
}
