using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;

namespace Willow.Hub.Tests.Access;

/// <summary>What the tests that walk the hub's own endpoint list need of each endpoint.</summary>
internal static partial class RoutePatterns
{
    /// <summary>The endpoint's name, or its pattern when it has none.</summary>
    public static string NameOf(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');

    /// <summary>A request path for a pattern: each <c>{name}</c> or <c>{name:constraint}</c> replaced by what <paramref name="value"/> gives.</summary>
    public static string Fill(string pattern, Func<string, string, string> value) =>
        Parameter().Replace(pattern.TrimStart('/'), match => value(match.Groups["name"].Value, match.Groups["constraint"].Value));

    [GeneratedRegex(@"\{(?<name>\w+)(:(?<constraint>\w+))?\}")]
    private static partial Regex Parameter();
}
