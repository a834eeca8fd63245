namespace Willow.Agent.Capabilities.Speaker;

/// <summary>
/// The sounds every speaker has, synthesised here as 16-bit mono PCM so the library is never empty: <c>call</c>
/// (two rising notes, twice: "come here"), <c>whistle</c> (a rising then falling sweep, the whistle dogs learn
/// as a recall) and <c>chime</c> (a struck bell, a gentle "something for you").
/// </summary>
public static class BuiltInSounds
{
    public const int SampleRateHertz = 22_050;

    public static IReadOnlyList<string> Names { get; } = ["call", "whistle", "chime"];

    /// <summary>The WAV bytes of a built-in sound.</summary>
    public static byte[] Render(string name) => WavFile.Pcm16Mono(
        name switch
        {
            "call" => Call(),
            "whistle" => Whistle(),
            "chime" => Chime(),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a built-in sound."),
        },
        SampleRateHertz);

    private static float[] Call()
    {
        // E5 then A5, twice: a bright interval that carries across a house.
        var notes = new[] { (659.25, 0.18), (880.0, 0.28), (0.0, 0.16), (659.25, 0.18), (880.0, 0.28) };
        var samples = new List<float>();
        foreach (var (frequency, seconds) in notes)
        {
            var count = (int)(seconds * SampleRateHertz);
            for (var i = 0; i < count; i++)
            {
                var t = (double)i / SampleRateHertz;
                var tone = frequency == 0 ? 0 : Math.Sin(2 * Math.PI * frequency * t) + (0.25 * Math.Sin(4 * Math.PI * frequency * t));
                samples.Add((float)(0.55 * tone * Fade(i, count)));
            }
        }

        return [.. samples];
    }

    private static float[] Whistle()
    {
        // 1.2 kHz up to 2.6 kHz and down to 1.6 kHz in 0.9 s; the phase is integrated so the sweep is smooth.
        var count = (int)(0.9 * SampleRateHertz);
        var samples = new float[count];
        var phase = 0.0;
        for (var i = 0; i < count; i++)
        {
            var x = (double)i / count;
            var frequency = x < 0.45 ? 1200 + (1400 * (x / 0.45)) : 2600 - (1000 * ((x - 0.45) / 0.55));
            phase += 2 * Math.PI * frequency / SampleRateHertz;
            samples[i] = (float)(0.6 * Math.Sin(phase) * Fade(i, count));
        }

        return samples;
    }

    private static float[] Chime()
    {
        // A bell's partials (1, 2.76, 5.4 × 1046.5 Hz) dying away over 1.6 s.
        var count = (int)(1.6 * SampleRateHertz);
        var samples = new float[count];
        for (var i = 0; i < count; i++)
        {
            var t = (double)i / SampleRateHertz;
            var bell = Math.Sin(2 * Math.PI * 1046.5 * t) * Math.Exp(-2.2 * t)
                       + (0.45 * Math.Sin(2 * Math.PI * 2888.3 * t) * Math.Exp(-4.5 * t))
                       + (0.2 * Math.Sin(2 * Math.PI * 5651.1 * t) * Math.Exp(-7 * t));
            samples[i] = (float)(0.5 * bell * Fade(i, count));
        }

        return samples;
    }

    /// <summary>5 ms in and out, so no note starts or ends with a click.</summary>
    private static double Fade(int i, int count)
    {
        const int Edge = SampleRateHertz / 200;
        return Math.Min(1.0, Math.Min(i, count - 1 - i) / (double)Edge);
    }
}
