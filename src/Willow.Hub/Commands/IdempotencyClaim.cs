namespace Willow.Hub.Commands;

/// <summary>What claiming an idempotency key found (IETF draft "The Idempotency-Key HTTP Header Field").</summary>
public sealed record IdempotencyClaim(IdempotencyClaimResult Result, Guid? CommandId = null)
{
    public static IdempotencyClaim Claimed { get; } = new(IdempotencyClaimResult.Claimed);
    public static IdempotencyClaim InProgress { get; } = new(IdempotencyClaimResult.InProgress);
    public static IdempotencyClaim Mismatch { get; } = new(IdempotencyClaimResult.Mismatch);

    public static IdempotencyClaim Replay(Guid commandId) => new(IdempotencyClaimResult.Replay, commandId);
}

public enum IdempotencyClaimResult
{
    /// <summary>The key is new (or its earlier claim was abandoned): go ahead and create the command.</summary>
    Claimed,

    /// <summary>The same key with the same request created a command already: answer with it.</summary>
    Replay,

    /// <summary>The same key is being accepted right now by another request: 409.</summary>
    InProgress,

    /// <summary>The same key came with a different request: 422.</summary>
    Mismatch,
}
