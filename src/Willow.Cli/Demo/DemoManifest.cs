namespace Willow.Cli.Demo;

/// <summary>
/// What <c>willow demo</c> writes to <c>&lt;data-dir&gt;/demo.json</c>: where everything is and how to get in.
/// Its secrets are reused when the demo starts again on the same data directory.
/// </summary>
public sealed record DemoManifest(
    string HubUrl,
    string ApiUrl,
    string DocsUrl,
    Guid HouseholdId,
    string HouseholdName,
    string TimeZone,
    string ApiToken,
    string GatewayId,
    string GatewayToken,
    string HomeKey,
    string DataDirectory,
    IReadOnlyList<DemoDevice> Devices,
    IReadOnlyDictionary<string, string> PidFiles);

/// <summary>One simulated device of the demo.</summary>
public sealed record DemoDevice(string Id, string Name, string Capability, string Url, string? SimulationLog);
