namespace Willow.System.Tests.Deploy;

/// <summary>
/// A Dockerfile read the way BuildKit reads one (Dockerfile reference): '#' comment lines (and the parser directive on
/// the first line), a trailing backslash continues an instruction, and each FROM … AS name starts a stage.
/// </summary>
internal sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<Stage> stages, IReadOnlyList<Instruction> global)
    {
        Stages = stages;
        Global = global;
    }

    /// <summary>The ARGs before the first FROM.</summary>
    public IReadOnlyList<Instruction> Global { get; }

    public IReadOnlyList<Stage> Stages { get; }

    public Stage this[string name] => Stages.Single(s => s.Name == name);

    public static Dockerfile Read(string path)
    {
        var instructions = new List<Instruction>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var number = i + 1;
            while (line.EndsWith('\\') && i + 1 < lines.Length)
            {
                var next = lines[++i].Trim();
                line = line[..^1].TrimEnd() + (next.StartsWith('#') ? "" : " " + next);
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            Assert.True(space > 0, $"{path}:{number}: '{line}' has no arguments.");
            instructions.Add(new Instruction(line[..space].ToUpperInvariant(), line[(space + 1)..].Trim(), number));
        }

        var global = instructions.TakeWhile(i => i.Keyword != "FROM").ToList();
        Assert.All(global, i => Assert.True(i.Keyword == "ARG", $"{path}:{i.Line}: only ARG may come before the first FROM."));
        var stages = new List<Stage>();
        foreach (var instruction in instructions.Skip(global.Count))
        {
            if (instruction.Keyword == "FROM")
            {
                var words = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var platform = words.FirstOrDefault(w => w.StartsWith("--platform=", StringComparison.Ordinal))?["--platform=".Length..];
                var rest = words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
                Assert.True(rest.Count == 3 && rest[1].Equals("AS", StringComparison.OrdinalIgnoreCase), $"{path}:{instruction.Line}: every stage is named (FROM image AS name).");
                stages.Add(new Stage(rest[2], rest[0], platform, []));
            }
            else
            {
                stages[^1].Instructions.Add(instruction);
            }
        }

        return new Dockerfile(stages, global);
    }

    internal sealed record Instruction(string Keyword, string Arguments, int Line)
    {
        /// <summary>The flags (--from=publish, --chmod=0755) and the words after them, for COPY.</summary>
        public (IReadOnlyDictionary<string, string> Flags, IReadOnlyList<string> Words) Split()
        {
            var words = Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var flags = words.TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal))
                .Select(w => w[2..].Split('=', 2))
                .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
            return (flags, [.. words.SkipWhile(w => w.StartsWith("--", StringComparison.Ordinal))]);
        }
    }

    internal sealed record Stage(string Name, string Image, string? Platform, List<Instruction> Instructions)
    {
        public IEnumerable<Instruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);
    }
}
