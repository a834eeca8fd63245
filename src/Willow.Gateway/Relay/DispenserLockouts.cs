using Microsoft.Extensions.Options;
using Willow.Gateway.Doses;

namespace Willow.Gateway.Relay;

/// <summary>
/// The minimum interval between dispenses on a device: the longest of the gateway's configured lockout
/// and the minimum intervals of the active regimens that use the device.
/// </summary>
public sealed class DispenserLockouts(IOptions<LockoutOptions> options, RegimenBook regimens)
{
    public TimeSpan For(string deviceId)
    {
        var interval = options.Value.For(deviceId);
        foreach (var plan in regimens.Plans)
        {
            if (plan.IsActive && plan.Current.Terms.DeviceId == deviceId && plan.Current.Terms.MinimumInterval > interval)
            {
                interval = plan.Current.Terms.MinimumInterval;
            }
        }

        return interval;
    }
}
