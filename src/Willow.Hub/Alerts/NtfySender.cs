using System.Net.Http.Headers;
using System.Text;

namespace Willow.Hub.Alerts;

/// <summary>
/// Publishes to an ntfy topic as ntfy documents it: a POST of the message text to the topic URL, with the headers
/// <c>Title</c>, <c>Priority</c> (urgent → 5, warning → 4, info → 3), <c>Tags</c> (emoji short codes) and <c>Click</c>
/// (the dashboard link), and <c>Authorization: Bearer</c> for a protected topic.
/// </summary>
public sealed class NtfySender(IHttpClientFactory clients) : IAlertSender
{
    public string Kind => ChannelKinds.Ntfy;

    public async Task<string?> SendAsync(AlertNotice notice, AlertChannel channel, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, channel.Target)
        {
            Content = new StringContent($"{notice.Alert.NextStep}", Encoding.UTF8, "text/plain"),
        };
        request.Headers.TryAddWithoutValidation("Title", HeaderText(notice.Subject));
        request.Headers.Add("Priority", notice.Alert.Severity switch { "urgent" => "5", "warning" => "4", _ => "3" });
        request.Headers.Add("Tags", notice.Alert.Severity switch { "urgent" => "rotating_light,dog", "warning" => "warning,dog", _ => "information_source,dog" });
        if (Uri.TryCreate(notice.Alert.Link, UriKind.Absolute, out _))
        {
            request.Headers.Add("Click", notice.Alert.Link);
        }

        request.Headers.Add(WebhookSender.DeliveryIdHeader, notice.DeliveryId.ToString());
        if (channel.Secret is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await clients.CreateClient(AlertServiceExtensions.HttpClientName).SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode ? null : $"The ntfy server answered {(int)response.StatusCode} {response.ReasonPhrase}.";
    }

    /// <summary>HTTP headers are ASCII: a title with other characters goes as an RFC 2047 encoded word, which ntfy decodes.</summary>
    public static string HeaderText(string text) =>
        text.All(c => c is >= ' ' and <= '~') ? text : $"=?UTF-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}?=";
}
