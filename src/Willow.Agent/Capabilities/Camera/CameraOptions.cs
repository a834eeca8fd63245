using System.ComponentModel.DataAnnotations;

namespace Willow.Agent.Capabilities.Camera;

/// <summary>Which camera the agent captures from, at what size and rate, and how many photos it keeps.</summary>
public sealed class CameraOptions
{
    public const string Section = "Camera";

    /// <summary><c>v4l2</c>: a USB webcam (or the Pi camera through its V4L2 driver); <c>simulated</c>: ffmpeg's test picture.</summary>
    [AllowedValues("v4l2", "simulated", ErrorMessage = "Camera:Driver must be 'v4l2' (a camera at Camera:Device) or 'simulated' (ffmpeg's test picture).")]
    public string Driver { get; set; } = "v4l2";

    /// <summary>The V4L2 device node; <c>v4l2-ctl --list-devices</c> (package v4l-utils) lists them.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Camera:Device must name the camera's device node, e.g. /dev/video0.")]
    public string Device { get; set; } = "/dev/video0";

    /// <summary>What the camera is asked to send: <c>mjpeg</c> (most webcams; little USB bandwidth) or <c>yuyv422</c> (raw).</summary>
    [AllowedValues("mjpeg", "yuyv422", ErrorMessage = "Camera:InputFormat must be 'mjpeg' or 'yuyv422' (see 'v4l2-ctl --list-formats-ext').")]
    public string InputFormat { get; set; } = "mjpeg";

    [Range(160, 3840, ErrorMessage = "Camera:Width must be between 160 and 3840 pixels.")]
    public int Width { get; set; } = 640;

    [Range(120, 2160, ErrorMessage = "Camera:Height must be between 120 and 2160 pixels.")]
    public int Height { get; set; } = 480;

    [Range(1, 60, ErrorMessage = "Camera:FrameRate must be between 1 and 60 frames a second.")]
    public int FrameRate { get; set; } = 15;

    /// <summary>ffmpeg's JPEG quality scale (<c>-q:v</c>): 2 is the best and largest, 31 the smallest.</summary>
    [Range(2, 31, ErrorMessage = "Camera:Quality must be between 2 (best) and 31 (smallest), ffmpeg's -q:v scale.")]
    public int Quality { get; set; } = 5;

    /// <summary>
    /// Frames a photo skips after the device opens: UVC webcams set their exposure and white balance over the
    /// first frames, and the very first is often dark or green.
    /// </summary>
    [Range(0, 60, ErrorMessage = "Camera:WarmUpFrames must be between 0 and 60.")]
    public int WarmUpFrames { get; set; } = 5;

    /// <summary>How long a photo may take, opening the device included, before it counts as failed.</summary>
    public TimeSpan SnapshotTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the capture keeps running after the last viewer leaves, so that a page reload does not close
    /// and reopen the device.
    /// </summary>
    public TimeSpan StreamLinger { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most photos kept on the board; older ones are removed after each new photo.</summary>
    [Range(1, 100_000, ErrorMessage = "Camera:KeepPhotos must be between 1 and 100000.")]
    public int KeepPhotos { get; set; } = 500;

    /// <summary>Photos older than this are removed, however few there are.</summary>
    public TimeSpan PhotoRetention { get; set; } = TimeSpan.FromDays(30);

    public bool IsSimulated => Driver == "simulated";
}
