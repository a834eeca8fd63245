using System.Device.Gpio;

namespace Willow.Agent.Tests.Sensors;

/// <summary>A chip wired to some of the emulated GPIO's pins: it answers their reads and sees their writes.</summary>
internal interface IEmulatedPart
{
    PinValue Read(int pin);

    void Write(int pin, PinValue value);
}
