namespace Willow.Agent.Capabilities.Camera;

/// <summary>One JPEG of the live view. <see cref="Number"/> grows by one per frame, across captures.</summary>
public sealed record CameraFrame(long Number, ReadOnlyMemory<byte> Jpeg);
