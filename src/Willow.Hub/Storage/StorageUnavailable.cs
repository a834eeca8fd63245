using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using StackExchange.Redis;

namespace Willow.Hub.Storage;

/// <summary>
/// Redis is down or too slow: the request fails at once with 503 and a sentence saying so (and a
/// <c>Retry-After</c>), instead of hanging or answering a bare 500. Nothing was written: a command that
/// got this answer was not accepted and will not run.
/// </summary>
public sealed partial class StorageUnavailable(IProblemDetailsService problems, ILogger<StorageUnavailable> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (RedisConnectionException or RedisTimeoutException))
        {
            return false;
        }

        LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage is unavailable",
                Detail = "The hub cannot reach its Redis storage right now, so nothing was done or saved. Try again in a few seconds.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed: Redis is unavailable ({Reason})")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string reason);
}
