using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Willow.Core.Security;
using Willow.Hub.Access;
using Willow.Hub.Households;

namespace Willow.Hub.Accounts;

/// <summary><c>/api/v1/account</c>: sign up, sign in and out, who am I, personal access tokens.</summary>
public static class AccountEndpoints
{
    public const int DefaultTokenDays = 90;

    public static RouteGroupBuilder MapAccount(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/account").WithTags("Account");
        group.MapPost("/signup", SignUp).AllowAnonymous().RequireRateLimiting(RateLimits.SignUp)
            .WithName("SignUp").WithSummary("Creates an account (if the hub allows sign-up). Then create a household or accept an invitation.");
        group.MapPost("/login", LogIn).AllowAnonymous().RequireRateLimiting(RateLimits.Login)
            .WithName("LogIn").WithSummary("Signs in with e-mail and password; sets the session cookie the dashboard uses.");
        group.MapPost("/token", LogInForToken).AllowAnonymous().RequireRateLimiting(RateLimits.Login)
            .WithName("LogInForToken").WithSummary("Signs in and returns a new personal access token (what 'willow login' uses).");
        group.MapPost("/logout", LogOut).RequireAuthorization(AccessPolicies.Person)
            .WithName("LogOut").WithSummary("Ends this browser's session.");
        group.MapGet("/", GetAccount).RequireAuthorization(AccessPolicies.Person)
            .WithName("GetAccount").WithSummary("Who is signed in, and their households and roles.");
        group.MapGet("/antiforgery", GetAntiforgeryToken).RequireAuthorization(AccessPolicies.Person)
            .WithName("GetAntiforgeryToken").WithSummary("The token a browser sends in X-XSRF-TOKEN with every write.");
        group.MapPost("/tokens", CreateToken).RequireAuthorization(AccessPolicies.Person)
            .WithName("CreateAccessToken").WithSummary("Creates a personal access token for the API or the CLI; its secret is shown once.");
        group.MapGet("/tokens", ListTokens).RequireAuthorization(AccessPolicies.Person)
            .WithName("ListAccessTokens").WithSummary("The caller's personal access tokens (never their secrets).");
        group.MapDelete("/tokens/{tokenId:guid}", RevokeToken).RequireAuthorization(AccessPolicies.Person)
            .WithName("RevokeAccessToken").WithSummary("Revokes a personal access token at once.");
        return group;
    }

    public static async Task<Results<Created<AccountView>, ValidationProblem, ProblemHttpResult>> SignUp(
        SignUpRequest request, IAccountStore accounts, IOptions<AccountOptions> options, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!options.Value.AllowSignUp)
        {
            return TypedResults.Problem(title: "Sign-up is closed on this hub", detail: "Ask an owner of a household for an invitation.", statusCode: StatusCodes.Status403Forbidden);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Passwords.IsEmail(request.Email))
        {
            errors["email"] = ["email must be an e-mail address."];
        }

