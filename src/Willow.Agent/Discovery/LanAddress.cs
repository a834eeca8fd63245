using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Willow.Agent.Discovery;

/// <summary>
/// This board's address on the home network, when configuration does not name one: the first IPv4 address of an
/// interface that is up, skipping loopback and the bridges Docker and friends create (the gateway cannot reach those).
/// </summary>
internal static class LanAddress
{
    private static readonly string[] VirtualPrefixes = ["docker", "br-", "veth", "virbr", "cni", "flannel", "lxc"];

    public static string Guess()
    {
        var candidates =
            from nic in NetworkInterface.GetAllNetworkInterfaces()
            where nic.OperationalStatus == OperationalStatus.Up
                && nic.NetworkInterfaceType != NetworkInterfaceType.Loopback
                && !VirtualPrefixes.Any(p => nic.Name.StartsWith(p, StringComparison.Ordinal))
            from unicast in nic.GetIPProperties().UnicastAddresses
            where unicast.Address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(unicast.Address)
            select unicast.Address.ToString();
        return candidates.FirstOrDefault() ?? IPAddress.Loopback.ToString();
    }
}
