using System.Globalization;

namespace Willow.Bench;

/// <summary>
/// A process's memory as the kernel counts it, in MiB: resident (<c>VmRSS</c>), its peak (<c>VmHWM</c>), and the resident
/// pages by kind of mapping (<c>/proc/PID/smaps</c>), to see what grows: the file itself (the runtime's native code), the
/// assemblies unpacked from it, the JIT's code and type data (mapped twice, writable and executable: W^X), private
/// anonymous memory (the GC heap, thread stacks), the C heap (SQLite, ICU, the runtime's own), and other files (libc, ICU).
/// </summary>
internal sealed record ProcessMemory(double Rss, double Peak, IReadOnlyDictionary<string, double> Kinds)
{
    public static readonly string[] KindNames = ["file", "unpacked", "jit (x2)", "anonymous", "c heap", "libraries"];

    public static ProcessMemory Read(int pid, string executable)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status");
        double Field(string name) => Kib(status.Single(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..]) / 1024.0;
        var kinds = KindNames.ToDictionary(k => k, _ => 0.0);
        var kind = "anonymous";
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            if (line.Length > 0 && char.IsAsciiHexDigit(line[0]) && line.Contains('-', StringComparison.Ordinal) && line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: >= 5 } header)
            {
                var name = header.Length > 5 ? string.Join(' ', header[5..]) : "";
                kind = name switch
                {
                    _ when name == executable => "file",
                    _ when name.StartsWith("/dev/zero", StringComparison.Ordinal) => "unpacked",
                    _ when name.StartsWith("/memfd:doublemapper", StringComparison.Ordinal) => "jit (x2)",
                    "[heap]" => "c heap",
                    "" or "[stack]" => "anonymous",
                    _ => "libraries",
                };
            }
            else if (line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                kinds[kind] += Kib(line["Rss:".Length..]) / 1024.0;
            }
        }

        return new ProcessMemory(Field("VmRSS"), Field("VmHWM"), kinds);
    }

    private static long Kib(string field) => long.Parse(field.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
}