        if (Passwords.Problem(request.Password) is { } problem)
        {
            errors["password"] = [problem];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var user = new User(Guid.CreateVersion7(time.GetUtcNow()), Passwords.NormalizeEmail(request.Email!), request.DisplayName!.Trim(), Passwords.Hash(request.Password!), time.GetUtcNow());
        if (!await accounts.CreateUserAsync(user, cancellationToken))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = ["An account with this e-mail address exists already; sign in instead."] });
        }

        AccountLog.SignedUp(Logger(loggers), user.Email);
        return TypedResults.Created("/api/v1/account", new AccountView(user.Id, user.Email, user.DisplayName, []));
    }

    public static async Task<Results<Ok<AccountView>, ProblemHttpResult>> LogIn(
        LoginRequest request, HttpContext context, IAccountStore accounts, IMembershipStore memberships, IHouseholdStore households,
        TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var user = await CheckPasswordAsync(request.Email!, request.Password!, accounts, loggers, cancellationToken);
        if (user is null)
        {
            return WrongPassword();
        }

        var now = time.GetUtcNow();
        var session = new Session(Guid.CreateVersion7(now), user.Id, now, now + SessionCookie.Lifetime, null);
        await accounts.CreateSessionAsync(session, cancellationToken);
        var principal = new ClaimsPrincipal(WillowClaims.Person(SessionCookie.SchemeName, user.Id, user.Email, "session", session.Id));
        await context.SignInAsync(SessionCookie.SchemeName, principal, new AuthenticationProperties { ExpiresUtc = session.ExpiresAt, IsPersistent = true });
        AccountLog.SignedIn(Logger(loggers), user.Email, "session");
        return TypedResults.Ok(await ViewAsync(user, memberships, households, cancellationToken));
    }

    public static async Task<Results<Created<NewAccessToken>, ProblemHttpResult>> LogInForToken(
        TokenLoginRequest request, IAccountStore accounts, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var user = await CheckPasswordAsync(request.Email!, request.Password!, accounts, loggers, cancellationToken);
        if (user is null)
        {
            return WrongPassword();
        }

        var token = await IssueTokenAsync(user.Id, request.Name!, request.ExpiresInDays, accounts, time, cancellationToken);
        AccountLog.SignedIn(Logger(loggers), user.Email, $"token:{token.Name}");
        return TypedResults.Created($"/api/v1/account/tokens/{token.Id}", token);
    }

    public static async Task<NoContent> LogOut(HttpContext context, IAccountStore accounts, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(context.User.FindFirstValue(WillowClaims.SessionId), out var sessionId))
        {
            await accounts.RevokeSessionAsync(sessionId, time.GetUtcNow(), cancellationToken);
            await context.SignOutAsync(SessionCookie.SchemeName);
        }

        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<AccountView>, ProblemHttpResult>> GetAccount(
        HttpContext context, IAccountStore accounts, IMembershipStore memberships, IHouseholdStore households, CancellationToken cancellationToken)
    {
        var user = await accounts.GetUserAsync(context.User.RequiredUserId(), cancellationToken);
        return user is null
            ? TypedResults.Problem(title: "Account not found", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(await ViewAsync(user, memberships, households, cancellationToken));
    }

    public static Ok<AntiforgeryView> GetAntiforgeryToken(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new AntiforgeryView(tokens.RequestToken!, CookieWriteProtection.HeaderName));
    }

    public static async Task<Created<NewAccessToken>> CreateToken(
        CreateTokenRequest request, HttpContext context, IAccountStore accounts, TimeProvider time, CancellationToken cancellationToken)
    {
        var token = await IssueTokenAsync(context.User.RequiredUserId(), request.Name!, request.ExpiresInDays, accounts, time, cancellationToken);
        return TypedResults.Created($"/api/v1/account/tokens/{token.Id}", token);
    }

    public static async Task<Ok<IReadOnlyList<AccessTokenView>>> ListTokens(HttpContext context, IAccountStore accounts, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<AccessTokenView>>([.. (await accounts.ListTokensAsync(context.User.RequiredUserId(), cancellationToken)).Select(AccessTokenView.From)]);

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeToken(
        Guid tokenId, HttpContext context, IAccountStore accounts, TimeProvider time, CancellationToken cancellationToken) =>
        await accounts.RevokeTokenAsync(context.User.RequiredUserId(), tokenId, time.GetUtcNow(), cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(title: "Token not found", detail: $"You have no token {tokenId}.", statusCode: StatusCodes.Status404NotFound);

    public static async Task<NewAccessToken> IssueTokenAsync(Guid userId, string name, int? expiresInDays, IAccountStore accounts, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var secret = Secrets.NewToken(TokenPrefixes.Person);
        var token = new AccessToken(Guid.CreateVersion7(now), userId, name.Trim(), now, now.AddDays(expiresInDays ?? DefaultTokenDays), null, null);
        await accounts.CreateTokenAsync(token, Credentials.Hash(secret), cancellationToken);
        return new NewAccessToken(token.Id, token.Name, secret, token.ExpiresAt);
    }

    private static async Task<User?> CheckPasswordAsync(string email, string password, IAccountStore accounts, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var normalized = Passwords.NormalizeEmail(email);
        var user = await accounts.FindUserByEmailAsync(normalized, cancellationToken);
        var result = Passwords.Verify(user, password);
        if (result == PasswordVerificationResult.Failed)
        {
            AccountLog.SignInFailed(Logger(loggers), normalized);
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await accounts.UpdatePasswordHashAsync(user!.Id, Passwords.Hash(password), cancellationToken);
        }

        return user;
    }

    private static async Task<AccountView> ViewAsync(User user, IMembershipStore memberships, IHouseholdStore households, CancellationToken cancellationToken)
    {
        var mine = await memberships.ListForUserAsync(user.Id, cancellationToken);
        var names = (await households.ListAsync([.. mine.Select(m => m.HouseholdId)], cancellationToken)).ToDictionary(h => h.Id, h => h.Name);
        return new AccountView(user.Id, user.Email, user.DisplayName, [.. mine.Select(m => new MembershipView(m.HouseholdId, names.GetValueOrDefault(m.HouseholdId, "?"), m.Role, m.EndsAt))]);
    }

    private static ProblemHttpResult WrongPassword() => TypedResults.Problem(
        title: "Wrong e-mail or password", detail: "Check both and try again.", statusCode: StatusCodes.Status401Unauthorized);

    private static ILogger Logger(ILoggerFactory loggers) => loggers.CreateLogger(typeof(AccountEndpoints).FullName!);
}
