namespace Willow.Core.Protocol;

/// <summary>
/// A person opened a camera's live view: the gateway streams the camera's frames to the hub under
/// <see cref="StreamId"/> (<c>UploadCameraFrames</c>) until the hub stops it or <see cref="MaxDuration"/> passes.
/// </summary>
public sealed record CameraStreamRequest(Guid StreamId, string DeviceId, TimeSpan MaxDuration);
