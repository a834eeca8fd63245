namespace Willow.HomeAssistant;

/// <summary>The role (gateway or hub) behind a <see cref="HomeAssistantLink"/>: what to show, and how a press becomes a command.</summary>
public interface IHomeSource
{
    HomeBridge Bridge { get; }

    /// <summary>The households this bridge speaks for, as they are now; empty while it does not know yet.</summary>
    Task<IReadOnlyList<HomeView>> ViewsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A person pressed a button in Home Assistant: issue its command through the same path as any other. The outcome
    /// goes back through <see cref="HomeAssistantLink.PublishOutcomeAsync"/> when the command is done; a press that
    /// cannot become a command answers why at once.
    /// </summary>
    Task<PressOutcome?> PressAsync(Guid householdId, HomeDevice device, string action, CancellationToken cancellationToken);
}
