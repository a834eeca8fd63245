using System.Runtime.InteropServices;

namespace Willow.Gateway.Clock;

/// <summary>
/// Linux's own answer, from <c>adjtimex(2)</c>: it returns <c>TIME_ERROR</c> (5) while the kernel's clock is
/// not synchronised (no NTP daemon has disciplined it since boot). The same call <c>timedatectl</c> relies on.
/// </summary>
public sealed partial class KernelClockSync : IClockSync
{
    private const int TimeError = 5;

    public ClockSyncState Read()
    {
        if (!OperatingSystem.IsLinux())
        {
            return ClockSyncState.Unknown;
        }

        // struct timex is 208 bytes on 64-bit Linux; zeroed, 'modes' is 0: read only, change nothing.
        Span<byte> timex = stackalloc byte[512];
        timex.Clear();
        try
        {
            var state = Adjtimex(timex);
            return state switch
            {
                < 0 => ClockSyncState.Unknown,
                TimeError => ClockSyncState.Unsynchronized,
                _ => ClockSyncState.Synchronized,
            };
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return ClockSyncState.Unknown;
        }
    }

    [LibraryImport("libc", EntryPoint = "adjtimex")]
    private static partial int Adjtimex(Span<byte> timex);
}
