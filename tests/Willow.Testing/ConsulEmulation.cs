using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Willow.Hosting.Consul;

namespace Willow.Testing;

/// <summary>
/// An emulation of the few Consul HTTP API endpoints Willow uses, on a loopback port, written from Consul's
/// documentation because no Consul binary can be installed here:
/// <c>PUT /v1/agent/service/register</c>, <c>PUT /v1/agent/service/deregister/{id}</c> and
/// <c>GET /v1/health/service/{name}</c> (with <c>passing</c>, and blocking queries on <c>index</c>/<c>wait</c>:
/// wait defaults to 5 minutes, is capped at 10, and gets up to wait/16 of jitter; <c>X-Consul-Index</c> rises on
/// every change). It runs each service's HTTP check at its interval (2xx passing, 429 warning, else critical),
/// reaps services critical past their <c>DeregisterCriticalServiceAfter</c>, enforces ACL tokens when configured
/// (403 "ACL not found" / "Permission denied"), and can be stopped and started again on the same port.
/// </summary>
public sealed class ConsulEmulation : IAsyncDisposable
{
    public const string Passing = "passing";
    public const string Warning = "warning";
    public const string Critical = "critical";

    private static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaximumWait = TimeSpan.FromMinutes(10);

    private readonly ConsulEmulationCatalog _catalog;
    private readonly HttpClient _checks = new();
    private readonly List<ConsulEmulationRequest> _requests = [];
    private WebApplication? _app;

    private ConsulEmulation(ConsulEmulationOptions options, int port)
    {
        _catalog = new ConsulEmulationCatalog(options, _checks);
        Port = port;
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public bool IsRunning => _app is not null;

    /// <summary>The current <c>X-Consul-Index</c>.</summary>
    public ulong Index => _catalog.Index;

    public IReadOnlyList<ConsulEmulationService> Services => _catalog.Services;

    /// <summary>Every request answered so far, oldest first.</summary>
    public IReadOnlyList<ConsulEmulationRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public ConsulEmulationService? Service(string id) => Services.FirstOrDefault(s => s.Id == id);

    public static async Task<ConsulEmulation> StartAsync(ConsulEmulationOptions? options = null, int? port = null)
    {
        var emulation = new ConsulEmulation(options ?? new ConsulEmulationOptions(), port ?? Ports.Free());
        await emulation.StartAsync();
        return emulation;
    }

    /// <summary>Starts the API again on the same port (after <see cref="StopAsync"/>), with the catalog as it was.</summary>
    public async Task StartAsync()
    {
        if (_app is not null)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPut("/v1/agent/service/register", RegisterAsync);
        app.MapPut("/v1/agent/service/deregister/{id}", DeregisterAsync);
        app.MapGet("/v1/health/service/{name}", HealthServiceAsync);
        await app.StartAsync();
        _app = app;
        _catalog.StartChecking();
    }

    /// <summary>Stops answering (connections refused) and stops running checks, as a Consul agent that is down.</summary>
    public async Task StopAsync()
    {
        if (_app is not { } app)
        {
            return;
        }

        _app = null;
        _catalog.StopChecking();
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await app.StopAsync(deadline.Token);
        }

        await app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _catalog.DisposeAsync();
        _checks.Dispose();
    }

