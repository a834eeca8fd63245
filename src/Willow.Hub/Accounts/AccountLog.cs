namespace Willow.Hub.Accounts;

/// <summary>Structured log messages of accounts (event ids 1400–1499).</summary>
internal static partial class AccountLog
{
    [LoggerMessage(1400, LogLevel.Information, "Account {Email} created")]
    public static partial void SignedUp(ILogger logger, string email);

    [LoggerMessage(1401, LogLevel.Information, "{Email} signed in ({Via})")]
    public static partial void SignedIn(ILogger logger, string email, string via);

    [LoggerMessage(1402, LogLevel.Warning, "Failed sign-in for {Email}")]
    public static partial void SignInFailed(ILogger logger, string email);
}
