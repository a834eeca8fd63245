using Willow.Hosting;
namespace Willow.Hub.Readings;

public static class ReadingServiceExtensions
{
    public static IHostApplicationBuilder AddReadings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReadingOptions>().BindConfiguration(ReadingOptions.Section)
            .ValidateWith(new ReadingOptionsValidator())
            .Validate(o => o.Retention >= TimeSpan.FromHours(1), "Readings:Retention must be at least an hour.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ReadingIntake>();
        return builder;
    }
}
