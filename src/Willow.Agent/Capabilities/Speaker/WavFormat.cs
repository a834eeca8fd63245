namespace Willow.Agent.Capabilities.Speaker;

/// <summary>What a WAV file holds: its channels, sample rate and sample size, and how many bytes of sound.</summary>
public sealed record WavFormat(int Channels, int SampleRateHertz, int BitsPerSample, long DataBytes)
{
    public TimeSpan Duration => TimeSpan.FromSeconds((double)DataBytes / (Channels * (BitsPerSample / 8)) / SampleRateHertz);
}
