using Willow.Hub.Doses;

namespace Willow.Hub.Regimens;

public static class RegimenServiceExtensions
{
    /// <summary>Regimens, doses and adherence, and the job that records doses the home said nothing about.</summary>
    public static IHostApplicationBuilder AddRegimens(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RegimenOptions>().BindConfiguration(RegimenOptions.Section);
        builder.Services.AddOptions<DoseOptions>().BindConfiguration(DoseOptions.Section);
        builder.Services.AddSingleton<RegimenPublisher>();
        builder.Services.AddSingleton<RegimenEditor>();
        builder.Services.AddSingleton<DoseCalendar>();
        builder.Services.AddSingleton<AdherenceReport>();
        builder.Services.AddSingleton<MissedDoseDetector>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MissedDoseDetector>());
        return builder;
    }
}
