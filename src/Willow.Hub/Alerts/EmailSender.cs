using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Willow.Hub.Alerts;

/// <summary>
/// Sends the alert as a plain-text e-mail through the configured SMTP server (<c>Alerts:Smtp</c>) with MailKit. The
/// delivery id is the message's <c>Message-ID</c>, so a mail system that sees it twice can drop the repeat.
/// </summary>
public sealed class EmailSender(IOptions<AlertOptions> options) : IAlertSender
{
    public string Kind => ChannelKinds.Email;

    public async Task<string?> SendAsync(AlertNotice notice, AlertChannel channel, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            return "No SMTP server is configured (Alerts:Smtp:Host).";
        }

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(smtp.FromName, smtp.From));
        message.To.Add(MailboxAddress.Parse(channel.Target));
        message.Subject = notice.Subject;
        message.MessageId = $"{notice.DeliveryId}@willow";
        message.Headers.Add(WebhookSender.DeliveryIdHeader, notice.DeliveryId.ToString());
        message.Body = new TextPart("plain") { Text = notice.Text };

        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security switch
        {
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
            SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.None,
        }, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
        return null;
    }
}
