using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using Willow.Core.Security;
using Willow.Testing;

namespace Willow.System.Tests.Publishing;

/// <summary>
/// The file that goes on every Pi, built for linux-arm64 as scripts/publish.sh builds it, and run here under qemu:
/// it is one file, it starts, and an agent from it opens its SQLite journal (the arm64 e_sqlite3 it carries) and
/// answers ready. Runs alone, after the other system tests: publishing and emulating take both cores.
/// </summary>
[Collection(Arm64Collection.Name)]
public sealed class Arm64FileTests(Arm64File arm64, ITestOutputHelper output)
{
    private const int ElfMachineAarch64 = 183;
    private const long MaxBytes = 40L * 1024 * 1024;
    private static readonly TimeSpan Emulated = TimeSpan.FromMinutes(3);

    [Fact]
    public void Publish_MakesOneSelfContainedAarch64File_Under40MiB()
    {
        output.WriteLine(arm64.Origin);
        var header = new byte[20];
        using (var file = File.OpenRead(arm64.Path))
        {
            file.ReadExactly(header);
        }

        Assert.Equal("\u007fELF", global::System.Text.Encoding.ASCII.GetString(header, 0, 4));
        Assert.Equal(ElfMachineAarch64, BitConverter.ToUInt16(header, 18));

        // Nothing beside it but the dashboard: the runtime, the libraries and the native SQLite are inside.
        Assert.Equal(["willow"], Directory.GetFiles(arm64.Folder).Select(Path.GetFileName));
        Assert.All(Directory.GetDirectories(arm64.Folder), d => Assert.Equal("wwwroot", Path.GetFileName(d)));

        var size = new FileInfo(arm64.Path).Length;
        output.WriteLine($"{size / 1048576.0:0.0} MiB");
        Assert.True(size <= MaxBytes, $"The arm64 file is {size / 1048576.0:0.0} MiB; it should stay within {MaxBytes / 1048576} MiB.");
    }

    [Fact]
    public async Task Arm64File_UnderQemu_PrintsItsVersion()
    {
        Qemu.Require();
        using var directory = new TempDirectory("arm64-version");

        var (code, text) = await Arm64File.RunAsync(
            Qemu.Emulator, Qemu.Arguments(arm64.Path, ["--version"]), Emulated, Qemu.EnvironmentFor(directory.Sub("extract")));

        Assert.True(code == 0, text);
        var version = typeof(Arm64FileTests).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        Assert.StartsWith(version + "+", text.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arm64AgentUnderQemu_OpensItsJournal_AndAnswersReady()
    {
        Qemu.Require();
        using var directory = new TempDirectory("arm64-agent");
        var url = $"http://127.0.0.1:{Ports.Free()}";
        var data = directory.Sub("agent");
        var config = directory.File("agent.json");
        await File.WriteAllTextAsync(config, new JsonObject
        {
            ["urls"] = url,
            ["Agent"] = new JsonObject
            {
                ["DeviceId"] = "treat-dispenser", ["Capabilities"] = new JsonArray("dispenser"), ["HomeKey"] = HomeKey.Generate(), ["DataDirectory"] = data,
            },
            ["Dispenser"] = new JsonObject { ["Driver"] = "simulated", ["SimulatedMovementLog"] = directory.File("movements.log") },
        }.ToJsonString());

        await using var agent = Qemu.Start(arm64.Path, ["agent", "--config", config], directory.Sub("extract"));
        using var http = new HttpClient { BaseAddress = new Uri(url + "/") };
        var ready = await Eventually.WaitAsync(
            async () =>
            {
                Assert.False(agent.HasExited, $"The arm64 agent exited:\n{agent.Output}");
                return await http.GetAsync("health/ready");
            },
            r => r.StatusCode == HttpStatusCode.OK,
            "the arm64 agent under qemu to answer /health/ready",
            Emulated);
        output.WriteLine(await ready.Content.ReadAsStringAsync());

        // The journal is a real SQLite file, written by the arm64 e_sqlite3 the file unpacked.
        Assert.True(new FileInfo(Path.Combine(data, "journal.db")).Length > 0, agent.Output);
        Assert.Contains(Directory.EnumerateFiles(directory.Path, "libe_sqlite3.so", SearchOption.AllDirectories), f => f.Contains("extract", StringComparison.Ordinal));
        Assert.Equal(0, await agent.StopAsync(Emulated));
    }
}
