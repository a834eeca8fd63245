using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Willow.Core.Protocol;
using Willow.Hub;
using Willow.Hub.Accounts;
using Willow.Hub.Audit;
using Willow.Hub.Commands;
using Willow.Hub.Devices;
using Willow.Hub.Gateways;
using Willow.Hub.Doses;
using Willow.Hub.Households;
using Willow.Hub.Pets;
using Willow.Hub.Readings;
using Willow.Hub.Regimens;

namespace Willow.Cli.Client;

/// <summary>The hub's REST API as the CLI uses it. Every failure becomes a one-line <see cref="CliException"/>.</summary>
public sealed class HubClient : IDisposable
{
    private readonly HttpClient _http;

    public HubClient(string hubUrl, string? token, HttpMessageHandler? handler = null)
    {
        if (!Uri.TryCreate(hubUrl.TrimEnd('/') + "/", UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            throw new CliException($"'{hubUrl}' is not an http(s) address of a hub.", ExitCodes.Usage);
        }

        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = baseAddress;
        _http.Timeout = TimeSpan.FromSeconds(30);
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        HubUrl = baseAddress.ToString().TrimEnd('/');
    }

    public string HubUrl { get; }

    public Task<IReadOnlyList<HouseholdView>> HouseholdsAsync(CancellationToken cancellationToken) =>
        GetAsync("api/v1/households", HubJsonContext.Default.IReadOnlyListHouseholdView, cancellationToken);

    public Task<IReadOnlyList<DeviceView>> DevicesAsync(Guid householdId, CancellationToken cancellationToken) =>
        GetAsync($"api/v1/households/{householdId}/devices", HubJsonContext.Default.IReadOnlyListDeviceView, cancellationToken);

    public Task<IReadOnlyList<GatewayView>> GatewaysAsync(Guid householdId, CancellationToken cancellationToken) =>
        GetAsync($"api/v1/households/{householdId}/gateways", HubJsonContext.Default.IReadOnlyListGatewayView, cancellationToken);

    public Task<IReadOnlyList<CommandView>> RecentCommandsAsync(Guid householdId, int limit, CancellationToken cancellationToken) =>
        GetAsync($"api/v1/households/{householdId}/commands?limit={limit}", HubJsonContext.Default.IReadOnlyListCommandView, cancellationToken);

    public Task<CommandView> CommandAsync(Guid householdId, Guid commandId, CancellationToken cancellationToken) =>
        GetAsync($"api/v1/households/{householdId}/commands/{commandId}", HubJsonContext.Default.CommandView, cancellationToken);

    public Task<IReadOnlyList<ReadingView>> LatestReadingsAsync(Guid householdId, CancellationToken cancellationToken) =>
        GetAsync($"api/v1/households/{householdId}/readings/latest", HubJsonContext.Default.IReadOnlyListReadingView, cancellationToken);

    /// <summary>A photo's JPEG, or null while the hub does not have it yet.</summary>
    public async Task<byte[]?> PhotoAsync(Guid householdId, Guid photoId, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, $"api/v1/households/{householdId}/photos/{photoId}");
        using var response = await SendCoreAsync(message, cancellationToken, allowNotFound: true);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    public Task<IReadOnlyList<PetView>> PetsAsync(Guid householdId, CancellationToken cancellationToken) =>
        GetAsync($"api/v1/households/{householdId}/pets", HubJsonContext.Default.IReadOnlyListPetView, cancellationToken);

    public Task<PetView> AddPetAsync(Guid householdId, CreatePetRequest request, CancellationToken cancellationToken) =>
        PostAsync($"api/v1/households/{householdId}/pets", JsonContent.Create(request, HubJsonContext.Default.CreatePetRequest), HubJsonContext.Default.PetView, cancellationToken);

    public Task<IReadOnlyList<RegimenView>> RegimensAsync(Guid householdId, CancellationToken cancellationToken) =>
        GetAsync($"api/v1/households/{householdId}/regimens", HubJsonContext.Default.IReadOnlyListRegimenView, cancellationToken);

    public Task<RegimenView> AddRegimenAsync(Guid householdId, RegimenRequest request, CancellationToken cancellationToken) =>
        PostAsync($"api/v1/households/{householdId}/regimens", JsonContent.Create(request, HubJsonContext.Default.RegimenRequest), HubJsonContext.Default.RegimenView, cancellationToken);

    /// <summary>pause, resume, or end (DELETE).</summary>
    public async Task<RegimenView> ChangeRegimenAsync(Guid householdId, Guid regimenId, string change, CancellationToken cancellationToken)
    {
        using var message = change == "end"
            ? new HttpRequestMessage(HttpMethod.Delete, $"api/v1/households/{householdId}/regimens/{regimenId}")
            : new HttpRequestMessage(HttpMethod.Post, $"api/v1/households/{householdId}/regimens/{regimenId}/{change}");
        return await SendAsync(message, HubJsonContext.Default.RegimenView, cancellationToken);
    }

    public Task<IReadOnlyList<DoseView>> DosesAsync(Guid householdId, DateTimeOffset from, DateTimeOffset to, Guid? petId, CancellationToken cancellationToken) =>
        GetAsync(
            $"api/v1/households/{householdId}/doses?from={Uri.EscapeDataString(from.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}{(petId is { } p ? $"&pet={p}" : "")}",
            HubJsonContext.Default.IReadOnlyListDoseView,
            cancellationToken);

    public Task<DeviceView> RefillAsync(Guid householdId, string deviceId, RefillRequest request, CancellationToken cancellationToken) =>
        PostAsync($"api/v1/households/{householdId}/devices/{Uri.EscapeDataString(deviceId)}/refill", JsonContent.Create(request, HubJsonContext.Default.RefillRequest), HubJsonContext.Default.DeviceView, cancellationToken);

    public Task<AccountView> SignUpAsync(SignUpRequest request, CancellationToken cancellationToken) =>
        PostAsync("api/v1/account/signup", JsonContent.Create(request, HubJsonContext.Default.SignUpRequest), HubJsonContext.Default.AccountView, cancellationToken);

    public Task<AccountView> AccountAsync(CancellationToken cancellationToken) =>
        GetAsync("api/v1/account", HubJsonContext.Default.AccountView, cancellationToken);

    /// <summary>Signs in with a password and gets a new personal access token (no token needed).</summary>
    public Task<NewAccessToken> LogInForTokenAsync(TokenLoginRequest request, CancellationToken cancellationToken) =>
        PostAsync("api/v1/account/token", JsonContent.Create(request, HubJsonContext.Default.TokenLoginRequest), HubJsonContext.Default.NewAccessToken, cancellationToken);

    public Task<NewAccessToken> CreateTokenAsync(CreateTokenRequest request, CancellationToken cancellationToken) =>
        PostAsync("api/v1/account/tokens", JsonContent.Create(request, HubJsonContext.Default.CreateTokenRequest), HubJsonContext.Default.NewAccessToken, cancellationToken);

    public Task<IReadOnlyList<AccessTokenView>> TokensAsync(CancellationToken cancellationToken) =>
        GetAsync("api/v1/account/tokens", HubJsonContext.Default.IReadOnlyListAccessTokenView, cancellationToken);

    public Task RevokeTokenAsync(Guid tokenId, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"api/v1/account/tokens/{tokenId}"), cancellationToken);

