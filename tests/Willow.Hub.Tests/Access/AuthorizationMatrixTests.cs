using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Willow.Hub.Access;
using Willow.Hub.Accounts;
using Willow.Hub.Households;
using Willow.Testing;

namespace Willow.Hub.Tests.Access;

/// <summary>
/// Who may call what, generated from the hub's own endpoint list: every endpoint × anonymous, viewer,
/// caregiver, owner, a member of another household, a member whose time has ended, and a revoked token.
/// An endpoint added later is in the list by itself; one that declares no access rule fails here.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.Home home) : IClassFixture<AuthorizationMatrixTests.Home>
{
    public enum Caller
    {
        Anonymous,
        Viewer,
        Caregiver,
        Owner,
        OtherHousehold,
        ExpiredMember,
        RevokedToken,
    }

    /// <summary>What an endpoint says about who may call it.</summary>
    internal enum Access
    {
        Anyone,
        Person,
        Household,
        Device,
        Gateway,
    }

    /// <summary>
    /// Who may call each endpoint, as reviewed: viewers read; caregivers also feed, call, refill and look after
    /// doses; owners also edit regimens, pets, devices' credentials, gateways, members and settings. A new
    /// endpoint fails <see cref="EveryEndpoint_HasAReviewedRule_AndDeclaresExactlyIt"/> until it is added here.
    /// </summary>
    private static readonly Dictionary<string, string> Reviewed = new(StringComparer.Ordinal)
    {
        ["/health/live"] = "anyone", ["/health/ready"] = "anyone", ["/metrics"] = "anyone", ["/openapi/{documentName}.json"] = "anyone", ["Dashboard"] = "anyone",
        ["/docs/scalar.js"] = "anyone", ["/docs/scalar.aspnetcore.js"] = "anyone", ["/docs/favicon.svg"] = "anyone", ["/docs/{documentName?}"] = "anyone",
        ["SignUp"] = "anyone", ["LogIn"] = "anyone", ["LogInForToken"] = "anyone", ["EnrollGateway"] = "anyone",
        ["/hubs/gateway/negotiate"] = "gateway", ["/hubs/gateway"] = "gateway", ["/hubs/live/negotiate"] = "person", ["/hubs/live"] = "person",
        ["AnnounceDirectDevice"] = "device", ["NextDirectCommand"] = "device", ["ReportDirectCommandEvent"] = "device",
        ["LogOut"] = "person", ["GetAccount"] = "person", ["GetAntiforgeryToken"] = "person", ["CreateAccessToken"] = "person",
        ["ListAccessTokens"] = "person", ["RevokeAccessToken"] = "person", ["ListHouseholds"] = "person", ["CreateHousehold"] = "person",
        ["AcceptInvitation"] = "person",
        ["GetHousehold"] = "viewer", ["UpdateHousehold"] = "owner",
        ["ListMembers"] = "viewer", ["ChangeMember"] = "owner", ["RemoveMember"] = "owner", ["LeaveHousehold"] = "viewer",
        ["CreateInvitation"] = "owner", ["ListInvitations"] = "owner", ["RevokeInvitation"] = "owner", ["ListAudit"] = "owner",
        ["ListDevices"] = "viewer", ["GetDevice"] = "viewer", ["RefillDevice"] = "caregiver", ["IssueDeviceToken"] = "owner", ["RevokeDeviceToken"] = "owner",
        ["IssueCommand"] = "caregiver", ["ListDeviceCommands"] = "viewer", ["GetCommand"] = "viewer", ["CancelCommand"] = "caregiver",
        ["ListCommands"] = "viewer", ["GetHouseholdCommand"] = "viewer",
        ["ListGateways"] = "viewer", ["CreateGateway"] = "owner", ["NewGatewayCode"] = "owner", ["RevokeGateway"] = "owner",
        ["CreatePet"] = "owner", ["ListPets"] = "viewer", ["GetPet"] = "viewer", ["GetAdherence"] = "viewer",
        ["CreateRegimen"] = "owner", ["PreviewRegimen"] = "owner", ["ListRegimens"] = "viewer", ["GetRegimen"] = "viewer", ["ChangeRegimen"] = "owner",
        ["PauseRegimen"] = "owner", ["ResumeRegimen"] = "owner", ["EndRegimen"] = "owner",
        ["ListDoses"] = "viewer", ["GetDose"] = "viewer", ["ConfirmDose"] = "caregiver", ["SkipDose"] = "caregiver",
        ["ListReadings"] = "viewer", ["LatestReadings"] = "viewer", ["ListPhotos"] = "viewer", ["GetPhoto"] = "viewer", ["UploadPhoto"] = "gateway",
        ["ListAlerts"] = "viewer", ["GetAlert"] = "viewer", ["AcknowledgeAlert"] = "caregiver",
        ["GetHouseholdAlertSettings"] = "viewer", ["ChangeHouseholdAlertSettings"] = "owner",
        ["ListMyChannels"] = "viewer", ["CreateChannel"] = "viewer", ["ChangeChannel"] = "viewer", ["DeleteChannel"] = "viewer", ["TestChannel"] = "viewer",
        ["GetMyAlertSettings"] = "viewer", ["ChangeMyAlertSettings"] = "viewer", ["ListMemberChannels"] = "owner",
        ["ListSounds"] = "viewer", ["UploadSound"] = "owner", ["DeleteSound"] = "owner", ["WatchCamera"] = "viewer",
    };

    [Fact]
    public void EveryEndpoint_HasAReviewedRule_AndDeclaresExactlyIt()
    {
        var wrong = new List<string>();
        foreach (var endpoint in home.Endpoints)
        {
            var declared = endpoint.Access switch
            {
                Access.Household => endpoint.Role!.Value.ToWire(),
                null => "nothing",
                var access => access.ToString()!.ToLowerInvariant(),
            };
            if (!Reviewed.TryGetValue(endpoint.Name, out var reviewed))
            {
                wrong.Add($"{endpoint.Display}: not reviewed (declares {declared}); add it to Reviewed");
            }
            else if (reviewed != declared)
            {
                wrong.Add($"{endpoint.Display}: reviewed as {reviewed}, declares {declared}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
        Assert.Equal(Reviewed.Count, home.Endpoints.Select(e => e.Name).Distinct().Count());
    }

    [Fact]
    public void EveryEndpoint_DeclaresWhoMayCallIt()
    {
        Assert.Contains(home.Endpoints, e => e.Pattern == "/api/v1/households/{householdId:guid}/devices/{deviceId}/commands/" && e.Methods.Contains("POST"));
        Assert.Contains(home.Endpoints, e => e.Pattern == "/api/v1/device/commands/next");
        Assert.Contains(home.Endpoints, e => e.Pattern == "/hubs/gateway");
        var undeclared = home.Endpoints.Where(e => e.Access is null).Select(e => e.Display).ToList();
        Assert.True(undeclared.Count == 0, "Endpoints with no access rule:\n" + string.Join('\n', undeclared));
    }

    [Fact]
    public void EveryHouseholdEndpoint_NamesTheLeastRole()
    {
        var missing = home.Endpoints
            .Where(e => e.Pattern.Contains("{householdId", StringComparison.Ordinal) && e.Role is null)
            .Select(e => e.Display).ToList();
        Assert.True(missing.Count == 0, "Household endpoints without .Requires(role):\n" + string.Join('\n', missing));
        Assert.Contains(home.Endpoints, e => e.Role == HouseholdRole.Viewer);
        Assert.Contains(home.Endpoints, e => e.Role == HouseholdRole.Caregiver);
        Assert.Contains(home.Endpoints, e => e.Role == HouseholdRole.Owner);
    }

    [Theory]
    [InlineData(Caller.Anonymous)]
    [InlineData(Caller.Viewer)]
    [InlineData(Caller.Caregiver)]
    [InlineData(Caller.Owner)]
    [InlineData(Caller.OtherHousehold)]
    [InlineData(Caller.ExpiredMember)]
    [InlineData(Caller.RevokedToken)]
    public async Task EveryEndpoint_AnswersThisCallerAsItsRuleSays(Caller caller)
    {
        using var client = home.Hub.Client(home.Tokens[caller]);
        var wrong = new List<string>();
        // Leaving the household ends the caller's part in the rest, so it goes last.
        foreach (var endpoint in home.Endpoints.Where(e => e.Access is not null).OrderBy(e => e.Pattern.EndsWith("/members/me", StringComparison.Ordinal)))
        {
            foreach (var method in endpoint.Methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), home.PathOf(endpoint));
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                var title = status >= 400 ? await TitleAsync(response) : null;
                var expected = Expect(endpoint, caller);
                var ok = status < 500 && expected switch
                {
                    Expected.Allowed => status is not (401 or 403) && title != "Household not found" && (status < 400 || title is not null || !endpoint.Pattern.StartsWith("/api", StringComparison.Ordinal)),
                    Expected.Unauthorized => status == 401,
                    Expected.Forbidden => status == 403,
                    Expected.NotFound => status == 404 && title == "Household not found",
                    _ => false,
                };
                if (!ok)
                {
                    wrong.Add($"{method} {endpoint.Pattern}: expected {expected}, got {status}{(title is null ? "" : $" ({title})")}");
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{caller}:\n" + string.Join('\n', wrong));
    }

    /// <summary>The problem's title; null when an error is not problem details.</summary>
    private static async Task<string?> TitleAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return null;
        }

        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.TryGetProperty("title", out var title) ? title.GetString() : null;
    }

    private enum Expected
    {
        Allowed,
        Unauthorized,
        Forbidden,
        NotFound,
    }

    private static Expected Expect(MatrixEndpoint endpoint, Caller caller)
    {
        if (endpoint.Access == Access.Anyone)
        {
            return Expected.Allowed;
        }

        if (caller is Caller.Anonymous or Caller.RevokedToken)
        {
            return Expected.Unauthorized;
        }

        // Every other caller is a person with a valid token.
        return endpoint.Access switch
        {
            Access.Person => Expected.Allowed,
            Access.Device or Access.Gateway => Expected.Forbidden,
            _ => caller switch
            {
                Caller.OtherHousehold or Caller.ExpiredMember => Expected.NotFound,
                _ => RoleOf(caller) >= endpoint.Role ? Expected.Allowed : Expected.Forbidden,
            },
        };
    }

    private static HouseholdRole RoleOf(Caller caller) => caller switch
    {
        Caller.Viewer => HouseholdRole.Viewer,
        Caller.Caregiver => HouseholdRole.Caregiver,
        _ => HouseholdRole.Owner,
    };

    internal sealed record MatrixEndpoint(string Name, string Pattern, IReadOnlyList<string> Methods, Access? Access, HouseholdRole? Role, string Display);

    /// <summary>One hub, with a person for every kind of caller; the endpoint list is the hub's own.</summary>
    public sealed class Home : IAsyncLifetime
    {
        private readonly TempDirectory _directory = new("matrix");

        internal HubHost Hub { get; private set; } = null!;

        internal Dictionary<Caller, string?> Tokens { get; } = [];

        internal IReadOnlyList<MatrixEndpoint> Endpoints { get; private set; } = [];


        public async ValueTask InitializeAsync()
        {
            Hub = await HubHost.StartAsync(_directory);
            var now = Hub.Service<TimeProvider>().GetUtcNow();
            Tokens[Caller.Anonymous] = null;
            Tokens[Caller.Viewer] = (await Hub.AddPersonAsync(HouseholdRole.Viewer)).Token;
            Tokens[Caller.Caregiver] = (await Hub.AddPersonAsync(HouseholdRole.Caregiver)).Token;
            Tokens[Caller.Owner] = (await Hub.AddPersonAsync(HouseholdRole.Owner)).Token;
            Tokens[Caller.OtherHousehold] = Hub.Identity.OtherApiToken;
            Tokens[Caller.ExpiredMember] = (await Hub.AddPersonAsync(HouseholdRole.Caregiver, endsAt: now.AddHours(-1))).Token;
            var revoked = await Hub.AddPersonAsync(HouseholdRole.Owner);
            Assert.True(await Hub.Service<IAccountStore>().RevokeTokenAsync(revoked.UserId, revoked.TokenId, now, default));
            Tokens[Caller.RevokedToken] = revoked.Token;

            Endpoints = [.. Hub.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Select(Describe)];
        }

        /// <summary>A path for the pattern: our household, and ids that exist nowhere (nothing real is changed).</summary>
        internal string PathOf(MatrixEndpoint endpoint) => RoutePatterns.Fill(endpoint.Pattern, (name, constraint) => name switch
        {
            "householdId" => Hub.HouseholdId.ToString(),
            "deviceId" => "no-such-device",
            "gatewayId" => "no-such-gateway",
            _ when constraint == "guid" => Guid.NewGuid().ToString(),
            _ => $"no-such-{name}",
        });

        private static MatrixEndpoint Describe(RouteEndpoint endpoint)
        {
            var metadata = endpoint.Metadata;
            var role = metadata.GetMetadata<RequiredRole>()?.Role;
            var policies = metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            Access? access = metadata.GetMetadata<IAllowAnonymous>() is not null ? Access.Anyone
                : role is not null && policies.Contains(AccessPolicies.Person) ? Access.Household
                : policies.Contains(AccessPolicies.Device) ? Access.Device
                : policies.Contains(AccessPolicies.Gateway) ? Access.Gateway
                : policies.Contains(AccessPolicies.Person) ? Access.Person
                : null;
            var methods = metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var name = RoutePatterns.NameOf(endpoint);
            return new MatrixEndpoint(name, pattern, methods, access, role, $"{string.Join(",", methods)} {pattern} ({endpoint.DisplayName})");
        }

        public async ValueTask DisposeAsync()
        {
            await Hub.DisposeAsync();
            _directory.Dispose();
        }
    }
}
