namespace Willow.Hub.Access;

/// <summary>The problem documents for "who are you?" and "not with this credential".</summary>
public static class AccessProblems
{
    public static Task Unauthorized(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(
            title: "Authentication required",
            detail: "Sign in, or send a token: 'Authorization: Bearer <token>'. 'willow demo' prints one; 'willow login' gets one.",
            statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
    }

    public static Task Forbidden(HttpContext context) =>
        Results.Problem(
            title: "Not allowed with this credential",
            detail: "This credential is for another part of Willow (a gateway or device token on the people's API, or the reverse).",
            statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
}
