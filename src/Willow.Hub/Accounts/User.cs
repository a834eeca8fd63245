namespace Willow.Hub.Accounts;

/// <summary>A person with an account. The password is kept only as an ASP.NET Core <c>PasswordHasher</c> hash.</summary>
public sealed record User(Guid Id, string Email, string DisplayName, string PasswordHash, DateTimeOffset CreatedAt);
