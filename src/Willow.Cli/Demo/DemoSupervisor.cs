using Willow.Cli.Client;
using Willow.Cli.Output;
using Willow.Gateway.Enrollment;

namespace Willow.Cli.Demo;

/// <summary>
/// Runs the demo home as a tree of real processes from this one executable: a hub on SQLite, a gateway,
/// and two simulated agents, each exactly as it would run on its own machine.
/// </summary>
public sealed class DemoSupervisor(Terminal terminal, TimeProvider time)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public async Task<int> RunAsync(
        Uri hubUrl, string dataDirectory, bool saveProfile, string profilePath, CancellationToken cancellationToken, string? mqttBroker = null)
    {
        DemoSetup.EnsurePortFree(hubUrl);
        var owner = await DemoOwner.EnsureAsync(dataDirectory, DemoSetup.LoadManifest(dataDirectory), time, cancellationToken);
        var manifest = DemoSetup.Prepare(hubUrl, dataDirectory, owner, mqttBroker);
        terminal.Line($"Starting the Willow demo in {manifest.DataDirectory} …");
        if (owner.Created)
        {
            terminal.Line($"Created the owner {owner.Email} and the household {owner.HouseholdName}, as 'willow users add --owner' does.");
        }

        var hub = Child(manifest, "hub", ["hub"], TerminalColor.Blue, cancellationToken);
        var agents = manifest.Devices.Select(d => Child(manifest, d.Id, ["agent"], TerminalColor.Green, cancellationToken)).ToList();
        var gateway = Child(manifest, "gateway", ["gateway"], TerminalColor.Cyan, cancellationToken);
        IReadOnlyList<ChildProcess> all = [hub, .. agents, gateway];

        try
        {
            using var client = new HubClient(manifest.HubUrl, manifest.ApiToken);
            hub.Start();
            await WaitAsync("the hub to be ready", hub, () => client.IsReadyAsync(cancellationToken), cancellationToken);
            await EnrollGatewayAsync(client, manifest, cancellationToken);
            foreach (var agent in agents)
            {
                agent.Start();
            }

            gateway.Start();
            await WaitAsync(
                "the gateway to report every device online",
                gateway,
                async () => (await client.DevicesAsync(manifest.HouseholdId, cancellationToken)) is var devices
                    && manifest.Devices.All(d => devices.Any(v => v.Id == d.Id && v.Online)),
                cancellationToken);

            var care = await SeedCareAsync(client, manifest, cancellationToken);
            DemoSetup.SaveManifest(manifest);
            if (saveProfile)
            {
                new ClientProfile(manifest.HubUrl, manifest.ApiToken, manifest.HouseholdId, manifest.ApiTokenId).Save(profilePath);
            }

            PrintWelcome(manifest, care, saveProfile ? profilePath : null);
            if (mqttBroker is not null)
            {
                terminal.Line($"Home Assistant: the gateway publishes the household's devices to {mqttBroker} (MQTT discovery under 'homeassistant/').");
            }
            await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            terminal.Line("Stopping the demo …");
            foreach (var child in all.Reverse())
            {
                await child.StopAsync();
            }
        }

        terminal.Line($"Stopped. Its data stays in {manifest.DataDirectory}; 'willow demo' again carries on from it.");
        return ExitCodes.Success;
    }

    private ChildProcess Child(DemoManifest manifest, string name, string[] command, TerminalColor tone, CancellationToken stopping) => new(
        name,
        [.. command, "--config", DemoSetup.ConfigPath(manifest, name), "--exit-with-stdin"],
        manifest.PidFiles[name],
        terminal,
        tone,
        time,
        stopping);

    private async Task WaitAsync(string what, ChildProcess process, Func<Task<bool>> done, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            if (process.FirstExit.Task.IsCompleted)
            {
                throw new CliException($"The demo's {process.Name} exited with code {process.FirstExit.Task.Result} while starting; its output is above.");
            }

            try
            {
                if (await done())
                {
                    return;
                }
            }
            catch (CliException)
            {
                // Not up yet.
            }

            if (time.GetElapsedTime(started) > StartTimeout)
            {
                throw new CliException($"Gave up waiting for {what} after {StartTimeout.TotalSeconds:0} s; the output above says why.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken);
        }
    }

    /// <summary>
    /// Connects the demo's gateway the way a person connects a Pi: the owner adds it and gets a one-time code
    /// (<c>willow gateway add</c>), the gateway trades the code for its token (<c>willow gateway enroll</c>).
    /// Later runs keep the token the gateway has.
    /// </summary>
    private async Task EnrollGatewayAsync(HubClient client, DemoManifest manifest, CancellationToken cancellationToken)
    {
        var directory = DemoSetup.GatewayDataDirectory(manifest.DataDirectory);
        var gateway = (await client.GatewaysAsync(manifest.HouseholdId, cancellationToken)).FirstOrDefault(g => g.Id == manifest.GatewayId);
        if (gateway is { Status: "enrolled" } && GatewayCredentials.Load(directory)?.HouseholdId == manifest.HouseholdId)
        {
            return;
        }

        if (gateway is { Status: "revoked" })
        {
            throw new CliException($"The demo's gateway '{manifest.GatewayId}' was revoked. Start a fresh demo: willow demo --data-dir SOMEWHERE-NEW");
        }

        var code = gateway is null
            ? await client.CreateGatewayAsync(manifest.HouseholdId, manifest.GatewayId, cancellationToken)
            : await client.GatewayCodeAsync(manifest.HouseholdId, manifest.GatewayId, cancellationToken);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            (await HubEnrollment.EnrollAsync(http, new Uri(manifest.HubUrl), code.Code, time, cancellationToken)).Save(directory);
        }
        catch (EnrollmentRefusedException ex)
        {
            throw new CliException($"The demo's gateway could not enrol: {ex.Message}");
        }

        terminal.Line($"Enrolled the gateway '{manifest.GatewayId}' with a one-time code, as 'willow gateway add' and 'willow gateway enroll' do.");
    }

    /// <summary>
    /// The first time: Willow the dog, and her course of clomipramine every 8 hours from two minutes from now,
    /// called first with the speaker, from a pill dispenser holding 30 tablets. Later runs keep what is there.
    /// </summary>
    private async Task<string> SeedCareAsync(HubClient client, DemoManifest manifest, CancellationToken cancellationToken)
    {
        var household = manifest.HouseholdId;
        var pet = (await client.PetsAsync(household, cancellationToken)).FirstOrDefault(p => p.Name == DemoSetup.PetName)
            ?? await client.AddPetAsync(household, new Hub.Pets.CreatePetRequest { Name = DemoSetup.PetName, Species = "dog" }, cancellationToken);
        var clock = await HouseholdClock.ForAsync(client, household, cancellationToken);
        var regimen = (await client.RegimensAsync(household, cancellationToken)).FirstOrDefault(r => r.PetId == pet.Id && r.Status != "ended");
        if (regimen is null)
        {
            var start = clock.Local(time.GetUtcNow()).AddMinutes(2);
            regimen = await client.AddRegimenAsync(household, new Hub.Regimens.RegimenRequest
            {
                PetId = pet.Id,
                Medication = "clomipramine",
                Amount = "1 tablet",
                Schedule = new Hub.Regimens.ScheduleRequest { Kind = Core.Regimens.ScheduleKinds.Every, Every = TimeSpan.FromHours(8) },
                StartsAt = Hub.Regimens.RegimenTime.Format(start.AddSeconds(-start.Second)),
                EndsAt = Hub.Regimens.RegimenTime.Format(start.AddSeconds(-start.Second).AddDays(28)),
                WindowBefore = TimeSpan.FromMinutes(45),
                WindowAfter = TimeSpan.FromMinutes(45),
                MinimumInterval = TimeSpan.FromHours(6),
                DeviceId = DemoSetup.PillDispenser,
                CallFirst = true,
                CallDeviceId = DemoSetup.Speaker,
                PhotoAfter = true,
                PhotoDeviceId = DemoSetup.FeedingStation,
            }, cancellationToken);
            await client.RefillAsync(household, DemoSetup.PillDispenser, new Hub.Devices.RefillRequest { Capacity = DemoSetup.PillCapacity }, cancellationToken);
        }

        return $"{pet.Name} gets {regimen.Medication} {regimen.Amount} {regimen.Schedule.Description} from the pill dispenser; next dose {clock.Format(regimen.NextDoseAt)}.";
    }

    private void PrintWelcome(DemoManifest manifest, string care, string? profilePath)
    {
        var dispenser = manifest.Devices.First(d => d.Id == DemoSetup.TreatDispenser);
        terminal.Line();
        terminal.Line(terminal.Paint("Willow demo is running.", TerminalColor.Bold));
        terminal.Line();
        terminal.Line($"  Dashboard  {manifest.HubUrl}/  (sign in as the owner below)");
        terminal.Line($"  API        {manifest.ApiUrl}");
        terminal.Line($"  API docs   {manifest.DocsUrl}");
        terminal.Line($"  Household  {manifest.HouseholdName}  {manifest.HouseholdId}  ({manifest.TimeZone})");
        terminal.Line($"  Owner      {manifest.OwnerEmail}  password {manifest.OwnerPassword}");
        terminal.Line($"  API token  {manifest.ApiToken}");
        terminal.Line($"  Data       {manifest.DataDirectory}  (all of this is in {DemoSetup.ManifestFile}; 'source {Path.Combine(manifest.DataDirectory, DemoSetup.EnvironmentFile)}' for a shell)");
        terminal.Line();
        var table = new Table("Device", "Capability", "Agent", "Records to");
        foreach (var device in manifest.Devices)
        {
            table.Add(device.Id, string.Join(", ", device.Capabilities), device.Url, device.SimulationLog ?? "");
        }

        table.WriteTo(terminal);
        terminal.Line();
        terminal.Line(care);
        terminal.Line($"The treat dispenser refuses a second dispense within {DemoSetup.TreatLockout.TotalSeconds:0} s (the lockout).");
        terminal.Line("The feeding station watches the bowl: a photo after each dose, a live view, and the room's and the bowl's readings (Devices page).");
        terminal.Line(profilePath is null
            ? $"Try it (sign in first: willow login --hub {manifest.HubUrl} --email {manifest.OwnerEmail}):"
            : "Try it (the CLI is signed in to this hub as the owner):");
        terminal.Line($"  willow feed --device {dispenser.Id}");
        terminal.Line($"  willow call --device {DemoSetup.Speaker}");
        terminal.Line("  willow status");
        terminal.Line("  willow doses");
        terminal.Line("  willow regimen list");
        terminal.Line("  willow invite --role caregiver --until YYYY-MM-DD --note \"pet sitter\"");
        terminal.Line("  willow audit");
        terminal.Line($"  curl -X POST -H 'Authorization: Bearer {manifest.ApiToken}' -H 'Content-Type: application/json' \\");
        terminal.Line("       -d '{\"kind\":\"dispense\",\"args\":{\"portions\":1}}' \\");
        terminal.Line($"       {manifest.ApiUrl}/households/{manifest.HouseholdId}/devices/{dispenser.Id}/commands");
        terminal.Line();
        terminal.Line("Press Ctrl+C to stop.");
    }
}
