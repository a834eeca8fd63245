using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Willow.Hosting;

namespace Willow.Agent.Capabilities.Camera;

/// <summary>Adds the camera capability, its ffmpeg driver and its photo album to an agent.</summary>
public static class CameraRegistration
{
    public static void AddCamera(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CameraOptions>().BindConfiguration(CameraOptions.Section)
            .ValidateWith(new CameraOptionsValidator())
            .Validate(o => o.SnapshotTimeout >= TimeSpan.FromSeconds(1) && o.SnapshotTimeout <= TimeSpan.FromMinutes(2),
                "Camera:SnapshotTimeout must be between 1 second and 2 minutes (opening a webcam takes about a second).")
            .Validate(o => o.StreamLinger >= TimeSpan.Zero && o.StreamLinger <= TimeSpan.FromMinutes(10),
                "Camera:StreamLinger must be between 0 and 10 minutes.")
            .Validate(o => o.PhotoRetention >= TimeSpan.FromHours(1), "Camera:PhotoRetention must be at least an hour.")
            .Validate(o => o.IsSimulated || o.Device.StartsWith("/dev/", StringComparison.Ordinal),
                "Camera:Device must be a device node such as /dev/video0 ('v4l2-ctl --list-devices' lists them).")
            .ValidateOnStart();
        builder.Services.AddSingleton<FfmpegCamera>();
        builder.Services.AddSingleton<ICamera>(sp => sp.GetRequiredService<FfmpegCamera>());
        builder.Services.AddSingleton(sp => new PhotoAlbum(
            Path.Combine(sp.GetRequiredService<IOptions<AgentOptions>>().Value.DataDirectory, "photos"),
            sp.GetRequiredService<IOptions<CameraOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<ICapability, CameraCapability>();
    }
}