    private async Task RegisterAsync(HttpContext context)
    {
        if (!await AllowedAsync(context, ConsulEmulationRights.ServiceWrite, "service:write"))
        {
            return;
        }

        string body;
        using (var reader = new StreamReader(context.Request.Body))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        ConsulEmulationService service;
        try
        {
            service = ConsulEmulationRegistration.Parse(body);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            await AnswerTextAsync(context, StatusCodes.Status400BadRequest, $"Request decode failed: {ex.Message}");
            return;
        }

        _catalog.Register(service);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private async Task DeregisterAsync(HttpContext context)
    {
        if (!await AllowedAsync(context, ConsulEmulationRights.ServiceWrite, "service:write"))
        {
            return;
        }

        var id = (string)context.Request.RouteValues["id"]!;
        if (!_catalog.Deregister(id))
        {
            await AnswerTextAsync(context, StatusCodes.Status404NotFound, $"Unknown service ID \"{id}\". Ensure that the service ID is passed, not the service name.");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private async Task HealthServiceAsync(HttpContext context)
    {
        if (!await AllowedAsync(context, ConsulEmulationRights.ServiceRead, "service:read"))
        {
            return;
        }

        var query = context.Request.Query;
        ulong index = 0;
        if (query.TryGetValue("index", out var indexText) && !ulong.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            await AnswerTextAsync(context, StatusCodes.Status400BadRequest, "Invalid index");
            return;
        }

        var wait = DefaultWait;
        if (query.TryGetValue("wait", out var waitText))
        {
            if (ConsulDuration.Parse(waitText) is not { } parsed)
            {
                await AnswerTextAsync(context, StatusCodes.Status400BadRequest, "Invalid wait time");
                return;
            }

            wait = parsed > MaximumWait ? MaximumWait : parsed;
        }

        var name = (string)context.Request.RouteValues["name"]!;
        var (services, current) = await _catalog.QueryAsync(name, index, wait, context.RequestAborted);
        var passingOnly = query.ContainsKey("passing") && !string.Equals(query["passing"], "false", StringComparison.OrdinalIgnoreCase);
        var answer = new JsonArray();
        foreach (var service in services.Where(s => !passingOnly || s.Status == Passing))
        {
            answer.Add(Entry(service));
        }

        context.Response.Headers["X-Consul-Index"] = current.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-Consul-KnownLeader"] = "true";
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
    }

    /// <summary>One element of <c>/v1/health/service</c>, with the keys Consul documents (and the node's serfHealth check).</summary>
    private JsonObject Entry(ConsulEmulationService service)
    {
        var node = _catalog.Options.NodeName;
        var tags = new JsonArray();
        foreach (var tag in service.Tags)
        {
            tags.Add(tag);
        }

        var meta = new JsonObject();
        foreach (var (key, value) in service.Meta)
        {
            meta[key] = value;
        }

        var checks = new JsonArray
        {
            new JsonObject
            {
                ["Node"] = node, ["CheckID"] = "serfHealth", ["Name"] = "Serf Health Status", ["Status"] = Passing,
                ["Notes"] = "", ["Output"] = "Agent alive and reachable", ["ServiceID"] = "", ["ServiceName"] = "", ["ServiceTags"] = new JsonArray(),
            },
        };
        if (service.CheckUrl is not null)
        {
            checks.Add(new JsonObject
            {
                ["Node"] = node, ["CheckID"] = "service:" + service.Id, ["Name"] = $"Service '{service.Name}' check", ["Status"] = service.Status,
                ["Notes"] = "", ["Output"] = service.Output, ["ServiceID"] = service.Id, ["ServiceName"] = service.Name, ["Type"] = "http",
            });
        }

        return new JsonObject
        {
            ["Node"] = new JsonObject
            {
                ["ID"] = "40e4a748-2192-161a-0510-9bf59fe950b5", ["Node"] = node, ["Address"] = _catalog.Options.NodeAddress, ["Datacenter"] = "dc1",
                ["TaggedAddresses"] = new JsonObject { ["lan"] = _catalog.Options.NodeAddress, ["wan"] = _catalog.Options.NodeAddress }, ["Meta"] = new JsonObject(),
            },
            ["Service"] = new JsonObject
            {
                ["ID"] = service.Id, ["Service"] = service.Name, ["Tags"] = tags, ["Address"] = service.Address, ["Meta"] = meta,
                [nameof(service.Port)] = service.Port, ["EnableTagOverride"] = false, ["Weights"] = new JsonObject { ["Passing"] = 1, ["Warning"] = 1 },
            },
            ["Checks"] = checks,
        };
    }

    /// <summary>Consul's ACL answers: an unknown token is "ACL not found"; a token (or none: anonymous) without the right is "Permission denied".</summary>
    private async Task<bool> AllowedAsync(HttpContext context, ConsulEmulationRights needed, string permission)
    {
        var token = context.Request.Headers["X-Consul-Token"].ToString();
        if (token.Length == 0 && context.Request.Headers.Authorization.ToString() is { } authorization
            && authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            token = authorization["Bearer ".Length..];
        }

        lock (_requests)
        {
            _requests.Add(new ConsulEmulationRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, token.Length == 0 ? null : token));
        }

        if (_catalog.Options.AclTokens is not { } tokens)
        {
            return true;
        }

        if (token.Length > 0 && !tokens.ContainsKey(token))
        {
            await AnswerTextAsync(context, StatusCodes.Status403Forbidden, "ACL not found");
            return false;
        }

        var rights = token.Length == 0 ? ConsulEmulationRights.None : tokens[token];
        if ((rights & needed) != needed)
        {
            await AnswerTextAsync(context, StatusCodes.Status403Forbidden,
                $"Permission denied: token with AccessorID '{(token.Length == 0 ? "00000000-0000-0000-0000-000000000002" : "emulated")}' lacks permission '{permission}' on \"{WillowAgentService.Name}\"");
            return false;
        }

        return true;
    }

    private static Task AnswerTextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text);
    }
}

/// <summary>A request the emulation answered: method, path with query, and the ACL token it carried.</summary>
public sealed record ConsulEmulationRequest(string Method, string PathAndQuery, string? Token);
