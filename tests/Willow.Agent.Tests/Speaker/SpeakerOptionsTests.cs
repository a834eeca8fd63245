using System.ComponentModel.DataAnnotations;
using Willow.Agent.Capabilities.Speaker;

namespace Willow.Agent.Tests.Speaker;

/// <summary>Speaker settings become command-line arguments: anything that could read as an option is refused at start-up.</summary>
public sealed class SpeakerOptionsTests
{
    [Fact]
    public void Defaults_AreValid() => Assert.Empty(Problems(new SpeakerOptions()));

    [Theory]
    [InlineData("device", "-D", "Speaker:Device")]
    [InlineData("device", "hw:1 --other", "Speaker:Device")]
    [InlineData("voice", "--path=/etc", "Speaker:Voice")]
    [InlineData("control", "-c 1", "Speaker:MixerControl")]
    [InlineData("driver", "pulse", "Speaker:Driver")]
    [InlineData("volume", "101", "Speaker:VolumePercent")]
    public void Invalid_IsRefusedNamingTheSetting(string what, string value, string named)
    {
        var options = new SpeakerOptions();
        switch (what)
        {
            case "device": options.Device = value; break;
            case "voice": options.Voice = value; break;
            case "control": options.MixerControl = value; break;
            case "driver": options.Driver = value; break;
            case "volume": options.VolumePercent = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
        }

        Assert.Contains(Problems(options), p => p.StartsWith(named, StringComparison.Ordinal));
    }

    private static List<string> Problems(SpeakerOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? "")];
    }
}
