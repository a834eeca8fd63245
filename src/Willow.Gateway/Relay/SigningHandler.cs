using System.Globalization;
using Willow.Core.Security;

namespace Willow.Gateway.Relay;

/// <summary>Signs every request to an agent with the home key (see <see cref="RequestSignature"/>).</summary>
public sealed class SigningHandler(HomeKeyring keyring, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var nonce = RequestSignature.NewNonce();
        var signature = RequestSignature.Compute(keyring.Key, request.Method.Method, request.RequestUri!.PathAndQuery, timestamp, nonce, body);
        request.Headers.Remove(RequestSignature.TimestampHeader);
        request.Headers.Remove(RequestSignature.NonceHeader);
        request.Headers.Remove(RequestSignature.SignatureHeader);
        request.Headers.Add(RequestSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(RequestSignature.NonceHeader, nonce);
        request.Headers.Add(RequestSignature.SignatureHeader, signature);
        return await base.SendAsync(request, cancellationToken);
    }
}
