using System.Text.Json.Serialization;

namespace Willow.Hub.Households;

/// <summary>
/// What a member may do: a <c>viewer</c> reads; a <c>caregiver</c> also feeds, calls, and confirms or skips
/// doses; an <c>owner</c> also edits regimens, devices, members, gateways and settings.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<HouseholdRole>))]
public enum HouseholdRole
{
    [JsonStringEnumMemberName("viewer")] Viewer = 1,
    [JsonStringEnumMemberName("caregiver")] Caregiver = 2,
    [JsonStringEnumMemberName("owner")] Owner = 3,
}

public static class HouseholdRoles
{
    public static string ToWire(this HouseholdRole role) => role switch
    {
        HouseholdRole.Viewer => "viewer",
        HouseholdRole.Caregiver => "caregiver",
        HouseholdRole.Owner => "owner",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };

    public static HouseholdRole Parse(string text) => text switch
    {
        "viewer" => HouseholdRole.Viewer,
        "caregiver" => HouseholdRole.Caregiver,
        "owner" => HouseholdRole.Owner,
        _ => throw new FormatException($"'{text}' is not a household role."),
    };
}
