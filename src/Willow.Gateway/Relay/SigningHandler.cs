using Willow.Core.Security;

namespace Willow.Gateway.Relay;

/// <summary>Signs every request to an agent with the home key (see <see cref="RequestSignature"/>).</summary>
public sealed class SigningHandler(HomeKeyring keyring, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        RequestSignature.Sign(
            request.Headers, keyring.Key, request.Method.Method, request.RequestUri!.PathAndQuery, time.GetUtcNow().ToUnixTimeSeconds(), RequestSignature.NewNonce(), body);
        return await base.SendAsync(request, cancellationToken);
    }
}
