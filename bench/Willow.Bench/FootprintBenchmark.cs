using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Willow.Core.Security;
using Willow.Hub.Accounts;
using Willow.Testing;

namespace Willow.Bench;

/// <summary>
/// What the published single file costs a Pi: its size, its start-to-ready time, and the resident memory of an agent, a
/// gateway and a hub idle and under loads (<see cref="FootprintLoad"/>). The processes are the published x64 file
/// (<c>scripts/publish.sh linux-x64</c>), built with the same settings as the arm64 one, started as systemd starts them.
/// </summary>
internal static class FootprintBenchmark
{
    private static string X64 = Repository.PathTo("artifacts", "publish", "linux-x64", "willow");
    private static readonly string Arm64 = Repository.PathTo("artifacts", "publish", "linux-arm64", "willow");
    private const string Qemu = "/usr/bin/qemu-aarch64-static";
    private static readonly string[] Roles = ["agent", "gateway", "hub"];

    public static async Task<int> RunAsync(FootprintOptions options)
    {
        X64 = options.File ?? X64;
        if (!File.Exists(X64))
        {
            Console.Error.WriteLine($"{X64} is missing: scripts/publish.sh linux-x64 makes it (and scripts/publish.sh for the arm64 one).");
            return 2;
        }

        Console.WriteLine($"Willow footprint benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Console.WriteLine("The published file, as systemd runs it: each role with its unit's environment (deploy/systemd/)");
        foreach (var role in Roles)
        {
            Console.WriteLine($"  {role,-8} {UnitEnvironment.Describe(UnitEnvironment.For(role, options.Environment))}");
        }

        Console.WriteLine();

        Console.WriteLine("File                               size");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"linux-x64   {X64,-22} {new FileInfo(X64).Length / 1048576.0,6:0.0} MiB"));
        Console.WriteLine(File.Exists(Arm64)
            ? string.Create(CultureInfo.InvariantCulture, $"linux-arm64 {Arm64,-22} {new FileInfo(Arm64).Length / 1048576.0,6:0.0} MiB")
            : $"linux-arm64: not published (scripts/publish.sh)");
        Console.WriteLine();

