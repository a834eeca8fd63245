using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Willow.Hub.Dashboard;

/// <summary>
/// Serves the dashboard: its files, and <c>index.html</c> for every other page path so that a reload on
/// <c>/doses</c> works. API and hub paths never fall back to the page: an unknown one is a 404 problem.
/// </summary>
public static class DashboardFiles
{
    /// <summary>The dashboard's files, before routing: a file that exists is served without touching an endpoint.</summary>
    public static WebApplication UseDashboardFiles(this WebApplication app)
    {
        var root = app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.WebRoot;
        if (Directory.Exists(root))
        {
            var files = new PhysicalFileProvider(Path.GetFullPath(root));
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                OnPrepareResponse = context =>
                {
                    // Vite puts a content hash in every asset's name; only the page itself must be asked for again.
                    context.Context.Response.Headers.CacheControl = context.File.Name == "index.html"
                        ? "no-cache"
                        : context.Context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal) ? "public, max-age=31536000, immutable" : "no-cache";
                },
            });
        }

        return app;
    }

    /// <summary>Every other page path gets <c>index.html</c>; the dashboard's router takes it from there.</summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        var index = Path.Combine(app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.WebRoot, "index.html");
        // "{*path}", not the default "{*path:nonfile}": a missing asset is a plain 404 too, not a request for credentials.
        // A RequestDelegate, not a lambda the request delegate generator would rewrite: the generated MapFallback drops
        // the pattern and matches "{*path:nonfile}" after all (dotnet/aspnetcore#65992).
        app.MapFallback("{*path}", context => PageOrNotFound(context, index).ExecuteAsync(context))
            .AllowAnonymous().ExcludeFromDescription().WithName("Dashboard");
        return app;
    }

    private static IResult PageOrNotFound(HttpContext context, string index)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api", StringComparison.Ordinal) || path.StartsWithSegments("/hubs", StringComparison.Ordinal)
            || !HttpMethods.IsGet(context.Request.Method) || Path.HasExtension(path.Value))
        {
            return Results.Problem(title: "Not found", detail: $"Nothing at {path}.", statusCode: StatusCodes.Status404NotFound);
        }

        if (!File.Exists(index))
        {
            // A hub built without the dashboard still has its API reference.
            return path == "/" ? Results.Redirect("/docs") : Results.Problem(
                title: "The dashboard is not built",
                detail: $"No {index}. Build it with 'npm ci && npm run build' in web/, or set Dashboard:WebRoot.",
                statusCode: StatusCodes.Status404NotFound);
        }

        context.Response.Headers.CacheControl = "no-cache";
        return Results.File(index, "text/html; charset=utf-8");
    }
}
