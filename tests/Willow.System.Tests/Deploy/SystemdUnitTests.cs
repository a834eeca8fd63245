using Willow.Testing;

namespace Willow.System.Tests.Deploy;

/// <summary>
/// The systemd units in deploy/systemd: each is valid for systemd (its own <c>systemd-analyze verify</c> when the
/// machine has it, else a check of the sections and keys), and says what a Pi needs of it.
/// </summary>
public sealed class SystemdUnitTests(ITestOutputHelper output)
{
    public static TheoryData<string> Roles => ["hub", "gateway", "agent"];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Unit_IsValidForSystemd(string role)
    {
        var path = UnitPath(role);
        var analyze = new[] { "/usr/bin/systemd-analyze", "/bin/systemd-analyze" }.FirstOrDefault(File.Exists);
        if (analyze is null)
        {
            output.WriteLine("systemd-analyze is not installed: checking sections and keys against systemd's lists instead.");
            var unit = SystemdUnit.Read(path);
            Assert.Equal(["Unit", "Service", "Install"], unit.Sections);
            Assert.All(unit.Entries, e => Assert.True(KnownKeys[e.Section].Contains(e.Key), $"{path}:{e.Line}: systemd knows no {e.Key}= in [{e.Section}]."));
            return;
        }

        // verify also checks that ExecStart's program exists: here it is /bin/true in a copy, the rest unchanged.
        using var directory = new TempDirectory("systemd");
        var copy = directory.File(Path.GetFileName(path));
        await File.WriteAllTextAsync(copy, (await File.ReadAllTextAsync(path)).Replace("ExecStart=/usr/local/bin/willow ", "ExecStart=/bin/true ", StringComparison.Ordinal));
        var (code, text) = await Publishing.Arm64File.RunAsync(analyze, ["verify", copy], TimeSpan.FromMinutes(1));

        // verify exits 0 after many complaints (an unknown key, a bad value, both "ignoring"): it must say nothing.
        Assert.True(code == 0 && text.Trim().Length == 0, $"systemd-analyze verify {path} ({code}):\n{text}");
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void Unit_RunsItsRoleAsItsOwnUser_RestartsOnFailure_AndIsHardened(string role)
    {
        var unit = SystemdUnit.Read(UnitPath(role));

        Assert.Equal($"/usr/local/bin/willow {role} --config /etc/willow/{role}.json", unit.Get("Service", "ExecStart"));
        Assert.Equal($"willow-{role}", unit.Get("Service", "User"));
        Assert.Contains($"u      willow-{role} ", File.ReadAllText(Repository.PathTo("deploy", "systemd", "willow.sysusers.conf")), StringComparison.Ordinal);
        Assert.Equal($"willow/{role}", unit.Get("Service", "StateDirectory"));
        Assert.Equal("on-failure", unit.Get("Service", "Restart"));
        Assert.Equal("multi-user.target", unit.Get("Install", "WantedBy"));

        Assert.Equal("yes", unit.Get("Service", "NoNewPrivileges"));
        Assert.Equal("strict", unit.Get("Service", "ProtectSystem"));
        Assert.Equal("yes", unit.Get("Service", "ProtectHome"));
        Assert.Equal("yes", unit.Get("Service", "PrivateTmp"));
        Assert.Equal("", unit.Get("Service", "CapabilityBoundingSet"));

        // A limit in whole mebibytes, and the single file's native libraries unpacked into the unit's own cache.
        Assert.Matches("^[0-9]+M$", unit.Get("Service", "MemoryMax"));
        Assert.Equal($"willow/{role}", unit.Get("Service", "CacheDirectory"));
        Assert.Contains($"DOTNET_BUNDLE_EXTRACT_BASE_DIR=%C/willow/{role}", unit.Lines("Service", "Environment"));
    }

    [Fact]
    public void AgentUnit_ReachesTheBoardsHardware_AndNoOtherDevice()
    {
        var unit = SystemdUnit.Read(UnitPath("agent"));

        Assert.Equal(["gpio", "i2c", "video", "audio"], unit.All("Service", "SupplementaryGroups"));
        Assert.Equal("closed", unit.Get("Service", "DevicePolicy"));
        Assert.Equal(
            ["char-gpiochip rw", "char-bcm2835-gpiomem rw", "char-rpi-gpiomem rw", "char-i2c rw", "char-video4linux rw", "char-alsa rw"],
            unit.Lines("Service", "DeviceAllow"));
        Assert.Null(unit.Get("Service", "PrivateDevices"));

        // The servo's PWM is written through /sys/class/pwm: ProtectKernelTunables= would make /sys read-only.
        Assert.Null(unit.Get("Service", "ProtectKernelTunables"));
    }

    [Fact]
    public void GatewayUnit_MayAskTheKernelWhetherNtpSynchronisedTheClock()
    {
        var unit = SystemdUnit.Read(UnitPath("gateway"));

        // ProtectClock= forbids adjtimex(2) altogether, and the gateway's clock guard reads the NTP state with it.
        Assert.Null(unit.Get("Service", "ProtectClock"));
        Assert.Equal("yes", unit.Get("Service", "PrivateDevices"));
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("gateway")]
    public void PiUnits_GiveTheGcTheGen0BudgetTheBenchmarkMeasured(string role)
    {
        var unit = SystemdUnit.Read(UnitPath(role));

        // Otherwise sized from the CPU's cache: tens of MiB on a server, a few hundred KiB on a Pi Zero 2 W.
        Assert.Contains("DOTNET_GCgen0size=0x400000", unit.Lines("Service", "Environment"));
    }

    [Fact]
    public void AgentUnit_RunsWithoutIcu_AndWithOneMallocArena()
    {
        var environment = UnitEnvironment.For("agent");

        // The 60 MiB an agent may hold at rest (docs/benchmarks.md); the agent's system tests run with the same environment.
        Assert.Equal("1", environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"]);
        Assert.Equal("1", environment["MALLOC_ARENA_MAX"]);
    }

    private static string UnitPath(string role) => Repository.PathTo("deploy", "systemd", $"willow-{role}.service");

    /// <summary>Keys systemd 252 takes in each section (systemd.unit, systemd.service, systemd.exec, systemd.resource-control, systemd.kill).</summary>
    private static readonly Dictionary<string, HashSet<string>> KnownKeys = new()
    {
        ["Unit"] =
        [
            "Description", "Documentation", "Wants", "Requires", "Requisite", "BindsTo", "PartOf", "Upholds", "Conflicts", "Before", "After",
            "OnFailure", "OnSuccess", "PropagatesReloadTo", "ReloadPropagatedFrom", "JoinsNamespaceOf", "RequiresMountsFor", "DefaultDependencies",
            "StartLimitIntervalSec", "StartLimitBurst", "StartLimitAction", "ConditionPathExists", "AssertPathExists", "ConditionArchitecture",
        ],
        ["Service"] =
        [
            "Type", "ExecStart", "ExecStartPre", "ExecStartPost", "ExecReload", "ExecStop", "ExecStopPost", "Restart", "RestartSec", "TimeoutStartSec",
            "TimeoutStopSec", "TimeoutSec", "WatchdogSec", "RemainAfterExit", "PIDFile", "NotifyAccess", "KillMode", "KillSignal", "SendSIGKILL",
            "User", "Group", "DynamicUser", "SupplementaryGroups", "WorkingDirectory", "RootDirectory", "UMask", "Environment", "EnvironmentFile",
            "StateDirectory", "StateDirectoryMode", "CacheDirectory", "CacheDirectoryMode", "LogsDirectory", "RuntimeDirectory", "ConfigurationDirectory",
            "ReadWritePaths", "ReadOnlyPaths", "InaccessiblePaths", "BindPaths", "BindReadOnlyPaths", "NoNewPrivileges", "ProtectSystem", "ProtectHome",
            "PrivateTmp", "PrivateDevices", "PrivateNetwork", "PrivateUsers", "ProtectClock", "ProtectKernelTunables", "ProtectKernelModules",
            "ProtectKernelLogs", "ProtectControlGroups", "ProtectHostname", "ProtectProc", "ProcSubset", "RestrictAddressFamilies", "RestrictNamespaces",
            "RestrictRealtime", "RestrictSUIDSGID", "LockPersonality", "MemoryDenyWriteExecute", "SystemCallArchitectures", "SystemCallFilter",
            "SystemCallErrorNumber", "CapabilityBoundingSet", "AmbientCapabilities", "DevicePolicy", "DeviceAllow", "MemoryMax", "MemoryHigh",
            "MemorySwapMax", "MemoryLow", "CPUQuota", "CPUWeight", "TasksMax", "IOWeight", "Nice", "LimitNOFILE", "StandardOutput", "StandardError",
            "SyslogIdentifier", "OOMScoreAdjust", "OOMPolicy",
        ],
        ["Install"] = ["WantedBy", "RequiredBy", "Alias", "Also", "DefaultInstance"],
    };
}
