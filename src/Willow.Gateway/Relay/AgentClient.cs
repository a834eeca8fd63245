using System.Globalization;
using System.Net.Http.Json;
using Willow.Core.Protocol;
using Willow.Gateway.Discovery;

namespace Willow.Gateway.Relay;

/// <summary>Signed HTTP calls from the gateway to an agent on the LAN.</summary>
public sealed class AgentClient(HttpClient http)
{
    public const string HttpClientName = "willow-agents";

    public async Task<AgentCallResult> ActuateAsync(AgentEndpoint agent, ActuationRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var content = JsonContent.Create(request, WillowJsonContext.Default.ActuationRequest);
            using var response = await http.PostAsync(new Uri(agent.BaseAddress, "api/v1/actuations"), content, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var outcome = await response.Content.ReadFromJsonAsync(WillowJsonContext.Default.ActuationOutcome, cancellationToken);
                return outcome is null
                    ? new AgentCallResult(AgentCallStatus.Indeterminate, Problem: "The agent answered with an empty body.")
                    : new AgentCallResult(AgentCallStatus.Answered, outcome);
            }

            var problem = await ReadProblemAsync(response, cancellationToken);
            return (int)response.StatusCode is >= 400 and < 500
                ? new AgentCallResult(AgentCallStatus.Rejected, Problem: problem)
                : new AgentCallResult(AgentCallStatus.Indeterminate, Problem: problem);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            return new AgentCallResult(AgentCallStatus.NotReached, Problem: ex.Message);
        }
        catch (HttpRequestException ex)
        {
            return new AgentCallResult(AgentCallStatus.Indeterminate, Problem: ex.Message);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new AgentCallResult(AgentCallStatus.Indeterminate, Problem: $"No answer in time ({ex.Message}).");
        }
    }

    public async Task<AgentInfo?> GetInfoAsync(AgentEndpoint agent, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(agent.BaseAddress, "api/v1/info"), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(await ReadProblemAsync(response, cancellationToken), null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync(WillowJsonContext.Default.AgentInfo, cancellationToken);
    }

    /// <summary>
    /// Readings after <paramref name="after"/>; with <paramref name="wait"/>, the agent holds the request until a
    /// new reading arrives or the wait is over (long-poll).
    /// </summary>
    public async Task<ReadingPage> GetReadingsAsync(AgentEndpoint agent, long after, TimeSpan wait, int limit, CancellationToken cancellationToken)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"{AgentRoutes.Readings}?after={after}&limit={limit}&wait={(int)wait.TotalSeconds}");
        using var response = await http.GetAsync(new Uri(agent.BaseAddress, query), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(await ReadProblemAsync(response, cancellationToken), null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync(WillowJsonContext.Default.ReadingPage, cancellationToken)
            ?? throw new HttpRequestException("The agent answered with an empty page of readings.");
    }

    /// <summary>The JPEG a snapshot command took, or null if the agent has no such photo (any more).</summary>
    public async Task<byte[]?> GetPhotoAsync(AgentEndpoint agent, Guid commandId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(agent.BaseAddress, $"{AgentRoutes.Photos}/{commandId}"), cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(await ReadProblemAsync(response, cancellationToken), null, response.StatusCode);
        }

        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>Adds or replaces a sound in a speaker's library; the answer is the agent's status and problem.</summary>
    public async Task<(int Status, string? Problem)> PutSoundAsync(AgentEndpoint agent, string name, string contentType, byte[] content, CancellationToken cancellationToken)
    {
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var response = await http.PutAsync(new Uri(agent.BaseAddress, $"{AgentRoutes.Sounds}/{Uri.EscapeDataString(name)}"), body, cancellationToken);
        return ((int)response.StatusCode, response.IsSuccessStatusCode ? null : await ReadProblemAsync(response, cancellationToken));
    }

    public async Task<(int Status, string? Problem)> DeleteSoundAsync(AgentEndpoint agent, string name, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync(new Uri(agent.BaseAddress, $"{AgentRoutes.Sounds}/{Uri.EscapeDataString(name)}"), cancellationToken);
        return ((int)response.StatusCode, response.IsSuccessStatusCode ? null : await ReadProblemAsync(response, cancellationToken));
    }

    public async Task<IReadOnlyList<string>> ListSoundsAsync(AgentEndpoint agent, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(agent.BaseAddress, AgentRoutes.Sounds), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(await ReadProblemAsync(response, cancellationToken), null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync(WillowJsonContext.Default.IReadOnlyListString, cancellationToken) ?? [];
    }

    private static async Task<string> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var problem = ProblemText.Summarize(await response.Content.ReadAsStringAsync(cancellationToken));
        return problem is null ? $"Agent answered {(int)response.StatusCode}." : $"Agent answered {(int)response.StatusCode}: {problem}";
    }
}
