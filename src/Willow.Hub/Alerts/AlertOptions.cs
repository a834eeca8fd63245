using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Willow.Hub.Alerts;

/// <summary>How the hub watches for alerts and delivers them (section <c>Alerts</c>).</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>The hub's address as people reach it (<c>https://willow.example.org</c>): links in alerts are made absolute with it. Without it they stay relative paths.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>How often the rules look at every household (people hear within a minute).</summary>
    public TimeSpan EvaluateInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A device or gateway unheard-of for this long is silent.</summary>
    public TimeSpan SilentAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A dispenser that runs out within this time is low.</summary>
    public TimeSpan CapacityWarning { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How far back missed doses and failed dispenses are looked for (older ones raise no alert).</summary>
    public TimeSpan EventLookback { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often the outbox is looked at when nothing new was queued.</summary>
    public TimeSpan DeliveryPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one node may hold a delivery it is sending before another node (or this one after a restart) tries it again.</summary>
    public TimeSpan DeliveryLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The first retry's wait; each next one waits twice as long, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A delivery not made by this age is given up (an alert a day late helps nobody).</summary>
    public TimeSpan DeliveryMaxAge { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long a webhook or ntfy server has to answer.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(20);

    [ValidateObjectMembers]
    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>The SMTP server e-mail alerts go through (<c>Alerts:Smtp:…</c>). No host: e-mail channels cannot be used.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (required), <c>StartTlsWhenAvailable</c>, <c>Tls</c> (implicit, port 465) or <c>None</c>.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender's address (<c>willow@example.org</c>).</summary>
    public string From { get; set; } = "willow@localhost";

    public string FromName { get; set; } = "Willow";
}

public enum SmtpSecurity
{
    StartTls,
    StartTlsWhenAvailable,
    Tls,
    None,
}
