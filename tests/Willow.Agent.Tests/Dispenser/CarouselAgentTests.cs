using System.Net.Http.Json;
using System.Text.Json;
using Willow.Core.Commands;
using Willow.Core.Protocol;
using Willow.Core.Security;
using Willow.Gateway.Relay;
using Willow.Testing;

namespace Willow.Agent.Tests.Dispenser;

/// <summary>A carousel dispenser agent on a real port, configured as a person would, asked through the signed API.</summary>
public sealed class CarouselAgentTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("carousel-agent");
    private readonly string _homeKey = HomeKey.Generate();
    private AgentHost _agent = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _agent = await AgentHost.StartAsync(_directory.Path, "pill-carousel", Capability.Dispenser, _homeKey, new Dictionary<string, string?>
        {
            ["Dispenser:Carousel:Slots"] = "3",
            ["Dispenser:Carousel:SlotAnglesDegrees:0"] = "45",
            ["Dispenser:Carousel:SlotAnglesDegrees:1"] = "90",
            ["Dispenser:Carousel:SlotAnglesDegrees:2"] = "135",
        });
        _client = new HttpClient(new SigningHandler(new HomeKeyring(Convert.FromBase64String(_homeKey)), TimeProvider.System) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = new Uri(_agent.Url + "/"),
        };
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _agent.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Info_ReportsTheFullSlotsLeft_AsDispensesEmptyThem()
    {
        Assert.Equal(3, (await InfoAsync()).CarouselSlotsLeft);

        var outcome = await ActAsync(CommandKinds.Dispense, "{\"slot\":0}");

        Assert.Equal(CommandState.Succeeded, outcome.State);
        Assert.Equal(2, (await InfoAsync()).CarouselSlotsLeft);
        Assert.Equal(45, _agent.Servo.AngleDegrees);
    }

    [Fact]
    public async Task EverySlotEmptied_DispenseRefused_UntilHome()
    {
        for (var i = 0; i < 3; i++)
        {
            await ActAsync(CommandKinds.Dispense, "{}");
        }

        var refused = await ActAsync(CommandKinds.Dispense, "{}");
        await ActAsync(CommandKinds.Home, "{}");

        Assert.Equal(CommandState.Refused, refused.State);
        Assert.Equal("The carousel is empty: refill it and send 'home'.", refused.Detail);
        Assert.Equal([45.0, 90.0, 135.0, 0.0], _agent.Servo.Movements.Select(m => m.ToDegrees));
        Assert.Equal(3, (await InfoAsync()).CarouselSlotsLeft);
    }

    private async Task<AgentInfo> InfoAsync() => (await _client.GetFromJsonAsync(AgentRoutes.Info, WillowJsonContext.Default.AgentInfo))!;

    private async Task<ActuationOutcome> ActAsync(string kind, string args)
    {
        var request = new ActuationRequest(Guid.CreateVersion7(), kind, JsonElement.Parse(args), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(1));
        using var response = await _client.PostAsJsonAsync(AgentRoutes.Actuations, request, WillowJsonContext.Default.ActuationRequest);
        return (await response.Content.ReadFromJsonAsync(WillowJsonContext.Default.ActuationOutcome))!;
    }
}
