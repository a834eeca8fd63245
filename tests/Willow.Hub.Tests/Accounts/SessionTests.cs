using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Willow.Hub.Access;
using Willow.Testing;

namespace Willow.Hub.Tests.Accounts;

/// <summary>
/// What the dashboard does with an account: sign up, sign in with a cookie, write only with the antiforgery
/// token, sign out, and personal access tokens that are shown once and die when revoked.
/// </summary>
public sealed class SessionTests : HubTestBase
{
    [Fact]
    public async Task SignUp_SignIn_CreateAHousehold_WithTheCookieAndTheAntiforgeryToken()
    {
        using var browser = Browser(out var cookies);
        using (var signUp = await browser.PostAsJsonAsync("api/v1/account/signup", new { email = "Sam@Example.org", password = "a long enough password", displayName = "Sam" }))
        {
            Assert.Equal(HttpStatusCode.Created, signUp.StatusCode);
        }

        using (var login = await browser.PostAsJsonAsync("api/v1/account/login", new { email = "sam@example.org", password = "a long enough password" }))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            var setCookie = string.Join(';', login.Headers.GetValues("Set-Cookie"));
            Assert.Contains($"{SessionCookie.CookieName}=", setCookie, StringComparison.Ordinal);
            Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        }

        var me = JsonDocument.Parse(await browser.GetStringAsync("api/v1/account")).RootElement;
        Assert.Equal("sam@example.org", me.GetProperty("email").GetString());
        Assert.Equal(0, me.GetProperty("households").GetArrayLength());

