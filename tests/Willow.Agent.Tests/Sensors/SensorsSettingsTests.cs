using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Willow.Agent.Capabilities.Sensors;
using Willow.Core.Commands;
using Willow.Core.Security;
using Willow.Testing;

namespace Willow.Agent.Tests.Sensors;

/// <summary>Sensor settings a person gets wrong are refused at start, with the setting to fix.</summary>
public sealed class SensorsSettingsTests : IDisposable
{
    private readonly TempDirectory _directory = new("sensors-settings");

    [Theory]
    [InlineData("Sensors:Climate=none", "at least one of Sensors:Climate, Sensors:Scale or Sensors:Motion")]
    [InlineData("Sensors:Scale=hx711", "Sensors:GramsPerCount is needed with the HX711 scale")]
    [InlineData("Sensors:Scale=hx711;Sensors:GramsPerCount=0", "Sensors:GramsPerCount must be a number other than 0")]
    [InlineData("Sensors:Motion=pir;Sensors:PirPin=4;Sensors:Climate=dht22", "Two sensors are set to the same GPIO pin")]
    [InlineData("Sensors:Climate=simulated;Sensors:ClimateInterval=00:00:01", "Sensors:ClimateInterval must be between 3 seconds")]
    [InlineData("Sensors:Climate=bme280;Sensors:Bme280Address=0x40", "Sensors:Bme280Address must be 0x76")]
    [InlineData("Sensors:Climate=dht11", "Sensors:Climate must be 'dht22', 'bme280', 'simulated' or 'none'")]
    public async Task Start_BadSetting_RefusedNamingTheSetting(string settings, string message)
    {
        var values = settings.Split(';').Select(s => s.Split('=')).ToDictionary(p => p[0], p => (string?)p[1]);

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            AgentHost.StartAsync(_directory.Path, "kitchen-sensors", Capability.Sensors, HomeKey.Generate(), values));

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bme280Address_WrittenInHex_IsRead_ByTheAgentsOwnBinder()
    {
        await using var agent = await AgentHost.StartAsync(_directory.Path, "kitchen-sensors", Capability.Sensors, HomeKey.Generate(),
            new Dictionary<string, string?> { ["Sensors:Climate"] = "simulated", ["Sensors:Bme280Address"] = "0x77" });

        Assert.Equal(0x77, agent.App.Services.GetRequiredService<IOptions<SensorsOptions>>().Value.Bme280AddressValue);
    }

    public void Dispose() => _directory.Dispose();
}
