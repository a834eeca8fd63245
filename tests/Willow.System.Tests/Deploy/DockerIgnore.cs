using System.Text.RegularExpressions;

namespace Willow.System.Tests.Deploy;

/// <summary>
/// A .dockerignore as BuildKit applies it (moby/patternmatcher): patterns in order, each cleaned of a trailing '/',
/// '*' and '?' within one path segment, '**' across any number, '!' re-including; a path is left out when the last
/// pattern that matches it, or one of the folders above it, is not an exception.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Exception)> _patterns = [];

    private DockerIgnore()
    {
    }

    public static DockerIgnore Read(string path)
    {
        var ignore = new DockerIgnore();
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var exception = line[0] == '!';
            var pattern = (exception ? line[1..] : line).Trim().Trim('/');
            var regex = "^" + Regex.Escape(pattern).Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
                .Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal)
                .Replace(@"\?", "[^/]", StringComparison.Ordinal) + "$";
            ignore._patterns.Add((new Regex(regex, RegexOptions.CultureInvariant), exception));
        }

        return ignore;
    }

    /// <summary>Whether the build context leaves out this path (relative to the context, '/'-separated).</summary>
    public bool Excludes(string path)
    {
        var parts = path.Trim('/').Split('/');
        var prefixes = Enumerable.Range(1, parts.Length).Select(n => string.Join('/', parts.Take(n))).ToList();
        var excluded = false;
        foreach (var (pattern, exception) in _patterns)
        {
            if (prefixes.Any(pattern.IsMatch))
            {
                excluded = !exception;
            }
        }

        return excluded;
    }
}
