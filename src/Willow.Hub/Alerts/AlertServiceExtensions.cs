using Willow.Hosting;

namespace Willow.Hub.Alerts;

public static class AlertServiceExtensions
{
    /// <summary>The HttpClient webhooks and ntfy go out with.</summary>
    public const string HttpClientName = "alerts";

    public static IHostApplicationBuilder AddAlerts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section)
            .ValidateWith(new AlertOptionsValidator())
            .Validate(o => o.EvaluateInterval > TimeSpan.Zero && o.DeliveryPollInterval > TimeSpan.Zero && o.DeliveryLease > TimeSpan.Zero, "Alerts: intervals and the delivery lease must be positive.")
            .Validate(o => o.PublicUrl is null || Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out _), "Alerts:PublicUrl must be an absolute URL.")
            .ValidateOnStart();
        builder.Services.AddHttpClient(HttpClientName, c => c.DefaultRequestHeaders.UserAgent.ParseAdd("Willow-Alerts/1"));
        builder.Services.AddSingleton<IAlertSender, WebhookSender>();
        builder.Services.AddSingleton<IAlertSender, NtfySender>();
        builder.Services.AddSingleton<IAlertSender, EmailSender>();
        builder.Services.AddSingleton<AlertRules>();
        builder.Services.AddSingleton<AlertRecipients>();
        builder.Services.AddSingleton<AlertCourier>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AlertCourier>());
        builder.Services.AddSingleton<AlertWatch>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AlertWatch>());
        return builder;
    }
}
