using Willow.Hosting;
namespace Willow.Hub.Photos;

public static class PhotoServiceExtensions
{
    public static IHostApplicationBuilder AddPhotos(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PhotoOptions>().BindConfiguration(PhotoOptions.Section)
            .ValidateWith(new PhotoOptionsValidator())
            .Validate(o => o.Retention >= TimeSpan.FromDays(1), "Photos:Retention must be at least a day.")
            .ValidateOnStart();
        return builder;
    }
}
