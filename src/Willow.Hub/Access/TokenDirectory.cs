using System.Security.Claims;
using Microsoft.Extensions.Options;
using Willow.Core.Security;

namespace Willow.Hub.Access;

/// <summary>
/// Maps a presented bearer token to the identity it stands for. Tokens are kept only as SHA-256 hashes in
/// memory and looked up by hash.
/// </summary>
public sealed class TokenDirectory
{
    private readonly Dictionary<string, ClaimsIdentity> _byHash = new(StringComparer.Ordinal);

    public TokenDirectory(IOptions<BootstrapOptions> options)
    {
        var bootstrap = options.Value;
        foreach (var token in bootstrap.ApiTokens)
        {
            Add(token.Token, $"token:{token.Name}", AccessPolicies.Person, token.Households, gatewayId: null, deviceId: null);
        }

        foreach (var token in bootstrap.GatewayTokens)
        {
            Add(token.Token, $"gateway:{token.GatewayId}", AccessPolicies.Gateway, [token.Household], token.GatewayId, deviceId: null);
        }

        foreach (var token in bootstrap.DeviceTokens)
        {
            Add(token.Token, $"device:{token.DeviceId}", AccessPolicies.Device, [token.Household], gatewayId: null, token.DeviceId);
        }
    }

    public ClaimsIdentity? Find(string presented) =>
        _byHash.TryGetValue(Convert.ToHexString(Secrets.Hash(presented)), out var identity) ? identity.Clone() : null;

    private void Add(string token, string name, string kind, IEnumerable<Guid> households, string? gatewayId, string? deviceId)
    {
        var identity = new ClaimsIdentity(TokenAuthenticationHandler.SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        identity.AddClaim(new Claim(WillowClaims.Kind, kind));
        foreach (var household in households.Distinct())
        {
            identity.AddClaim(new Claim(WillowClaims.Household, household.ToString()));
        }

        if (gatewayId is not null)
        {
            identity.AddClaim(new Claim(WillowClaims.GatewayId, gatewayId));
        }

        if (deviceId is not null)
        {
            identity.AddClaim(new Claim(WillowClaims.DeviceId, deviceId));
        }

        if (!_byHash.TryAdd(Convert.ToHexString(Secrets.Hash(token)), identity))
        {
            throw new OptionsValidationException(BootstrapOptions.Section, typeof(BootstrapOptions), [$"The token of {name} is used twice; every token must be unique."]);
        }
    }
}
