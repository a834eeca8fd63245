using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Willow.Hosting;

/// <summary>
/// A body that is not JSON, a field the request type does not have, a query value of the wrong type: the
/// framework's own 400 says only "Bad Request". This answers with a problem document that says what is
/// wrong and where (the JSON path), logged as the caller's mistake at Information, not as a server error.
/// </summary>
public sealed partial class BadRequestProblems(IProblemDetailsService problems, ILogger<BadRequestProblems> logger) : IExceptionHandler
{
    /// <summary>Willow's requests are small; a large body is a mistake or an attack.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// Answers the server gives before any endpoint runs get a sentence too, and validation errors are keyed by the JSON
    /// names the caller sent (<c>ttlSeconds</c>, <c>schedule.every</c>), not by the C# properties the validator saw.
    /// </summary>
    public static void AddDetail(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem is HttpValidationProblemDetails validation)
        {
            validation.Errors = ValidationErrorKeys.AsJsonNames(validation.Errors);
        }

        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status413PayloadTooLarge => $"A request body may be at most {MaxBodyBytes / 1024} KB.",
            StatusCodes.Status405MethodNotAllowed => $"{context.HttpContext.Request.Path} does not take {context.HttpContext.Request.Method}; see /openapi/v1.json.",
            StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON, with Content-Type: application/json.",
            StatusCodes.Status400BadRequest => UnreadableQueryValue.Describe(context.HttpContext),
            _ => null,
        };
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var detail = Describe(bad);
        LogRefused(logger, httpContext.Request.Method, httpContext.Request.Path, bad.StatusCode, detail);
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large" : "The request could not be read",
                Detail = detail,
            },
        });
    }

    private static string Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is not JsonException json)
        {
            return bad.Message;
        }

        var at = json.Path is { Length: > 1 } path ? $" at {path}" : "";
        const string Unmapped = "The JSON property '";
        if (json.Message.StartsWith(Unmapped, StringComparison.Ordinal) && json.Message.IndexOf('\'', Unmapped.Length) is > 0 and var end)
        {
            return $"Unknown field '{json.Message[Unmapped.Length..end]}'{at}: check its spelling against the API description (/openapi/v1.json).";
        }

        // System.Text.Json's messages end with its own position note and may name .NET types; keep the first sentence.
        var message = json.Message.Split(" Path: ", 2)[0].TrimEnd('.');
        return json.InnerException is FormatException or InvalidOperationException && json.Path is { Length: > 1 }
            ? $"The value{at} has the wrong type or format."
            : $"The body is not valid JSON for this request{at}: {message}.";
    }

    [LoggerMessage(EventId = 90, Level = LogLevel.Information, Message = "Refused {Method} {Path} with {Status}: {Detail}")]
    private static partial void LogRefused(ILogger logger, string method, string path, int status, string detail);
}
