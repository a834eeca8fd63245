using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Willow.Core.Protocol;

namespace Willow.Gateway.Enrollment;

/// <summary>
/// Trades the one-time code an owner got for this gateway's long-lived token (<c>POST /api/v1/gateways/enroll</c>).
/// The code is spent by the first request that reaches the hub, so it is not retried.
/// </summary>
public static class HubEnrollment
{
    public static async Task<GatewayCredentials> EnrollAsync(HttpClient http, Uri hubUrl, string code, TimeProvider time, CancellationToken cancellationToken)
    {
        var hub = hubUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        using var response = await http.PostAsJsonAsync($"{hub}/api/v1/gateways/enroll", new EnrollRequest(code), EnrollmentJson.Default.EnrollRequest, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new EnrollmentRefusedException(
                (int)response.StatusCode, ProblemText.Summarize(body) ?? $"The hub answered {(int)response.StatusCode}.");
        }

        var answer = JsonSerializer.Deserialize(body, EnrollmentJson.Default.EnrollAnswer)
            ?? throw new EnrollmentRefusedException((int)response.StatusCode, "The hub answered with an empty body.");
        return new GatewayCredentials(hub, answer.HouseholdId, answer.GatewayId, answer.Token, time.GetUtcNow());
    }

    internal sealed record EnrollRequest(string Code);

    internal sealed record EnrollAnswer(Guid HouseholdId, string GatewayId, string Token);
}

/// <summary>The hub did not accept the code; <see cref="Exception.Message"/> says why.</summary>
public sealed class EnrollmentRefusedException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HubEnrollment.EnrollRequest))]
[JsonSerializable(typeof(HubEnrollment.EnrollAnswer))]
internal sealed partial class EnrollmentJson : JsonSerializerContext;
