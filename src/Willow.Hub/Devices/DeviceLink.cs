namespace Willow.Hub.Devices;

/// <summary>How the hub reaches a device: through its home's gateway, or by the device polling (direct mode).</summary>
public static class DeviceLink
{
    public const string Gateway = "gateway";
    public const string Direct = "direct";
}
