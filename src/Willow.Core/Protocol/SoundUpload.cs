namespace Willow.Core.Protocol;

/// <summary>A sound a person uploaded for a speaker, on its way through the gateway to the agent.</summary>
public sealed record SoundUpload(string DeviceId, string Name, string ContentType, byte[] Content);

/// <summary>
/// How a change to a speaker's sound library went at home: the agent's HTTP status (or the gateway's, 503 when
/// the agent cannot be reached), the problem if it failed, and the library afterwards.
/// </summary>
public sealed record SoundChange(int Status, string? Problem, IReadOnlyList<string>? Sounds)
{
    public bool Succeeded => Status is >= 200 and < 300;
}