        using var directory = new TempDirectory("bench-footprint");
        await StartTimesAsync(directory, options);
        Console.WriteLine();
        await MemoryAsync(directory, options);
        return 0;
    }

    /// <summary>From starting the process to the first 200 from <c>/health/ready</c>, an agent with the simulated dispenser and sensors board.</summary>
    private static async Task StartTimesAsync(TempDirectory directory, FootprintOptions options)
    {
        var extract = directory.Sub("extract-x64");
        var environment = UnitEnvironment.For("agent", options.Environment);
        environment["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = extract;
        Console.WriteLine("Start to ready (agent)                      runs     first    median       min       max");

        // The first start after installing unpacks the native libraries; every later one finds them.
        var first = await TimeAgentAsync(directory, X64, [], environment, "x64-first");
        var warm = new List<double>();
        for (var i = 0; i < options.StartRuns; i++)
        {
            warm.Add(await TimeAgentAsync(directory, X64, [], environment, $"x64-{i}"));
        }

        Console.WriteLine(StartRow("x64, published file", first, warm));
        if (options.QemuRuns == 0)
        {
            return;
        }

        if (!File.Exists(Arm64) || !File.Exists(Qemu))
        {
            Console.WriteLine("arm64 under qemu: needs artifacts/publish/linux-arm64/willow and qemu-user-static, libc6-arm64-cross, libstdc++6-arm64-cross.");
            return;
        }

        // No arm64 ICU here (Raspberry Pi OS has it); qemu translates every instruction, so this is no Pi's figure.
        var qemuEnvironment = new Dictionary<string, string>(environment)
        {
            ["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = directory.Sub("extract-arm64"),
            ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1",
        };
        string[] emulate = ["-L", "/usr/aarch64-linux-gnu", Arm64];
        var qemuFirst = await TimeAgentAsync(directory, Qemu, emulate, qemuEnvironment, "arm64-first");
        var qemuWarm = new List<double>();
        for (var i = 0; i < options.QemuRuns; i++)
        {
            qemuWarm.Add(await TimeAgentAsync(directory, Qemu, emulate, qemuEnvironment, $"arm64-{i}"));
        }

        Console.WriteLine(StartRow("arm64 under qemu (an emulator)", qemuFirst, qemuWarm));
    }

    private static async Task<double> TimeAgentAsync(TempDirectory directory, string file, string[] prefix, Dictionary<string, string> environment, string name)
    {
        var url = $"http://127.0.0.1:{Ports.Free()}";
        var config = AgentConfig(directory, name, url, HomeKey.Generate());
        // Under qemu the first answer alone takes seconds (the emulated JIT compiles the whole request path).
        using var http = new HttpClient { BaseAddress = new Uri(url + "/"), Timeout = TimeSpan.FromMinutes(1) };
        var started = Stopwatch.GetTimestamp();
        await using var agent = RoleProcess.StartPublished(file, directory.File($"start-{name}.log"), environment, [.. prefix, "agent", "--config", config]);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException($"The agent ({name}) was not ready in 3 minutes: {directory.File($"start-{name}.log")}");
            }

            await Task.Delay(5);
        }
    }

    private static async Task MemoryAsync(TempDirectory directory, FootprintOptions options)
    {
        var extract = directory.Sub("extract-x64");
        var environment = Roles.ToDictionary(role => role, role => UnitEnvironment.For(role, options.Environment));
        foreach (var role in environment.Values)
        {
            role["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = extract;
        }

        using (var setup = new AccountSetup(Path.Combine(directory.Sub("hub"), "hub.db"), TimeProvider.System))
        {
            var owner = await setup.AddUserAsync("bench@willow.test", "benchmark password", "Bench", default);
            var household = (await setup.CreateHouseholdAsync(owner, "Bench", "UTC", default)).Id;
            var token = (await setup.IssueTokenAsync(owner, "bench", 1, default)).Token;
            await MeasureHomeAsync(directory, environment, household, token, options);
        }
    }

    private static async Task MeasureHomeAsync(TempDirectory directory, Dictionary<string, Dictionary<string, string>> environment, Guid household, string token, FootprintOptions options)
    {
        var hubUrl = $"http://127.0.0.1:{Ports.Free()}";
        var hubConfig = Write(directory, "hub.json", new JsonObject
        {
            ["RateLimits"] = new JsonObject { ["CommandsPerMinute"] = 1_000_000 },
        });
        await using var hub = RoleProcess.StartPublished(X64, directory.File("hub.log"), environment["hub"], "hub", "--config", hubConfig, "--urls", hubUrl, "--data-dir", directory.Sub("hub"));
        using var client = new HttpClient { BaseAddress = new Uri(hubUrl + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await Eventually.WaitAsync(async () => (await client.GetAsync("health/ready")).IsSuccessStatusCode, ok => ok, "the hub to start", TimeSpan.FromSeconds(60));

        var homeKey = HomeKey.Generate();
        var agentUrl = $"http://127.0.0.1:{Ports.Free()}";
        var gatewayToken = await BenchHub.EnrollGatewayAsync(client, household, "home", hubUrl);
        var gatewayConfig = Write(directory, "gateway.json", new JsonObject
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Gateway"] = new JsonObject { ["HubUrl"] = hubUrl, ["Token"] = gatewayToken, ["HomeKey"] = homeKey, ["DataDirectory"] = directory.Sub("gateway") },
            ["Discovery"] = new JsonObject { ["Agents"] = new JsonArray(new JsonObject { ["DeviceId"] = FootprintLoad.Device, ["Url"] = agentUrl }) },
        });
        await using var agent = RoleProcess.StartPublished(X64, directory.File("agent.log"), environment["agent"], "agent", "--config", AgentConfig(directory, "agent", agentUrl, homeKey));
        await using var gateway = RoleProcess.StartPublished(X64, directory.File("gateway.log"), environment["gateway"], "gateway", "--config", gatewayConfig);
        await FootprintLoad.WaitOnlineAsync(client, household);

        var processes = new (string Name, int Pid)[] { ("agent", agent.Pid), ("gateway", gateway.Pid), ("hub", hub.Pid) };
        var rows = new List<(string Phase, string Process, ProcessMemory Memory)>();

        // Idle: connected, presence reports every few seconds, nothing pressed; read at the end of the quiet period.
        await Task.Delay(options.Idle);
        foreach (var (name, pid) in processes)
        {
            rows.Add(("idle", name, ProcessMemory.Read(pid, X64)));
        }

        foreach (var load in FootprintLoad.All(client, household))
        {
            // The sample with the largest RSS, taken every second while the load runs.
            var largest = processes.ToDictionary(p => p.Name, p => ProcessMemory.Read(p.Pid, X64));
            using var stop = new CancellationTokenSource(options.Load);
            var running = load.RunAsync(stop.Token);
            while (!running.IsCompleted)
            {
                await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(1)));
                foreach (var (name, pid) in processes)
                {
                    var now = ProcessMemory.Read(pid, X64);
                    largest[name] = now.Rss >= largest[name].Rss ? now : largest[name] with { Peak = now.Peak };
                }
            }

            var done = await running;
            foreach (var (name, _) in processes)
            {
                rows.Add(($"{load.Name}, {done}", name, largest[name]));
            }
        }

        Console.WriteLine("Resident memory, MiB: idle after the quiet period; under load the largest of one sample a second.");
        Console.WriteLine($"{"phase",-44} {"process",-8} {"RSS",6} {"peak",6}   of which: {string.Join("  ", ProcessMemory.KindNames)}");
        foreach (var (phase, process, memory) in rows)
        {
            var kinds = string.Join("  ", ProcessMemory.KindNames.Select(k => memory.Kinds[k].ToString("0.0", CultureInfo.InvariantCulture).PadLeft(k.Length)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{phase,-44} {process,-8} {memory.Rss,6:0.0} {memory.Peak,6:0.0}              {kinds}"));
        }
    }

    private static string AgentConfig(TempDirectory directory, string name, string url, string homeKey) => Write(directory, $"agent-{name}.json", new JsonObject
    {
        ["urls"] = url,
        ["Agent"] = new JsonObject
        {
            ["DeviceId"] = FootprintLoad.Device, ["Capabilities"] = new JsonArray("dispenser", "sensors"), ["HomeKey"] = homeKey, ["DataDirectory"] = directory.Sub($"agent-{name}"),
        },
        ["Dispenser"] = new JsonObject { ["Dwell"] = "00:00:00", ["ReturnTravel"] = "00:00:00" },
        // As fast as the settings allow (a real board samples every 30 to 60 s): about one reading a second, all run long.
        ["Sensors"] = new JsonObject
        {
            ["Climate"] = "simulated", ["ClimateInterval"] = "00:00:03", ["Scale"] = "simulated", ["ScaleSamples"] = 5,
            ["BowlInterval"] = "00:00:02", ["Motion"] = "simulated",
        },
    });

    private static string Write(TempDirectory directory, string name, JsonObject settings)
    {
        settings["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Warning" } };
        var path = directory.File(name);
        File.WriteAllText(path, settings.ToJsonString());
        return path;
    }

    private static string StartRow(string name, double first, List<double> warm)
    {
        var sorted = warm.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"{name,-42} {sorted.Length,6} {first,6:0} ms {sorted[sorted.Length / 2],6:0} ms {sorted[0],6:0} ms {sorted[^1],6:0} ms");
    }

}
