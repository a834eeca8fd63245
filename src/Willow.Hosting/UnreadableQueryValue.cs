using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Willow.Hosting;

/// <summary>
/// Names the query value that could not be read when the endpoint itself could not say. The request delegates
/// generated at compile time (the same code as in the trimmed file) answer a bare 400 for an optional value that
/// does not parse (<c>?limit=lots</c> for <c>int? limit</c>), without the exception that would say which.
/// </summary>
internal static class UnreadableQueryValue
{
    /// <summary>A sentence naming the first optional value of the request that does not parse as its parameter's type, or null.</summary>
    public static string? Describe(HttpContext context)
    {
        var parameters = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() ?? [];
        foreach (var parameter in parameters.Where(p => p.HasTryParse))
        {
            var raw = context.Request.RouteValues.TryGetValue(parameter.Name, out var routeValue)
                ? routeValue?.ToString()
                : context.Request.Query[parameter.Name].FirstOrDefault();
            if (string.IsNullOrEmpty(raw))
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(parameter.ParameterInfo.ParameterType) ?? parameter.ParameterInfo.ParameterType;
            if (Expected(type, raw) is { } expected)
            {
                return $"{parameter.Name} must be {expected}, not '{raw}'.";
            }
        }

        return null;
    }

    /// <summary>What the value should have been, when it does not parse the way the endpoint parses it; null when it does.</summary>
    private static string? Expected(Type type, string raw) => type switch
    {
        _ when type == typeof(int) => Parses<int>(raw) ? null : "a whole number",
        _ when type == typeof(long) => Parses<long>(raw) ? null : "a whole number",
        _ when type == typeof(Guid) => Parses<Guid>(raw) ? null : "an id such as 0192f3a4-5b6c-7d8e-9f01-23456789abcd",
        _ when type == typeof(DateTimeOffset) => Parses<DateTimeOffset>(raw) ? null : "a date and time such as 2026-12-01T08:00:00Z",
        _ when type == typeof(DateOnly) => Parses<DateOnly>(raw) ? null : "a date such as 2026-12-01",
        _ when type == typeof(bool) => Parses<bool>(raw) ? null : "true or false",
        _ => null,
    };

    // As the endpoints parse: IParsable<T> with the invariant culture.
    private static bool Parses<T>(string raw) where T : IParsable<T> => T.TryParse(raw, CultureInfo.InvariantCulture, out _);
}
