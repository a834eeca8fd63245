namespace Willow.Core.Protocol;

/// <summary>An owner's decision to dispense inside the lockout, with the reason kept in the audit trail.</summary>
public sealed record LockoutOverride(string Reason, string By);
