using System.Globalization;

namespace Willow.Testing;

/// <summary>Reads Prometheus's text format the way a scraper would, for tests of <c>/metrics</c>.</summary>
public static class PrometheusText
{
    /// <summary>
    /// The value of the series <paramref name="name"/> with these labels (others, like the exporter's
    /// <c>otel_scope_name</c>, may be there too), or null if Prometheus text has no such line.
    /// </summary>
    public static double? Value(string text, string name, params (string Label, string Value)[] labels)
    {
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal) || line.Length == name.Length || line[name.Length] is not ('{' or ' '))
            {
                continue;
            }

            var labelText = line[name.Length] == '{' ? line[(name.Length + 1)..line.IndexOf('}', StringComparison.Ordinal)] : "";
            if (labels.All(l => labelText.Split(',').Contains($"{l.Label}=\"{l.Value}\"", StringComparer.Ordinal)))
            {
                return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
