using Willow.Testing;

namespace Willow.Cli.Tests;

/// <summary><c>willow pet</c>, <c>regimen</c>, <c>doses</c> and <c>refill</c> against a real hub and home.</summary>
public sealed class CareCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("cli-care");
    private TestHome _home = null!;

    private string Profile => _directory.File("cli.json");

    public async ValueTask InitializeAsync()
    {
        _home = await TestHome.StartAsync();
        Assert.Equal(0, (await CliRun.RunAsync("login", "--hub", _home.Hub.Url, "--token", _home.Identity.ApiToken, "--profile", Profile)).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync("pet", "add", "Willow", "--species", "dog", "--profile", Profile)).ExitCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _home.DisposeAsync();
        _directory.Dispose();
    }

    private Task<CliRun> Run(params string[] args) => CliRun.RunAsync([.. args, "--profile", Profile]);

    [Fact]
    public async Task RegimenAdd_TheIssuesExample_ThenListDosesPauseResume()
    {
        var add = await Run(
            "regimen", "add", "--pet", "Willow", "--medication", "clomipramine", "--amount", "1 tablet", "--every", "8h",
            "--from", "2027-01-04 07:00", "--for", "4w", "--window", "45m", "--min-interval", "6h", "--device", TestHome.Dispenser, "--call-first");

        Assert.True(add.ExitCode == 0, add.Error);
        Assert.Contains("clomipramine 1 tablet for Willow, every 8 h, from 2027-01-04 07:00 until 2027-02-01 07:00", add.Out, StringComparison.Ordinal);
        Assert.Contains("Next dose: Mon 04 Jan 07:00", add.Out, StringComparison.Ordinal);

        var list = await Run("regimen", "list");
        Assert.Matches(@"Willow\s+clomipramine 1 tablet\s+every 8 h\s+treat-dispenser\s+active\s+Mon 04 Jan 07:00", list.Out);
        var id = list.Out.Split('\n')[1].Split(' ')[0];

        var doses = await Run("doses", "--from", "2027-01-04 00:00", "--to", "2027-01-05 00:00");
        Assert.Equal(3, doses.Out.Split('\n').Count(l => l.Contains("clomipramine", StringComparison.Ordinal)));
        Assert.Contains("window 06:15–07:45", doses.Out, StringComparison.Ordinal);

        Assert.Contains("is paused", (await Run("regimen", "pause", id)).Out, StringComparison.Ordinal);
        Assert.Contains("is active", (await Run("regimen", "resume", id)).Out, StringComparison.Ordinal);
        Assert.Contains("is ended", (await Run("regimen", "end", id)).Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--every", "8h", "--at", "07:00" }, "exactly one of --every, --at or --cron")]
    [InlineData(new[] { "--every", "eight hours" }, "is not a duration")]
    [InlineData(new[] { "--every", "8h", "--from", "tomorrow" }, "is not a local date and time")]
    [InlineData(new[] { "--every", "5m" }, "every must be at least 15 min")]
    [InlineData(new[] { "--every", "8h", "--window", "5h" }, "must be shorter than the time between doses")]
    public async Task RegimenAdd_BadInput_OneLineAndANonZeroExit(string[] schedule, string mentions)
    {
        var run = await Run(["regimen", "add", "--pet", "Willow", "--medication", "x", "--device", TestHome.Dispenser, .. schedule]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(mentions, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegimenAdd_UnknownPet_SaysWhichPetsThereAre()
    {
        var run = await Run("regimen", "add", "--pet", "Rex", "--medication", "x", "--every", "8h", "--device", TestHome.Dispenser);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("The household has: Willow", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refill_SaysWhatIsLeftAndWhenItRunsOut()
    {
        await Run("regimen", "add", "--pet", "Willow", "--medication", "clomipramine", "--every", "8h", "--from", "2027-01-04 07:00", "--device", TestHome.Dispenser);

        var first = await Run("refill", "--device", TestHome.Dispenser, "--remaining", "3");
        Assert.Equal(ExitCodes.Usage, first.ExitCode);
        Assert.Contains("capacity", first.Error, StringComparison.Ordinal);

        var refill = await Run("refill", "--device", TestHome.Dispenser, "--capacity", "30", "--remaining", "3");
        Assert.Equal(0, refill.ExitCode);
        Assert.Contains("3 of 30 portions", refill.Out, StringComparison.Ordinal);
        Assert.Contains("runs out before the dose at Tue 05 Jan 07:00", refill.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pets_ListsThem()
    {
        var run = await Run("pet", "list");
        Assert.Matches(@"Willow\s+dog", run.Out);
    }
}
