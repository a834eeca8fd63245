using System.Globalization;

namespace Willow.Hub.Alerts;

/// <summary>How alert settings are kept as text in either store: quiet hours as <c>HH:mm-HH:mm</c> (empty: none), the escalation delay in seconds.</summary>
public static class AlertSettingsText
{
    public static string Format(MemberAlertSettings settings) =>
        settings.QuietHours is { } q ? $"{q.From.ToString("HH:mm", CultureInfo.InvariantCulture)}-{q.To.ToString("HH:mm", CultureInfo.InvariantCulture)}" : "";

    public static MemberAlertSettings ParseMember(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Split('-') is not [var from, var to])
        {
            return new MemberAlertSettings(null);
        }

        return new MemberAlertSettings(new QuietHours(
            TimeOnly.ParseExact(from, "HH:mm", CultureInfo.InvariantCulture), TimeOnly.ParseExact(to, "HH:mm", CultureInfo.InvariantCulture)));
    }

    public static string Format(HouseholdAlertSettings settings) => ((long)settings.EscalateAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    public static HouseholdAlertSettings ParseHousehold(string? text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? new HouseholdAlertSettings(TimeSpan.FromSeconds(seconds))
            : HouseholdAlertSettings.Default;
}
