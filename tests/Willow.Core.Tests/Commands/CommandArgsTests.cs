using System.Text.Json;
using Willow.Core.Commands;

namespace Willow.Core.Tests.Commands;

public sealed class CommandArgsTests
{
    [Theory]
    [InlineData("dispense", "{}")]
    [InlineData("dispense", "{\"portions\":1}")]
    [InlineData("dispense", "{\"portions\":5,\"slot\":3}")]
    [InlineData("home", "{}")]
    [InlineData("call", "{\"sound\":\"whistle\",\"repeat\":2}")]
    public void Validate_GoodArguments_HasNoErrors(string kind, string json) =>
        Assert.Empty(CommandArgs.Validate(kind, JsonElement.Parse(json)));

    [Theory]
    [InlineData("dispense", "{\"portions\":0}", "args.portions")]
    [InlineData("dispense", "{\"portions\":6}", "args.portions")]
    [InlineData("dispense", "{\"portions\":\"two\"}", "args.portions")]
    [InlineData("dispense", "{\"portions\":1.5}", "args.portions")]
    [InlineData("dispense", "{\"portion\":1}", "args.portion")]
    [InlineData("dispense", "[1]", "args")]
    [InlineData("home", "{\"portions\":1}", "args.portions")]
    [InlineData("call", "{\"sound\":\"../etc/passwd\"}", "args.sound")]
    [InlineData("call", "{\"sound\":7}", "args.sound")]
    [InlineData("call", "{\"repeat\":99}", "args.repeat")]
    public void Validate_BadArguments_NamesTheField(string kind, string json, string field) =>
        Assert.Contains(field, CommandArgs.Validate(kind, JsonElement.Parse(json)).Keys);

    [Fact]
    public void ReadDispense_NoArguments_IsOnePortion() =>
        Assert.Equal(new DispenseArgs(1, null), CommandArgs.ReadDispense(JsonElement.Parse("{}")));

    [Fact]
    public void ReadCall_NoSound_IsTheDefaultCall() =>
        Assert.Equal(new CallArgs("call", 1), CommandArgs.ReadCall(default));

    [Theory]
    [InlineData("dispense", "dispenser")]
    [InlineData("home", "dispenser")]
    [InlineData("call", "speaker")]
    [InlineData("jump", null)]
    public void CapabilityFor_MapsKindToHardware(string kind, string? capability) =>
        Assert.Equal(capability, CommandKinds.CapabilityFor(kind));
}
