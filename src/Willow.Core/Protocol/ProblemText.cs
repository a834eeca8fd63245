using System.Text.Json;

namespace Willow.Core.Protocol;

/// <summary>Turns an RFC 9457 problem document into one line a person can read.</summary>
public static class ProblemText
{
    /// <summary>"title: detail" (or the validation messages), or null when the body is not a problem document.</summary>
    public static string? Summarize(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                // The messages say it all; the generic title ("One or more validation errors occurred.") adds nothing.
                var messages = string.Join(" ", errors.EnumerateObject()
                    .SelectMany(e => e.Value.ValueKind == JsonValueKind.Array ? e.Value.EnumerateArray().Select(v => v.GetString()) : []));
                if (messages.Length > 0)
                {
                    return messages;
                }
            }

            var text = string.Join(": ", new[] { title, detail }.Where(s => !string.IsNullOrWhiteSpace(s)));
            return text.Length == 0 ? null : text;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
