using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Willow.Agent.Hardware;

namespace Willow.Agent.Capabilities.Speaker;

/// <summary>
/// Speaks text with <c>espeak-ng</c> into a WAV file, which is then played like any sound. The text goes in on
/// standard input, never on the command line, so "-v whatever" typed as a pet's name is only spoken.
/// </summary>
public sealed class SpeechSynthesizer(IOptions<SpeakerOptions> options, TimeProvider time)
{
    /// <summary>espeak-ng renders 200 characters in well under a second on a Pi Zero 2 W; this is generous.</summary>
    private static readonly TimeSpan SpeakTimeout = TimeSpan.FromSeconds(30);

    private readonly SpeakerOptions _options = options.Value;

    /// <summary>The command line for espeak-ng: voice, speed, UTF-8 text from standard input, WAV out.</summary>
    internal static IReadOnlyList<string> Arguments(string voice, int wordsPerMinute, string wavPath) =>
        ["-v", voice, "-s", wordsPerMinute.ToString(CultureInfo.InvariantCulture), "-b", "1", "-w", wavPath, "--stdin"];

    /// <summary>Writes <paramref name="text"/>, spoken, to a new WAV file whose path it returns; the caller deletes it.</summary>
    /// <exception cref="SoundNotPlayedException">espeak-ng failed or wrote no sound.</exception>
    /// <exception cref="ExternalProgramMissingException">espeak-ng is not installed.</exception>
    public async Task<string> SpeakToFileAsync(string text, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "willow-speech");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.wav");
        var spoken = false;
        try
        {
            var result = await ExternalProgram.RunAsync(
                "espeak-ng", Arguments(_options.Voice, _options.WordsPerMinute, path), SpeakTimeout, time, cancellationToken, Encoding.UTF8.GetBytes(text));
            if (!result.Succeeded)
            {
                throw new SoundNotPlayedException($"espeak-ng could not speak the text ({result.Describe("espeak-ng")}). Check Speaker:Voice against espeak-ng --voices.");
            }

            // A run that exits 0 but wrote no sound (empty text after markup, say) is no call either.
            if (!File.Exists(path) || !WavFile.TryDescribe(path, out var format, out _) || format.Duration <= TimeSpan.Zero)
            {
                var why = result.Errors.Length > 0 ? result.Errors : "it wrote no sound";
                throw new SoundNotPlayedException($"espeak-ng could not speak the text: {why}. Check Speaker:Voice against espeak-ng --voices.");
            }

            spoken = true;
            return path;
        }
        finally
        {
            if (!spoken)
            {
                File.Delete(path);
            }
        }
    }
}
