namespace Willow.System.Tests.Deploy;

/// <summary>
/// A systemd unit file read the way systemd reads one (systemd.syntax(7)): [Section] headers, Key=Value lines, '#' and
/// ';' comments, a key given twice keeps both values (DeviceAllow=, Environment=), a trailing backslash continues a line.
/// </summary>
internal sealed class SystemdUnit
{
    private readonly List<(string Section, string Key, string Value, int Line)> _entries = [];

    private SystemdUnit(string path) => Path = path;

    public string Path { get; }

    public IReadOnlyList<(string Section, string Key, string Value, int Line)> Entries => _entries;

    public IEnumerable<string> Sections => _entries.Select(e => e.Section).Distinct();

    public static SystemdUnit Read(string path)
    {
        var unit = new SystemdUnit(path);
        string? section = null;
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].Trim();
            while (line.EndsWith('\\') && i + 1 < lines.Length)
            {
                line = line[..^1] + " " + lines[++i].Trim();
            }

            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                Assert.True(line[^1] == ']', $"{path}:{number}: a section header must end with ']'.");
                section = line[1..^1];
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            Assert.True(equals > 0, $"{path}:{number}: '{line}' is neither a section, a comment nor Key=Value.");
            Assert.True(section is not null, $"{path}:{number}: '{line}' comes before any section.");
            unit._entries.Add((section!, line[..equals].Trim(), line[(equals + 1)..].Trim(), number));
        }

        return unit;
    }

    /// <summary>The one value of a key (the last, as systemd keeps for single-valued settings), or null.</summary>
    public string? Get(string section, string key) =>
        _entries.LastOrDefault(e => e.Section == section && e.Key == key) is { Key: not null } entry ? entry.Value : null;

    /// <summary>Every value of a key that may be given more than once, each split on spaces.</summary>
    public IReadOnlyList<string> All(string section, string key) =>
        [.. _entries.Where(e => e.Section == section && e.Key == key).SelectMany(e => e.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))];

    /// <summary>Every value of a key, whole (DeviceAllow=char-i2c rw).</summary>
    public IReadOnlyList<string> Lines(string section, string key) =>
        [.. _entries.Where(e => e.Section == section && e.Key == key).Select(e => e.Value)];
}