        // A cookie is sent by the browser whoever made the page: a write needs the antiforgery token too.
        using (var forged = await browser.PostAsJsonAsync("api/v1/households", new { name = "Sam's flat", timeZone = "Europe/London" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            Assert.Equal("Missing or wrong antiforgery token", await forged.ProblemTitleAsync());
        }

        Assert.Equal(0, JsonDocument.Parse(await browser.GetStringAsync("api/v1/households")).RootElement.GetArrayLength());

        var antiforgery = JsonDocument.Parse(await browser.GetStringAsync("api/v1/account/antiforgery")).RootElement;
        browser.DefaultRequestHeaders.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        using (var created = await browser.PostAsJsonAsync("api/v1/households", new { name = "Sam's flat", timeZone = "Europe/London" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var households = JsonDocument.Parse(await browser.GetStringAsync("api/v1/households")).RootElement;
        Assert.Equal("Sam's flat", Assert.Single(households.EnumerateArray()).GetProperty("name").GetString());
        Assert.Single(cookies.GetAllCookies(), c => c.Name == SessionCookie.CookieName);
    }

    [Fact]
    public async Task LogOut_TheOldCookieStopsWorkingAtOnce_EvenIfSomeoneKeptACopy()
    {
        using var browser = Browser(out var cookies);
        using (var login = await browser.PostAsJsonAsync("api/v1/account/login", new { email = HubSeed.OwnerEmail, password = HubSeed.Password }))
        {
            login.EnsureSuccessStatusCode();
        }

        var stolen = cookies.GetAllCookies().Single(c => c.Name == SessionCookie.CookieName).Value;
        var antiforgery = JsonDocument.Parse(await browser.GetStringAsync("api/v1/account/antiforgery")).RootElement;
        browser.DefaultRequestHeaders.Add(CookieWriteProtection.HeaderName, antiforgery.GetProperty("token").GetString());
        using (var logout = await browser.PostAsync("api/v1/account/logout", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        using var thief = new HttpClient { BaseAddress = new Uri(Hub.Url + "/") };
        thief.DefaultRequestHeaders.Add("Cookie", $"{SessionCookie.CookieName}={stolen}");
        using var response = await thief.GetAsync($"api/v1/households/{Hub.HouseholdId}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task LiveFeedWithTheCookie_AnswersPagesOfThisHubOnly()
    {
        using var browser = Browser(out _);
        (await browser.PostAsJsonAsync("api/v1/account/login", new { email = HubSeed.OwnerEmail, password = HubSeed.Password })).EnsureSuccessStatusCode();

        using var sameSite = new HttpRequestMessage(HttpMethod.Post, "hubs/live/negotiate?negotiateVersion=1");
        sameSite.Headers.Add("Origin", Hub.Url);
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(sameSite)).StatusCode);

        using var crossSite = new HttpRequestMessage(HttpMethod.Post, "hubs/live/negotiate?negotiateVersion=1");
        crossSite.Headers.Add("Origin", "https://evil.example");
        using var refused = await browser.SendAsync(crossSite);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Cross-site request refused", await refused.ProblemTitleAsync());
    }

    [Fact]
    public async Task WrongPassword_AndUnknownEmail_GetTheSameAnswer()
    {
        using var client = Hub.Client(null);
        using var wrongPassword = await client.PostAsJsonAsync("api/v1/account/login", new { email = HubSeed.OwnerEmail, password = "not the password" });
        using var unknown = await client.PostAsJsonAsync("api/v1/account/login", new { email = "nobody@example.org", password = "not the password" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        var (a, b) = (JsonDocument.Parse(await wrongPassword.Content.ReadAsStringAsync()).RootElement, JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement);
        Assert.Equal(a.GetProperty("title").GetString(), b.GetProperty("title").GetString());
        Assert.Equal(a.GetProperty("detail").GetString(), b.GetProperty("detail").GetString());
        Assert.False(wrongPassword.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task AccessToken_ShownOnce_StoredHashed_WorksUntilRevoked()
    {
        using var owner = Hub.OwnerClient();
        using var created = await owner.PostAsJsonAsync("api/v1/account/tokens", new { name = "kitchen tablet", expiresInDays = 30 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var token = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var secret = token.GetProperty("token").GetString()!;
        var id = token.GetProperty("id").GetGuid();
        Assert.StartsWith("wlw_", secret, StringComparison.Ordinal);

        // The list names it and never shows the secret again; the database holds only its hash.
        var listed = await owner.GetStringAsync("api/v1/account/tokens");
        Assert.Contains("kitchen tablet", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.False(await DatabaseContainsAsync(secret));

        using var tablet = Hub.Client(secret);
        Assert.Equal(HttpStatusCode.OK, (await tablet.GetAsync($"api/v1/households/{Hub.HouseholdId}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"api/v1/account/tokens/{id}")).StatusCode);
        using var afterRevoke = await tablet.GetAsync($"api/v1/households/{Hub.HouseholdId}");
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Equal("application/problem+json", afterRevoke.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SomeoneElsesToken_CannotBeRevokedByMe()
    {
        var sitter = await Hub.AddPersonAsync(Willow.Hub.Households.HouseholdRole.Caregiver);
        using var sitterClient = Hub.Client(sitter.Token);
        using var response = await sitterClient.DeleteAsync($"api/v1/account/tokens/{sitter.TokenId}");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        var other = await Hub.AddPersonAsync(Willow.Hub.Households.HouseholdRole.Caregiver);
        using var owner = Hub.OwnerClient();
        using var refused = await owner.DeleteAsync($"api/v1/account/tokens/{other.TokenId}");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        using var stillWorks = Hub.Client(other.Token);
        Assert.Equal(HttpStatusCode.OK, (await stillWorks.GetAsync("api/v1/account")).StatusCode);
    }

    private HttpClient Browser(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, UseCookies = true }) { BaseAddress = new Uri(Hub.Url + "/") };
    }

    private async Task<bool> DatabaseContainsAsync(string secret)
    {
        if (Hub.RedisPrefix is { } prefix)
        {
            return (await RedisDump.TextAsync(prefix)).Contains(secret, StringComparison.Ordinal);
        }

        // SQLite's WAL holds recent writes until a checkpoint: look in both files.
        foreach (var file in new[] { Hub.Identity.DatabasePath, Hub.Identity.DatabasePath + "-wal" }.Where(File.Exists))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            if ((await reader.ReadToEndAsync()).Contains(secret, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>An operator who runs a hub for invited people only.</summary>
public sealed class ClosedSignUpTests : HubTestBase
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Accounts:AllowSignUp"] = "false" };

    [Fact]
    public async Task SignUpTurnedOff_Answers403_AndNoAccountIsMade()
    {
        using var client = Hub.Client(null);
        using var response = await client.PostAsJsonAsync("api/v1/account/signup", new { email = "sam@example.org", password = "a long enough password", displayName = "Sam" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Sign-up is closed on this hub", await response.ProblemTitleAsync());

        using var login = await client.PostAsJsonAsync("api/v1/account/login", new { email = "sam@example.org", password = "a long enough password" });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }
}
