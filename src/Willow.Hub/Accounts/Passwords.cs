using Microsoft.AspNetCore.Identity;

namespace Willow.Hub.Accounts;

/// <summary>ASP.NET Core's <see cref="PasswordHasher{TUser}"/> (PBKDF2), and the rules for a password.</summary>
public static class Passwords
{
    public const int MinLength = 10;
    public const int MaxLength = 200;

    private static readonly PasswordHasher<User> Hasher = new();

    /// <summary>Hashed for comparison when the e-mail is unknown, so a wrong address takes as long as a wrong password.</summary>
    private static readonly string Decoy = Hasher.HashPassword(null!, "not a password anyone has");

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    public static PasswordVerificationResult Verify(User? user, string password)
    {
        var result = Hasher.VerifyHashedPassword(user!, user?.PasswordHash ?? Decoy, password);
        return user is null ? PasswordVerificationResult.Failed : result;
    }

    public static string? Problem(string? password) => password switch
    {
        null or { Length: < MinLength } => $"password must be at least {MinLength} characters.",
        { Length: > MaxLength } => $"password must be at most {MaxLength} characters.",
        _ => null,
    };

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static bool IsEmail(string? email) =>
        email is { Length: >= 3 and <= 254 } && email.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < email.Length - 1 && !email.Contains(' ', StringComparison.Ordinal);
}
