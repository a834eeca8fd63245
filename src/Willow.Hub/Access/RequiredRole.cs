using Willow.Hub.Households;

namespace Willow.Hub.Access;

/// <summary>
/// The least role a household endpoint needs. Every endpoint under <c>/households/{householdId}</c> declares
/// one; the authorisation matrix test enumerates them, so a new endpoint cannot slip through without.
/// </summary>
public sealed record RequiredRole(HouseholdRole Role);

public static class RequiredRoleExtensions
{
    public static TBuilder Requires<TBuilder>(this TBuilder builder, HouseholdRole role) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredRole(role));
}
