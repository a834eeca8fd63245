using System.Globalization;
using System.Threading.RateLimiting;

namespace Willow.Hub.Access;

/// <summary>How many tries are allowed before a caller has to wait (429 with Retry-After).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in attempts per minute from one address: slows password guessing to a crawl.</summary>
    public int LoginPerMinute { get; set; } = 5;

    public int SignUpPerHour { get; set; } = 10;

    /// <summary>Gateway enrolments and invitation acceptances per hour from one address (codes are guessable otherwise).</summary>
    public int CodesPerHour { get; set; } = 20;

    /// <summary>Commands per minute per caller: more than any person presses, fewer than a runaway script sends.</summary>
    public int CommandsPerMinute { get; set; } = 60;
}

public static class RateLimits
{
    public const string Login = "login";
    public const string SignUp = "signup";
    public const string Codes = "codes";
    public const string Commands = "commands";

    public static IServiceCollection AddWillowRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(retry.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await Results.Problem(
                    title: "Too many requests",
                    detail: $"Wait {Math.Ceiling(retry.TotalSeconds):0} s before trying again.",
                    statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
            };
            o.AddPolicy(Login, context => PerAddress(context, limits.LoginPerMinute, TimeSpan.FromMinutes(1)));
            o.AddPolicy(SignUp, context => PerAddress(context, limits.SignUpPerHour, TimeSpan.FromHours(1)));
            o.AddPolicy(Codes, context => PerAddress(context, limits.CodesPerHour, TimeSpan.FromHours(1)));
            o.AddPolicy(Commands, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.CallerName(),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.CommandsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });
}
