using System.Globalization;
using System.Text.RegularExpressions;

namespace Willow.Cli.Client;

/// <summary>Durations as people type them: <c>8h</c>, <c>45m</c>, <c>1h30m</c>, <c>4w</c>, <c>90s</c>, or <c>08:00:00</c>.</summary>
public static partial class DurationText
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (TimeSpan.TryParseExact(text, ["c", "g"], CultureInfo.InvariantCulture, out duration) && text.Contains(':', StringComparison.Ordinal))
        {
            return duration >= TimeSpan.Zero;
        }

        var match = Parts().Match(text);
        if (!match.Success || match.Length != text.Length)
        {
            return false;
        }

        foreach (Capture part in match.Groups["part"].Captures)
        {
            var amount = double.Parse(part.Value[..^1], CultureInfo.InvariantCulture);
            duration += char.ToLowerInvariant(part.Value[^1]) switch
            {
                'w' => TimeSpan.FromDays(7 * amount),
                'd' => TimeSpan.FromDays(amount),
                'h' => TimeSpan.FromHours(amount),
                'm' => TimeSpan.FromMinutes(amount),
                's' => TimeSpan.FromSeconds(amount),
                _ => TimeSpan.Zero,
            };
        }

        return true;
    }

    public static TimeSpan Parse(string? text, string option) =>
        TryParse(text, out var duration)
            ? duration
            : throw new CliException($"{option} '{text}' is not a duration; write it like 8h, 45m, 1h30m, 4w or 08:00:00.", ExitCodes.Usage);

    /// <summary>How long ago, as a person says it: "just now", "5 s ago", "12 min ago", "3 h ago", "2 d ago".</summary>
    public static string Ago(TimeSpan elapsed) => elapsed.TotalSeconds switch
    {
        < 2 => "just now",
        < 60 => $"{elapsed.TotalSeconds:0} s ago",
        < 3600 => $"{elapsed.TotalMinutes:0} min ago",
        < 86400 => $"{elapsed.TotalHours:0} h ago",
        _ => $"{elapsed.TotalDays:0} d ago",
    };

    [GeneratedRegex(@"^(?<part>\d+(\.\d+)?[wdhmsWDHMS])+$")]
    private static partial Regex Parts();
}
