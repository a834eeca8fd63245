using Willow.Gateway.Relay;

namespace Willow.Agent.Tests;

/// <summary>HTTP clients that sign their requests with the home key, as the gateway's relay does.</summary>
internal static class SignedClients
{
    public static HttpClient For(string agentUrl, string homeKey) =>
        new(new SigningHandler(new HomeKeyring(Convert.FromBase64String(homeKey)), TimeProvider.System) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = new Uri(agentUrl + "/"),
            Timeout = TimeSpan.FromSeconds(60),
        };
}
