using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Hub;
using Willow.Hub.Accounts;
using Willow.Hub.Storage;
using Willow.Testing;

namespace Willow.Bench;

/// <summary>
/// One hub node as its own <c>willow hub</c> process, on SQLite or on a Redis, with its first owner made the way
/// <c>willow users add --owner</c> makes one, and the owner's token for the API.
/// </summary>
internal sealed class BenchHub : IAsyncDisposable
{
    private readonly RoleProcess _process;

    private BenchHub(RoleProcess process, string url, int pid)
    {
        _process = process;
        Url = url;
        Pid = pid;
    }

    public string Url { get; }

    public int Pid { get; }

    /// <summary>The store a node uses: a SQLite file in <paramref name="directory"/>, or the Redis at <paramref name="redis"/>.</summary>
    public static StorageOptions Storage(TempDirectory directory, string? redis, string prefix = "bench") => redis is null
        ? new StorageOptions { SqlitePath = Path.Combine(directory.Sub("hub"), "hub.db") }
        : new StorageOptions { Provider = StorageOptions.RedisProvider, Redis = redis, RedisPrefix = prefix };

    public static async Task<(Guid Household, string Token)> CreateOwnerAsync(StorageOptions storage)
    {
        using var setup = AccountSetup.Open(storage, TimeProvider.System);
        var owner = await setup.AddUserAsync($"bench-{Guid.NewGuid():N}@willow.test", "benchmark password", "Bench", default);
        var household = (await setup.CreateHouseholdAsync(owner, "Bench", "UTC", default)).Id;
        return (household, (await setup.IssueTokenAsync(owner, "bench", 1, default)).Token);
    }

    public static async Task<BenchHub> StartAsync(TempDirectory directory, string name, StorageOptions storage, string token)
    {
        var url = $"http://127.0.0.1:{Ports.Free()}";
        var config = new JsonObject
        {
            ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Warning" } },
            // People press Feed a few times a minute and enrol a gateway now and then; the benchmark does both in bulk.
            ["RateLimits"] = new JsonObject { ["CommandsPerMinute"] = 100_000_000, ["CodesPerHour"] = 100_000_000 },
            ["Storage"] = new JsonObject
            {
                ["Provider"] = storage.Provider, ["SqlitePath"] = storage.SqlitePath, ["Redis"] = storage.Redis, ["RedisPrefix"] = storage.RedisPrefix,
            },
        };
        var path = directory.File($"{name}.json");
        await File.WriteAllTextAsync(path, config.ToJsonString());
        var process = RoleProcess.Start(directory.File($"{name}.log"), "hub", "--config", path, "--urls", url);
        using var client = Client(url, token);
        await Eventually.WaitAsync(async () => (await client.GetAsync("health/ready")).IsSuccessStatusCode, ok => ok, $"{name} to start", TimeSpan.FromSeconds(60));
        return new BenchHub(process, url, process.Pid);
    }

    public static HttpClient Client(string url, string token)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(url + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>What 'willow gateway add' and 'willow gateway enroll' do; returns the gateway's token.</summary>
    public static async Task<string> EnrollGatewayAsync(HttpClient owner, Guid household, string gatewayId, string hubUrl)
    {
        using var created = await owner.PostAsJsonAsync(
            $"api/v1/households/{household}/gateways", new Hub.Gateways.CreateGatewayRequest { GatewayId = gatewayId }, HubJsonContext.Default.CreateGatewayRequest);
        var code = (await created.EnsureSuccessStatusCode().Content.ReadFromJsonAsync(HubJsonContext.Default.GatewayEnrollmentCode))!.Code;
        using var http = new HttpClient();
        return (await Gateway.Enrollment.HubEnrollment.EnrollAsync(http, new Uri(hubUrl), code, TimeProvider.System, default)).Token;
    }

    /// <summary>Resident memory of the hub process (VmRSS) and its peak (VmHWM), in MiB.</summary>
    public (double Rss, double Peak) Memory()
    {
        var status = File.ReadAllLines($"/proc/{Pid}/status");
        double Read(string field) => long.Parse(status.Single(l => l.StartsWith(field, StringComparison.Ordinal)).Split(':')[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
        return (Read("VmRSS"), Read("VmHWM"));
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}

/// <summary>
/// A gateway as the hub sees one: a real SignalR client on <c>/hubs/gateway</c> with its own token, which
/// reports one dispenser and notes when a command is pushed to it. It does not relay anything further.
/// </summary>
internal sealed class SimulatedGateway(HubConnection connection, string deviceId) : IAsyncDisposable
{
    private TaskCompletionSource<Guid> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string DeviceId { get; } = deviceId;

    public static async Task<SimulatedGateway> ConnectAsync(string hubUrl, string token, string deviceId)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(hubUrl + GatewayHubMethods.Path, o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, WillowJsonContext.Default))
            .Build();
        var gateway = new SimulatedGateway(connection, deviceId);
        connection.On<CommandEnvelope>("CommandIssued", command => gateway._next.TrySetResult(command.Id));
        await connection.StartAsync();
        await connection.InvokeAsync(GatewayHubMethods.ReportDevices, new DevicePresenceReport(
            [new DeviceReport(deviceId, deviceId, [Capability.Dispenser], true, DateTimeOffset.UtcNow, "bench")], DateTimeOffset.UtcNow));
        return gateway;
    }

    /// <summary>Completes when the next command is pushed to this gateway.</summary>
    public Task<Guid> NextCommandAsync()
    {
        _next = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _next.Task;
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
