namespace Willow.Hub.Access;

/// <summary>Who may call what: people use the API, gateways the gateway hub, devices the direct-mode API.</summary>
public static class AccessPolicies
{
    public const string Person = "person";
    public const string Gateway = "gateway";
    public const string Device = "device";
}
