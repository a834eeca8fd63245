namespace Willow.Hub.Access;

/// <summary>
/// Every secret Willow hands out starts with what it is, so a leaked one is recognisable (and secret
/// scanners can be taught the prefixes) and the hub knows where to look it up.
/// </summary>
public static class TokenPrefixes
{
    /// <summary>A person's personal access token.</summary>
    public const string Person = "wlw";

    /// <summary>A gateway's token, received at enrolment.</summary>
    public const string Gateway = "wgw";

    /// <summary>A direct-mode device's token.</summary>
    public const string Device = "wdv";

    public static string KindOf(string token) => token.Split('_', 2)[0];
}
