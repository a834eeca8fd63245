namespace Willow.Cli;

/// <summary>Exit codes scripts can rely on.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran and the outcome was not what was asked (a refused or failed feed).</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments or configuration.</summary>
    public const int Usage = 2;

    /// <summary>The hub could not be reached.</summary>
    public const int Unreachable = 3;

    /// <summary>The hub refused the credentials (401), or the role is too small for this (403).</summary>
    public const int NotAllowed = 4;
}
