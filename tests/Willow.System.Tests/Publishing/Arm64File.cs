using System.Diagnostics;
using Willow.Testing;

namespace Willow.System.Tests.Publishing;

/// <summary>
/// The <c>linux-arm64</c> single file that goes on every Pi, published once per test run: the one in
/// <c>artifacts/publish/linux-arm64</c> when it is newer than every source it is built from, otherwise a fresh one
/// made by <c>scripts/publish.sh</c> in a temporary folder.
/// </summary>
public sealed class Arm64File : IAsyncLifetime
{
    public const string Rid = "linux-arm64";

    private static readonly TimeSpan PublishLimit = TimeSpan.FromMinutes(15);
    private readonly TempDirectory _directory = new("arm64");

    /// <summary>The <c>willow</c> file itself.</summary>
    public string Path { get; private set; } = "";

    /// <summary>The folder it was published into, with nothing else in it but the dashboard.</summary>
    public string Folder => global::System.IO.Path.GetDirectoryName(Path)!;

    /// <summary>How it was come by, for the test output: reused, or published in how long.</summary>
    public string Origin { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var published = Repository.PathTo("artifacts", "publish", Rid, "willow");
        if (File.Exists(published) && File.GetLastWriteTimeUtc(published) > NewestSource())
        {
            Path = published;
            Origin = $"reused {published}, newer than every source";
            return;
        }

        var folder = _directory.Sub("publish");
        var watch = Stopwatch.StartNew();
        var (code, output) = await RunAsync("bash", [Repository.PathTo("scripts", "publish.sh"), Rid, folder], PublishLimit);
        if (code != 0)
        {
            throw new InvalidOperationException($"scripts/publish.sh {Rid} failed with {code}:\n{output}");
        }

        Path = global::System.IO.Path.Combine(folder, "willow");
        Origin = $"published by scripts/publish.sh in {watch.Elapsed.TotalSeconds:0} s";
    }

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>When anything the file is built from last changed: the sources, the project files, the build settings.</summary>
    private static DateTime NewestSource()
    {
        var src = Repository.PathTo("src");
        var bin = global::System.IO.Path.DirectorySeparatorChar + "bin" + global::System.IO.Path.DirectorySeparatorChar;
        var obj = global::System.IO.Path.DirectorySeparatorChar + "obj" + global::System.IO.Path.DirectorySeparatorChar;
        var sources = Directory.EnumerateFiles(src, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains(bin, StringComparison.Ordinal) && !f.Contains(obj, StringComparison.Ordinal));
        string[] settings = ["Directory.Build.props", "Directory.Packages.props", "global.json"];
        return sources.Concat(settings.Select(s => Repository.PathTo(s))).Where(File.Exists).Max(File.GetLastWriteTimeUtc);
    }

    internal static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> arguments, TimeSpan limit, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = new Process { StartInfo = info };
        var output = new global::System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', info.ArgumentList)} did not finish within {limit.TotalMinutes:0} minutes:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}
