using Willow.Core.Doses;
using Willow.Core.Regimens;

namespace Willow.Hub.Doses;

/// <summary>A dose as a person sees it: when it falls, under which terms, and its record if it has one.</summary>
public sealed record DoseEntry(Guid DoseId, RegimenPlan Plan, DateTimeOffset ScheduledAt, DateTimeOffset WindowOpens, DateTimeOffset WindowCloses, RegimenTerms Terms, DoseRecord? Record)
{
    public DoseState State => Record?.State ?? DoseState.Scheduled;
}
