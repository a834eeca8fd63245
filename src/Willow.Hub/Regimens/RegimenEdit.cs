namespace Willow.Hub.Regimens;

/// <summary>What became of a change to a regimen.</summary>
public sealed record RegimenEdit(RegimenEditResult Result, RegimenRecord? Regimen = null, string? PetName = null, string? TimeZone = null, Dictionary<string, string[]>? Errors = null)
{
    public static RegimenEdit NotFound { get; } = new(RegimenEditResult.NotFound);

    public static RegimenEdit Conflict { get; } = new(RegimenEditResult.Conflict);

    public static RegimenEdit Invalid(Dictionary<string, string[]> errors) => new(RegimenEditResult.Invalid, Errors: errors);

    public static RegimenEdit Done(RegimenRecord regimen, string petName, string timeZone) => new(RegimenEditResult.Done, regimen, petName, timeZone);
}

public enum RegimenEditResult
{
    Done,
    Invalid,
    NotFound,
    Conflict,
}
