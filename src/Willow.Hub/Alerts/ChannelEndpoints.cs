using Microsoft.AspNetCore.Mvc;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MimeKit;
using Willow.Core.Security;
using Willow.Hub.Access;
using Willow.Hub.Households;

namespace Willow.Hub.Alerts;

/// <summary>
/// <c>/api/v1/households/{householdId}/members/me/channels</c> and <c>…/members/me/alert-settings</c>: each member
/// chooses where they hear alerts and when they want quiet; owners may see everyone's channels
/// (<c>…/members/{userId}/channels</c>).
/// </summary>
public static class ChannelEndpoints
{
    public const int MaxChannels = 10;

    public static RouteGroupBuilder MapAlertChannels(this RouteGroupBuilder household)
    {
        var mine = household.MapGroup("/members/me").WithTags("Alerts");
        mine.MapGet("/channels", ListMyChannels).Requires(HouseholdRole.Viewer)
            .WithName("ListMyChannels").WithSummary("The caller's alert channels in this household.");
        mine.MapPost("/channels", CreateChannel).Requires(HouseholdRole.Viewer)
            .WithName("CreateChannel").WithSummary("Adds a channel: webhook (url; its signing secret is shown once, here), ntfy (topic url, optional token) or email.");
        mine.MapPut("/channels/{channelId:guid}", ChangeChannel).Requires(HouseholdRole.Viewer)
            .WithName("ChangeChannel").WithSummary("Changes one of the caller's channels (a webhook keeps its secret).");
        mine.MapDelete("/channels/{channelId:guid}", DeleteChannel).Requires(HouseholdRole.Viewer)
            .WithName("DeleteChannel").WithSummary("Removes one of the caller's channels; what was queued for it is dropped.");
        mine.MapPost("/channels/{channelId:guid}/test", TestChannel).Requires(HouseholdRole.Viewer)
            .WithName("TestChannel").WithSummary("Sends a test message on the channel now and answers with what happened.");
        mine.MapGet("/alert-settings", GetMyAlertSettings).Requires(HouseholdRole.Viewer)
            .WithName("GetMyAlertSettings").WithSummary("The caller's quiet hours (in the household's time zone).");
        mine.MapPut("/alert-settings", ChangeMyAlertSettings).Requires(HouseholdRole.Viewer)
            .WithName("ChangeMyAlertSettings").WithSummary("Sets or clears the caller's quiet hours (HH:mm to HH:mm): warnings wait until they end; urgent alerts do not.");

        household.MapGet("/members/{userId:guid}/channels", ListMemberChannels).Requires(HouseholdRole.Owner)
            .WithTags("Alerts").WithName("ListMemberChannels").WithSummary("A member's alert channels (owners).");
        return mine;
    }

