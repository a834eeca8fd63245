using System.Text.Json;

namespace Willow.Hosting;

/// <summary>
/// ASP.NET Core's minimal-API validator names an error by the C# property path (<c>TtlSeconds</c>,
/// <c>Schedule.Every</c>) and does not apply the JSON naming policy (dotnet/aspnetcore#61764). Willow's API speaks
/// camelCase, and a form matches an error to its field by that name, so every segment of the path is camel-cased here.
/// </summary>
public static class ValidationErrorKeys
{
    public static IDictionary<string, string[]> AsJsonNames(IDictionary<string, string[]> errors)
    {
        var renamed = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, messages) in errors)
        {
            var name = AsJsonName(key);
            renamed[name] = renamed.TryGetValue(name, out var earlier) ? [.. earlier, .. messages] : messages;
        }

        return renamed;
    }

    /// <summary><c>Schedule.Times[0]</c> → <c>schedule.times[0]</c>; a name already in camelCase stays as it is.</summary>
    public static string AsJsonName(string key) =>
        string.Join('.', key.Split('.').Select(segment => JsonNamingPolicy.CamelCase.ConvertName(segment)));
}
