using System.ComponentModel;
using System.Diagnostics;

namespace Willow.Agent.Hardware;

/// <summary>
/// Runs one of the command-line tools an agent drives hardware through (<c>aplay</c>, <c>amixer</c>,
/// <c>espeak-ng</c>, <c>ffmpeg</c>). Arguments go through <see cref="ProcessStartInfo.ArgumentList"/>, never a
/// shell, so text a person typed ("Willow, dinner!") cannot become a command. A run that outlives its
/// timeout, or whose caller gives up, is killed with its children.
/// </summary>
public static class ExternalProgram
{
    /// <summary>The Debian package each tool comes from, for the error a person reads when it is missing.</summary>
    private static readonly Dictionary<string, string> Packages = new(StringComparer.Ordinal)
    {
        ["aplay"] = "alsa-utils",
        ["amixer"] = "alsa-utils",
        ["espeak-ng"] = "espeak-ng",
        ["ffmpeg"] = "ffmpeg",
        ["ffprobe"] = "ffmpeg",
    };

    /// <summary>
    /// Runs <paramref name="program"/> to the end and returns its exit code, everything it wrote to standard
    /// output, and the end of what it wrote to standard error.
    /// </summary>
    /// <exception cref="ExternalProgramMissingException">The program is not installed.</exception>
    /// <exception cref="TimeoutException">It ran longer than <paramref name="timeout"/>; it was killed.</exception>
    public static async Task<ProgramResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        TimeProvider time,
        CancellationToken cancellationToken,
        ReadOnlyMemory<byte> input = default)
    {
        using var process = Start(program, arguments, redirectInput: true);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var output = new MemoryStream();
            var copyOutput = process.StandardOutput.BaseStream.CopyToAsync(output, linked.Token);
            var readErrors = process.StandardError.ReadToEndAsync(linked.Token);
            if (!input.IsEmpty)
            {
                await process.StandardInput.BaseStream.WriteAsync(input, linked.Token);
            }

            process.StandardInput.Close();
            await Task.WhenAll(copyOutput, readErrors);
            await process.WaitForExitAsync(linked.Token);
            return new ProgramResult(process.ExitCode, output.ToArray(), Tail(await readErrors));
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            if (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{program} did not finish within {timeout.TotalSeconds:0.#} s and was stopped.");
            }

            throw;
        }
    }

    /// <summary>
    /// Starts a long-running program (a camera stream) whose output the caller reads as it comes. The caller
    /// owns the process and stops it with <see cref="Kill"/>.
    /// </summary>
    /// <exception cref="ExternalProgramMissingException">The program is not installed.</exception>
    public static Process Start(string program, IEnumerable<string> arguments, bool redirectInput = false)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            return Process.Start(start) ?? throw new ExternalProgramMissingException(program, PackageOf(program));
        }
        catch (Win32Exception ex)
        {
            throw new ExternalProgramMissingException(program, PackageOf(program), ex);
        }
    }

    /// <summary>Stops a program and its children; one that has already ended is left alone.</summary>
    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended between the check and the kill.
        }
    }

    private static string? PackageOf(string program) => Packages.GetValueOrDefault(Path.GetFileName(program));

    /// <summary>Tools like ffmpeg print a banner first; the reason for a failure is at the end.</summary>
    private static string Tail(string errors)
    {
        const int Keep = 2000;
        var trimmed = errors.Trim();
        return trimmed.Length <= Keep ? trimmed : trimmed[^Keep..];
    }
}
