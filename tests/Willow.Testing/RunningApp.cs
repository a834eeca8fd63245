using Microsoft.AspNetCore.Builder;
using Willow.Hosting;

namespace Willow.Testing;

/// <summary>A Willow web application started on a free loopback port.</summary>
public static class RunningApp
{
    public static async Task<(WebApplication App, string Url)> StartAsync(WebApplication app)
    {
        await app.StartAsync();
        var url = app.ListeningUrls().Single(u => u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        return (app, url);
    }
}
