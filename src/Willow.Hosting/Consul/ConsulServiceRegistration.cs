namespace Willow.Hosting.Consul;

/// <summary>
/// The body of <c>PUT /v1/agent/service/register</c>, with Consul's own (PascalCase) keys: a service instance,
/// its tags and metadata, and the HTTP check the Consul agent runs against it.
/// </summary>
public sealed record ConsulServiceRegistration(
    string ID,
    string Name,
    string Address,
    int Port,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> Meta,
    ConsulHttpCheck Check);
