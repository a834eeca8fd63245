namespace Willow.Core.Protocol;

/// <summary>The agent's LAN API, relative to its base address. Every route but health is signed.</summary>
public static class AgentRoutes
{
    /// <summary><c>POST</c> an <see cref="ActuationRequest"/>; <c>GET …/{commandId}</c> its outcome.</summary>
    public const string Actuations = "api/v1/actuations";

    /// <summary><c>GET</c> the <see cref="AgentInfo"/>.</summary>
    public const string Info = "api/v1/info";

    /// <summary><c>GET ?after=N&amp;wait=S</c>: a <see cref="ReadingPage"/>, waiting up to S seconds for a new reading.</summary>
    public const string Readings = "api/v1/readings";

    /// <summary><c>GET …/{commandId}</c>: the JPEG a <c>snapshot</c> command took.</summary>
    public const string Photos = "api/v1/photos";

    /// <summary><c>GET</c>: the camera's live view, <c>multipart/x-mixed-replace</c> JPEG frames (MJPEG).</summary>
    public const string CameraStream = "api/v1/camera/stream";

    /// <summary><c>GET</c> the sound library's names; <c>PUT …/{name}</c> a WAV or OGG file; <c>DELETE …/{name}</c>.</summary>
    public const string Sounds = "api/v1/sounds";
}
