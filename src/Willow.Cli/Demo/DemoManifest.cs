namespace Willow.Cli.Demo;

/// <summary>
/// What <c>willow demo</c> writes to <c>&lt;data-dir&gt;/demo.json</c>: where everything is and how to get in
/// (the owner's e-mail and password, an API token). Reused when the demo starts again on the same data
/// directory. The gateway's token is not here: it lives in the gateway's own data directory, as on a Pi.
/// </summary>
public sealed record DemoManifest(
    string HubUrl,
    string ApiUrl,
    string DocsUrl,
    Guid HouseholdId,
    string HouseholdName,
    string TimeZone,
    string OwnerEmail,
    string OwnerPassword,
    string ApiToken,
    Guid? ApiTokenId,
    string GatewayId,
    string HomeKey,
    string DataDirectory,
    IReadOnlyList<DemoDevice> Devices,
    IReadOnlyDictionary<string, string> PidFiles);

/// <summary>One simulated board of the demo and what it hosts.</summary>
public sealed record DemoDevice(string Id, string Name, IReadOnlyList<string> Capabilities, string Url, string? SimulationLog);
