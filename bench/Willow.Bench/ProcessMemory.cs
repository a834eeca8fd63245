using System.Globalization;

namespace Willow.Bench;

/// <summary>
/// A process's memory as the kernel counts it, in MiB: resident (<c>VmRSS</c>), its peak (<c>VmHWM</c>), and the resident
/// part of the .NET GC's heap. The GC reserves one large address range for its regions (hundreds of GiB of address
/// space, nothing of it resident until used): the resident pages of the largest mapping in <c>/proc/PID/smaps</c> are the
/// GC heap's, free space the GC has not yet given back included.
/// </summary>
internal readonly record struct ProcessMemory(double Rss, double Peak, double GcHeap)
{
    public static ProcessMemory Read(int pid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status");
        double Field(string name) => Kib(status.Single(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..]) / 1024.0;
        return new ProcessMemory(Field("VmRSS"), Field("VmHWM"), LargestMappingRss(pid) / 1024.0);
    }

    private static long LargestMappingRss(int pid)
    {
        long largestSize = 0, largestRss = 0, size = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            if (line.StartsWith("Size:", StringComparison.Ordinal))
            {
                size = Kib(line["Size:".Length..]);
            }
            else if (line.StartsWith("Rss:", StringComparison.Ordinal) && size > largestSize)
            {
                largestSize = size;
                largestRss = Kib(line["Rss:".Length..]);
            }
        }

        return largestRss;
    }

    private static long Kib(string field) => long.Parse(field.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
}
