using System.Security.Claims;
using Willow.Core.Security;
using Willow.Hub.Accounts;
using Willow.Hub.Devices;
using Willow.Hub.Gateways;

namespace Willow.Hub.Access;

/// <summary>
/// Turns a presented bearer token into who it stands for: a person (personal access token), a gateway or a
/// direct-mode device. Tokens are stored only as SHA-256 hashes; a revoked or expired one stands for no one.
/// </summary>
public sealed class Credentials(IAccountStore accounts, IGatewayStore gateways, IDeviceStore devices, TimeProvider time)
{
    /// <summary>How stale a token's "last used" may get before it is written again (not on every request).</summary>
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(5);

    public static string Hash(string secret) => Convert.ToHexStringLower(Secrets.Hash(secret));

    public async Task<ClaimsIdentity?> ResolveAsync(string token, string scheme, CancellationToken cancellationToken)
    {
        var hash = Hash(token);
        var now = time.GetUtcNow();
        switch (TokenPrefixes.KindOf(token))
        {
            case TokenPrefixes.Person:
                if (await accounts.FindTokenAsync(hash, cancellationToken) is not { } found || !found.Token.IsValidAt(now))
                {
                    return null;
                }

                if (found.Token.LastUsedAt is not { } last || now - last > TouchEvery)
                {
                    await accounts.TouchTokenAsync(found.Token.Id, now, cancellationToken);
                }

                return WillowClaims.Person(scheme, found.User.Id, found.User.Email, $"token:{found.Token.Name}");

            case TokenPrefixes.Gateway:
                return await gateways.FindByTokenAsync(hash, cancellationToken) is { } gateway
                    ? Machine(scheme, AccessPolicies.Gateway, $"gateway:{gateway.GatewayId}", gateway.HouseholdId, WillowClaims.GatewayId, gateway.GatewayId)
                    : null;

            case TokenPrefixes.Device:
                return await devices.FindCredentialAsync(hash, cancellationToken) is { } device
                    ? Machine(scheme, AccessPolicies.Device, $"device:{device.DeviceId}", device.HouseholdId, WillowClaims.DeviceId, device.DeviceId)
                    : null;

            default:
                return null;
        }
    }

    private static ClaimsIdentity Machine(string scheme, string kind, string name, Guid householdId, string idClaim, string id)
    {
        var identity = new ClaimsIdentity(scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        identity.AddClaim(new Claim(WillowClaims.Kind, kind));
        identity.AddClaim(new Claim(WillowClaims.Household, householdId.ToString()));
        identity.AddClaim(new Claim(idClaim, id));
        identity.AddClaim(new Claim(WillowClaims.Via, $"{kind} token"));
        return identity;
    }
}
