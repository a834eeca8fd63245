namespace Willow.Hub.Accounts;

/// <summary>Who may create an account.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>Anyone may sign up (a public hub for many homes). Turn off on a private hub; owners then invite people.</summary>
    public bool AllowSignUp { get; set; } = true;
}
