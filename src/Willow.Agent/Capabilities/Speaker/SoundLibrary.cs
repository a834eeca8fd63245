using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Willow.Agent.Hardware;
using Willow.Core.Commands;

namespace Willow.Agent.Capabilities.Speaker;

/// <summary>
/// The speaker's sounds: a folder of WAV files named <c>&lt;name&gt;.wav</c>. It is never empty — the
/// built-in <c>call</c>, <c>whistle</c> and <c>chime</c> are written when missing — and an upload becomes a
/// sound only whole: it is written to a temporary file, checked, flushed to disk and then renamed into place.
/// OGG uploads are converted to WAV with ffmpeg as they arrive, so every call plays with <c>aplay</c> alone.
/// </summary>
public sealed class SoundLibrary
{
    /// <summary>The largest upload taken (about 12 s of CD-quality stereo, or 47 s of 22 kHz mono).</summary>
    public const long MaxUploadBytes = 2 * 1024 * 1024;

    /// <summary>Decoding an OGG of at most 2 MB takes a Pi Zero 2 W a few seconds; this leaves room.</summary>
    private static readonly TimeSpan ConversionTimeout = TimeSpan.FromSeconds(60);

    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public SoundLibrary(string directory, TimeProvider time, ILogger<SoundLibrary> logger)
    {
        Directory = Path.GetFullPath(directory);
        _time = time;
        _logger = logger;
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var name in BuiltInSounds.Names.Where(n => !File.Exists(PathOf(n))))
        {
            WriteWhole(PathOf(name), BuiltInSounds.Render(name));
            SpeakerLog.BuiltInWritten(_logger, name, PathOf(name));
        }

        SpeakerLog.LibraryOpened(_logger, Directory, Names().Count);
    }

    public string Directory { get; }

    /// <summary>A built-in sound can be replaced by an upload, but not deleted.</summary>
    public static bool IsBuiltIn(string name) => BuiltInSounds.Names.Contains(name, StringComparer.Ordinal);

    /// <summary>The names of every sound, in order.</summary>
    public IReadOnlyList<string> Names() =>
        [.. System.IO.Directory.EnumerateFiles(Directory, "*.wav")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Where(CommandArgs.IsSoundName)
            .Order(StringComparer.Ordinal)];

    public bool TryFind(string name, [NotNullWhen(true)] out string? path)
    {
        path = CommandArgs.IsSoundName(name) && File.Exists(PathOf(name)) ? PathOf(name) : null;
        return path is not null;
    }

    /// <summary>
    /// Keeps an uploaded sound under <paramref name="name"/>, replacing one of that name. Returns whether it is
    /// new, or why it cannot be played (then nothing is kept).
    /// </summary>
    /// <exception cref="ExternalProgramMissingException">An OGG upload, and ffmpeg is not installed.</exception>
    public async Task<(bool Created, string? Problem)> SaveAsync(string name, ReadOnlyMemory<byte> content, bool isOgg, CancellationToken cancellationToken)
    {
        if (!CommandArgs.IsSoundName(name))
        {
            throw new ArgumentException("Not a sound name.", nameof(name));
        }

        var temporary = Path.Combine(Directory, $".upload-{Guid.NewGuid():N}.tmp");
        try
        {
            string? problem = null;
            if (isOgg)
            {
                problem = await ConvertOggAsync(content, temporary, cancellationToken);
            }
            else
            {
                WriteWhole(temporary, content.Span, rename: false);
            }

            if (problem is null && !WavFile.TryDescribe(temporary, out _, out var unplayable))
            {
                problem = unplayable;
            }

            if (problem is not null)
            {
                return (false, problem);
            }

            var created = !File.Exists(PathOf(name));
            File.Move(temporary, PathOf(name), overwrite: true);
            SpeakerLog.SoundKept(_logger, name, created ? "added" : "replaced");
            return (created, null);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Deletes an uploaded sound; false if there is none of that name. Built-ins are not deleted.</summary>
    public bool TryDelete(string name)
    {
        if (IsBuiltIn(name) || !TryFind(name, out var path))
        {
            return false;
        }

        File.Delete(path);
        SpeakerLog.SoundDeleted(_logger, name);
        return true;
    }

    private string PathOf(string name) => Path.Combine(Directory, name + ".wav");

    private async Task<string?> ConvertOggAsync(ReadOnlyMemory<byte> ogg, string wavPath, CancellationToken cancellationToken)
    {
        var source = wavPath + ".ogg";
        try
        {
            await File.WriteAllBytesAsync(source, ogg, cancellationToken);
            var result = await ExternalProgram.RunAsync(
                "ffmpeg",
                ["-nostdin", "-hide_banner", "-loglevel", "error", "-i", source, "-map", "0:a:0", "-map_metadata", "-1", "-c:a", "pcm_s16le", "-f", "wav", "-y", wavPath],
                ConversionTimeout,
                _time,
                cancellationToken);
            if (!result.Succeeded)
            {
                return $"The OGG file could not be decoded ({result.Describe("ffmpeg")}).";
            }

            // ffmpeg closed the file; flush it to disk before it is renamed into the library.
            using (var written = new FileStream(wavPath, FileMode.Open, FileAccess.ReadWrite))
            {
                written.Flush(flushToDisk: true);
            }

            return null;
        }
        finally
        {
            File.Delete(source);
        }
    }

    /// <summary>Writes and flushes a file to disk, then (by default) renames it over <paramref name="path"/>.</summary>
    private static void WriteWhole(string path, ReadOnlySpan<byte> bytes, bool rename = true)
    {
        var target = rename ? path + $".{Guid.NewGuid():N}.tmp" : path;
        using (var file = new FileStream(target, FileMode.Create, FileAccess.Write))
        {
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }

        if (rename)
        {
            File.Move(target, path, overwrite: true);
        }
    }
}