    public Task<HouseholdView> CreateHouseholdAsync(CreateHouseholdRequest request, CancellationToken cancellationToken) =>
        PostAsync("api/v1/households", JsonContent.Create(request, HubJsonContext.Default.CreateHouseholdRequest), HubJsonContext.Default.HouseholdView, cancellationToken);

    public Task<IReadOnlyList<MemberView>> MembersAsync(Guid householdId, CancellationToken cancellationToken) =>
        GetAsync($"api/v1/households/{householdId}/members", HubJsonContext.Default.IReadOnlyListMemberView, cancellationToken);

    public Task<MemberView> ChangeMemberAsync(Guid householdId, Guid userId, ChangeMemberRequest request, CancellationToken cancellationToken) =>
        SendAsync(
            new HttpRequestMessage(HttpMethod.Patch, $"api/v1/households/{householdId}/members/{userId}") { Content = JsonContent.Create(request, HubJsonContext.Default.ChangeMemberRequest) },
            HubJsonContext.Default.MemberView,
            cancellationToken);

    public Task RemoveMemberAsync(Guid householdId, Guid userId, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"api/v1/households/{householdId}/members/{userId}"), cancellationToken);

    public Task LeaveAsync(Guid householdId, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"api/v1/households/{householdId}/members/me"), cancellationToken);

    public Task<NewInvitation> InviteAsync(Guid householdId, CreateInvitationRequest request, CancellationToken cancellationToken) =>
        PostAsync($"api/v1/households/{householdId}/invitations", JsonContent.Create(request, HubJsonContext.Default.CreateInvitationRequest), HubJsonContext.Default.NewInvitation, cancellationToken);

    public Task<IReadOnlyList<InvitationView>> InvitationsAsync(Guid householdId, CancellationToken cancellationToken) =>
        GetAsync($"api/v1/households/{householdId}/invitations", HubJsonContext.Default.IReadOnlyListInvitationView, cancellationToken);

    public Task RevokeInvitationAsync(Guid householdId, Guid invitationId, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"api/v1/households/{householdId}/invitations/{invitationId}"), cancellationToken);

    public Task<HouseholdView> AcceptInvitationAsync(string code, CancellationToken cancellationToken) =>
        PostAsync("api/v1/invitations/accept", JsonContent.Create(new AcceptInvitationRequest { Code = code }, HubJsonContext.Default.AcceptInvitationRequest), HubJsonContext.Default.HouseholdView, cancellationToken);

    public Task<IReadOnlyList<AuditView>> AuditAsync(Guid householdId, int limit, CancellationToken cancellationToken) =>
        GetAsync($"api/v1/households/{householdId}/audit?limit={limit}", HubJsonContext.Default.IReadOnlyListAuditView, cancellationToken);

    public Task<GatewayEnrollmentCode> CreateGatewayAsync(Guid householdId, string gatewayId, CancellationToken cancellationToken) =>
        PostAsync($"api/v1/households/{householdId}/gateways", JsonContent.Create(new CreateGatewayRequest { GatewayId = gatewayId }, HubJsonContext.Default.CreateGatewayRequest), HubJsonContext.Default.GatewayEnrollmentCode, cancellationToken);

    public Task<GatewayEnrollmentCode> GatewayCodeAsync(Guid householdId, string gatewayId, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, $"api/v1/households/{householdId}/gateways/{Uri.EscapeDataString(gatewayId)}/code"), HubJsonContext.Default.GatewayEnrollmentCode, cancellationToken);

    public Task<GatewayView> RevokeGatewayAsync(Guid householdId, string gatewayId, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, $"api/v1/households/{householdId}/gateways/{Uri.EscapeDataString(gatewayId)}/revoke"), HubJsonContext.Default.GatewayView, cancellationToken);

    public Task<DeviceToken> IssueDeviceTokenAsync(Guid householdId, string deviceId, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, $"api/v1/households/{householdId}/devices/{Uri.EscapeDataString(deviceId)}/token"), HubJsonContext.Default.DeviceToken, cancellationToken);

    public Task RevokeDeviceTokenAsync(Guid householdId, string deviceId, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"api/v1/households/{householdId}/devices/{Uri.EscapeDataString(deviceId)}/token"), cancellationToken);

    /// <summary>Issues a command; a dropped connection is retried once with the same idempotency key.</summary>
    public async Task<CommandView> IssueAsync(
        Guid householdId, string deviceId, IssueCommandRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, $"api/v1/households/{householdId}/devices/{Uri.EscapeDataString(deviceId)}/commands")
            {
                Content = JsonContent.Create(request, HubJsonContext.Default.IssueCommandRequest),
            };
            message.Headers.Add("Idempotency-Key", idempotencyKey);
            try
            {
                return await SendAsync(message, HubJsonContext.Default.CommandView, cancellationToken);
            }
            catch (CliException ex) when (attempt == 1 && ex.ExitCode == ExitCodes.Unreachable)
            {
                // Safe to repeat: the hub answers a repeated key with the command it already created.
            }
        }
    }

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync("health/ready", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public Task<IReadOnlyList<Hub.Alerts.AlertView>> AlertsAsync(Guid householdId, string? state, int limit, CancellationToken cancellationToken) =>
        GetAsync($"api/v1/households/{householdId}/alerts?limit={limit}{(state is null ? "" : $"&state={Uri.EscapeDataString(state)}")}", HubJsonContext.Default.IReadOnlyListAlertView, cancellationToken);

    public Task<Hub.Alerts.AlertView> AcknowledgeAlertAsync(Guid householdId, Guid alertId, CancellationToken cancellationToken) =>
        PostAsync($"api/v1/households/{householdId}/alerts/{alertId}/acknowledge", new StringContent(""), HubJsonContext.Default.AlertView, cancellationToken);

    public Task<IReadOnlyList<Hub.Alerts.ChannelView>> ChannelsAsync(Guid householdId, CancellationToken cancellationToken) =>
        GetAsync($"api/v1/households/{householdId}/members/me/channels", HubJsonContext.Default.IReadOnlyListChannelView, cancellationToken);

    public Task<Hub.Alerts.ChannelView> AddChannelAsync(Guid householdId, Hub.Alerts.ChannelRequest request, CancellationToken cancellationToken) =>
        PostAsync($"api/v1/households/{householdId}/members/me/channels", JsonContent.Create(request, HubJsonContext.Default.ChannelRequest), HubJsonContext.Default.ChannelView, cancellationToken);

    public Task RemoveChannelAsync(Guid householdId, Guid channelId, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"api/v1/households/{householdId}/members/me/channels/{channelId}"), cancellationToken);

    public Task<Hub.Alerts.ChannelTestResult> TestChannelAsync(Guid householdId, Guid channelId, CancellationToken cancellationToken) =>
        PostAsync($"api/v1/households/{householdId}/members/me/channels/{channelId}/test", new StringContent(""), HubJsonContext.Default.ChannelTestResult, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<T> PostAsync<T>(string path, HttpContent content, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        return await SendAsync(message, type, cancellationToken);
    }

    private async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(message, type, cancellationToken);
    }

    /// <summary>For answers with no body (204).</summary>
    private async Task SendAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        using (message)
        {
            using var response = await SendCoreAsync(message, cancellationToken);
        }
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage message, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(message, cancellationToken);
        return await response.Content.ReadFromJsonAsync(type, cancellationToken)
            ?? throw new CliException($"The hub answered {(int)response.StatusCode} with an empty body.");
    }

    /// <summary>A successful response, or a <see cref="CliException"/> saying what went wrong.</summary>
    private async Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage message, CancellationToken cancellationToken, bool allowNotFound = false)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"Cannot reach the hub at {HubUrl}: {ex.Message}. Is it running? ('willow demo' starts one.)", ExitCodes.Unreachable);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"The hub at {HubUrl} did not answer within {_http.Timeout.TotalSeconds:0} s.", ExitCodes.Unreachable);
        }

        if (!response.IsSuccessStatusCode && !(allowNotFound && response.StatusCode == HttpStatusCode.NotFound))
        {
            using (response)
            {
                throw await ProblemAsync(response, cancellationToken);
            }
        }

        return response;
    }

    private static async Task<CliException> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = ProblemText.Summarize(await response.Content.ReadAsStringAsync(cancellationToken))
            ?? $"The hub answered {(int)response.StatusCode}.";

        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new CliException($"The hub refused the credentials ({text}). Run 'willow login' again.", ExitCodes.NotAllowed),
            HttpStatusCode.Forbidden => new CliException(text, ExitCodes.NotAllowed),
            HttpStatusCode.TooManyRequests => new CliException(
                $"{text}{(response.Headers.RetryAfter?.Delta is { } wait ? $" (the hub asks to wait {wait.TotalSeconds:0} s)" : "")}", ExitCodes.Failure),
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => new CliException(text, ExitCodes.Usage),
            _ => new CliException(text),
        };
    }
}
