using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Willow.Core.Protocol;
using Willow.Gateway.Journal;

namespace Willow.Gateway.HubLink;

/// <summary>
/// What the gateway sends the hub over HTTPS rather than its WebSocket: bodies too large for a hub message
/// (photos). Authenticated with the gateway's own token, like the WebSocket.
/// </summary>
public sealed class HubUploads(HttpClient http, IOptions<GatewayOptions> options)
{
    public const string HttpClientName = "willow-hub-uploads";

    public static void Configure(HttpClient client, GatewayOptions options)
    {
        client.BaseAddress = new Uri(options.HubUrl.TrimEnd('/') + "/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        client.Timeout = TimeSpan.FromSeconds(60);
    }

    /// <summary>Sends a photo; the hub keeps it once however often it is sent.</summary>
    public async Task<HubUploadResult> PutPhotoAsync(PhotoUpload photo, byte[] jpeg, CancellationToken cancellationToken)
    {
        var query = string.Create(
            CultureInfo.InvariantCulture,
            $"api/v1/gateway/photos/{photo.CommandId}?deviceId={Uri.EscapeDataString(photo.DeviceId)}&takenAt={Uri.EscapeDataString(photo.TakenAt.ToString("O", CultureInfo.InvariantCulture))}");
        if (photo.DoseId is { } dose)
        {
            query += $"&doseId={dose}";
        }

        using var content = new ByteArrayContent(jpeg);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        try
        {
            using var response = await http.PutAsync(query, content, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return HubUploadResult.Delivered;
            }

            var problem = ProblemText.Summarize(await response.Content.ReadAsStringAsync(cancellationToken)) ?? response.ReasonPhrase ?? "";
            var permanent = (int)response.StatusCode is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.Unauthorized);
            return new HubUploadResult(false, permanent, $"The hub answered {(int)response.StatusCode}: {problem}");
        }
        catch (HttpRequestException ex)
        {
            return new HubUploadResult(false, false, ex.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HubUploadResult(false, false, "The hub did not answer in time.");
        }
    }

    /// <summary>The configured hub, for logs.</summary>
    public string Hub => options.Value.HubUrl;
}
