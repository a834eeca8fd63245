using System.Reflection;

namespace Willow.Core;

/// <summary>The version every process reports (agents in their info, the CLI in <c>--version</c>).</summary>
public static class WillowVersion
{
    public static string Current { get; } =
        typeof(WillowVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
