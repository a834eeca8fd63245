using System.Net.Http.Headers;
using System.Text.Json;

namespace Willow.Hub.Alerts;

/// <summary>POSTs the alert as JSON (<see cref="WebhookPayload"/>), signed (<see cref="WebhookSignature"/>), with <c>Willow-Delivery-Id</c>. Any 2xx answer is taken.</summary>
public sealed class WebhookSender(IHttpClientFactory clients, TimeProvider time) : IAlertSender
{
    public const string DeliveryIdHeader = "Willow-Delivery-Id";

    public string Kind => ChannelKinds.Webhook;

    public async Task<string?> SendAsync(AlertNotice notice, AlertChannel channel, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new WebhookPayload(notice.DeliveryId, notice.Test, notice.Alert), HubJsonContext.Default.WebhookPayload);
        using var request = new HttpRequestMessage(HttpMethod.Post, channel.Target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(DeliveryIdHeader, notice.DeliveryId.ToString());
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(channel.Secret ?? "", time.GetUtcNow().ToUnixTimeSeconds(), body));
        using var response = await clients.CreateClient(AlertServiceExtensions.HttpClientName).SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode ? null : $"The webhook answered {(int)response.StatusCode} {response.ReasonPhrase}.";
    }
}