    public static async Task<Ok<IReadOnlyList<ChannelView>>> ListMyChannels(Guid householdId, HttpContext context, IAlertStore alerts, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<ChannelView>>([.. (await alerts.ListChannelsAsync(householdId, context.User.RequiredUserId(), cancellationToken)).Select(c => ChannelView.From(c))]);

    public static async Task<Ok<IReadOnlyList<ChannelView>>> ListMemberChannels(Guid householdId, Guid userId, IAlertStore alerts, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<ChannelView>>([.. (await alerts.ListChannelsAsync(householdId, userId, cancellationToken)).Select(c => ChannelView.From(c))]);

    public static async Task<Results<Created<ChannelView>, ValidationProblem>> CreateChannel(
        Guid householdId, ChannelRequest request, HttpContext context, IAlertStore alerts, TimeProvider time, CancellationToken cancellationToken)
    {
        var userId = context.User.RequiredUserId();
        var errors = Validate(request);
        if (errors.Count == 0 && (await alerts.ListChannelsAsync(householdId, userId, cancellationToken)).Count >= MaxChannels)
        {
            errors["kind"] = [$"A member has at most {MaxChannels} channels in a household."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = time.GetUtcNow();
        var kind = request.Kind!;
        var channel = new AlertChannel(
            Guid.CreateVersion7(now), householdId, userId, kind, NameOf(request), TargetOf(request),
            kind == ChannelKinds.Webhook ? Secrets.NewToken("whsec") : NullIfEmpty(request.Token), request.Enabled ?? true, now);
        await alerts.SaveChannelAsync(channel, cancellationToken);
        return TypedResults.Created($"/api/v1/households/{householdId}/members/me/channels/{channel.Id}", ChannelView.From(channel, showSecret: true));
    }

    public static async Task<Results<Ok<ChannelView>, ValidationProblem, ProblemHttpResult>> ChangeChannel(
        Guid householdId, Guid channelId, ChannelRequest request, HttpContext context, IAlertStore alerts, CancellationToken cancellationToken)
    {
        var existing = await MineAsync(householdId, channelId, context, alerts, cancellationToken);
        if (existing is null)
        {
            return NotFound(channelId);
        }

        var errors = Validate(request);
        if (errors.Count == 0 && request.Kind != existing.Kind)
        {
            errors["kind"] = ["A channel's kind cannot change; add a new channel instead."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var changed = existing with
        {
            Name = NameOf(request),
            Target = TargetOf(request),
            // A webhook keeps its secret; an ntfy token is never shown, so a change that leaves it out keeps it ("" clears it).
            Secret = existing.Kind == ChannelKinds.Webhook || request.Token is null ? existing.Secret : NullIfEmpty(request.Token),
            Enabled = request.Enabled ?? existing.Enabled,
        };
        await alerts.SaveChannelAsync(changed, cancellationToken);
        return TypedResults.Ok(ChannelView.From(changed));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteChannel(
        Guid householdId, Guid channelId, HttpContext context, IAlertStore alerts, CancellationToken cancellationToken)
    {
        if (await MineAsync(householdId, channelId, context, alerts, cancellationToken) is null)
        {
            return NotFound(channelId);
        }

        await alerts.DeleteChannelAsync(householdId, channelId, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ChannelTestResult>, ProblemHttpResult>> TestChannel(
        Guid householdId, Guid channelId, HttpContext context, IAlertStore alerts, [FromServices] AlertCourier courier, [FromServices] IOptions<AlertOptions> options,
        Telemetry.HubMetrics metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        var channel = await MineAsync(householdId, channelId, context, alerts, cancellationToken);
        if (channel is null)
        {
            return NotFound(channelId);
        }

        var now = time.GetUtcNow();
        var sample = new Alert(
            Guid.CreateVersion7(now), householdId, "test", "test", AlertSeverity.Info, AlertState.Open, "Willow test alert",
            "Nothing to do: this is how Willow's alerts will reach you.", "/alerts", now);
        var notice = new AlertNotice(AlertView.From(sample, options.Value.PublicUrl), Guid.CreateVersion7(now), Test: true);
        string? error;
        try
        {
            error = await courier.SendAsync(notice, channel, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            error = ex.Message;
        }

        metrics.AlertDelivery(channel.Kind, error is null ? "test-sent" : "test-failed");
        return TypedResults.Ok(new ChannelTestResult(channelId, error is null, error, notice.DeliveryId));
    }

    public static async Task<Ok<MemberAlertSettingsView>> GetMyAlertSettings(Guid householdId, HttpContext context, IAlertStore alerts, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToView(await alerts.GetMemberSettingsAsync(householdId, context.User.RequiredUserId(), cancellationToken)));

    public static async Task<Results<Ok<MemberAlertSettingsView>, ValidationProblem>> ChangeMyAlertSettings(
        Guid householdId, MemberAlertSettingsRequest request, HttpContext context, IAlertStore alerts, CancellationToken cancellationToken)
    {
        QuietHours? quiet = null;
        if (request.QuietHours is { } q)
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (!TryParseTime(q.From, out var from))
            {
                errors["quietHours.from"] = ["quietHours.from must be a time as HH:mm, like 22:00."];
            }

            if (!TryParseTime(q.To, out var to))
            {
                errors["quietHours.to"] = ["quietHours.to must be a time as HH:mm, like 07:00."];
            }
            else if (errors.Count == 0 && from == to)
            {
                errors["quietHours.to"] = ["Quiet hours must not start and end at the same time; send null for none."];
            }

            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors);
            }

            quiet = new QuietHours(from, to);
        }

        var settings = new MemberAlertSettings(quiet);
        await alerts.SaveMemberSettingsAsync(householdId, context.User.RequiredUserId(), settings, cancellationToken);
        return TypedResults.Ok(ToView(settings));
    }

    private static MemberAlertSettingsView ToView(MemberAlertSettings settings) =>
        new(settings.QuietHours is { } q
            ? new QuietHoursView(q.From.ToString("HH:mm", CultureInfo.InvariantCulture), q.To.ToString("HH:mm", CultureInfo.InvariantCulture))
            : null);

    private static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    private static async Task<AlertChannel?> MineAsync(Guid householdId, Guid channelId, HttpContext context, IAlertStore alerts, CancellationToken cancellationToken) =>
        await alerts.GetChannelAsync(householdId, channelId, cancellationToken) is { } channel && channel.UserId == context.User.RequiredUserId() ? channel : null;

    private static Dictionary<string, string[]> Validate(ChannelRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!ChannelKinds.IsKnown(request.Kind))
        {
            errors["kind"] = ["kind must be webhook, ntfy or email."];
            return errors;
        }

        if (request.Name is { Length: > 100 })
        {
            errors["name"] = ["name must be at most 100 characters."];
        }

        if (request.Kind == ChannelKinds.Email)
        {
            if (!IsEmail(request.Email))
            {
                errors["email"] = ["email must be an e-mail address, like sam@example.org."];
            }
        }
        else if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || request.Url!.Length > 2000)
        {
            errors["url"] = ["url must be an absolute http:// or https:// address."];
        }

        if (request.Token is { Length: > 200 })
        {
            errors["token"] = ["token must be at most 200 characters."];
        }

        return errors;
    }

    private static bool IsEmail(string? text) =>
        text is { Length: > 2 and <= 254 } && MailboxAddress.TryParse(text, out var mailbox) && mailbox.Address == text.Trim()
        && mailbox.Address.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < mailbox.Address.Length - 1;

    private static string NameOf(ChannelRequest request) =>
        string.IsNullOrWhiteSpace(request.Name) ? request.Kind! : request.Name.Trim();

    private static string TargetOf(ChannelRequest request) => request.Kind == ChannelKinds.Email ? request.Email!.Trim() : request.Url!;

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static ProblemHttpResult NotFound(Guid channelId) =>
        TypedResults.Problem(title: "Channel not found", detail: $"You have no channel {channelId} in this household.", statusCode: StatusCodes.Status404NotFound);
}
