using System.Text.Json;
using System.Text.RegularExpressions;

namespace Willow.Core.Commands;

/// <summary>
/// Validates and reads the <c>args</c> of each command kind. Unknown fields are refused rather than
/// ignored: a typo in "portions" must not silently become the default.
/// </summary>
public static partial class CommandArgs
{
    public const int MaxPortions = 5;
    public const int MaxRepeat = 5;
    public const int MaxSlot = 63;

    public static DispenseArgs ReadDispense(JsonElement args) => new(
        Portions: GetInt(args, "portions") ?? 1,
        Slot: GetInt(args, "slot"));

    public static CallArgs ReadCall(JsonElement args) => new(
        Sound: GetString(args, "sound") ?? CallArgs.DefaultSound,
        Repeat: GetInt(args, "repeat") ?? 1,
        Text: GetString(args, "text"));

    /// <summary>Returns the problems with <paramref name="args"/> for <paramref name="kind"/>, keyed by field.</summary>
    public static Dictionary<string, string[]> Validate(string kind, JsonElement args)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (args.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return errors;
        }

        if (args.ValueKind != JsonValueKind.Object)
        {
            errors["args"] = ["args must be a JSON object."];
            return errors;
        }

        var allowed = kind switch
        {
            CommandKinds.Dispense => new[] { "portions", "slot" },
            CommandKinds.Call => ["sound", "text", "repeat"],
            _ => [],
        };

        foreach (var property in args.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                errors[$"args.{property.Name}"] = [allowed.Length == 0
                    ? $"'{kind}' takes no arguments."
                    : $"Unknown argument for '{kind}'. Allowed: {string.Join(", ", allowed)}."];
            }
        }

        switch (kind)
        {
            case CommandKinds.Dispense:
                CheckInt(args, "portions", 1, MaxPortions, errors);
                CheckInt(args, "slot", 0, MaxSlot, errors);
                break;
            case CommandKinds.Call:
                CheckInt(args, "repeat", 1, MaxRepeat, errors);
                if (args.TryGetProperty("sound", out var sound) &&
                    (sound.ValueKind != JsonValueKind.String || !SoundName().IsMatch(sound.GetString()!)))
                {
                    errors["args.sound"] = ["sound must be a name of 1 to 64 lower-case letters, digits, '-' or '_'."];
                }

                if (args.TryGetProperty("text", out var text))
                {
                    if (text.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(text.GetString()) ||
                        text.GetString()!.Length > CallArgs.MaxTextLength || text.GetString()!.Any(char.IsControl))
                    {
                        errors["args.text"] = [$"text must be 1 to {CallArgs.MaxTextLength} characters to speak, on one line."];
                    }
                    else if (args.TryGetProperty("sound", out _))
                    {
                        errors["args.text"] = ["Give either a sound to play or a text to speak, not both."];
                    }
                }

                break;
        }

        return errors;
    }

    private static void CheckInt(JsonElement args, string name, int min, int max, Dictionary<string, string[]> errors)
    {
        if (!args.TryGetProperty(name, out var value))
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min || number > max)
        {
            errors[$"args.{name}"] = [$"{name} must be a whole number from {min} to {max}."];
        }
    }

    private static int? GetInt(JsonElement args, string name) =>
        args.ValueKind == JsonValueKind.Object && args.TryGetProperty(name, out var value) &&
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : null;

    private static string? GetString(JsonElement args, string name) =>
        args.ValueKind == JsonValueKind.Object && args.TryGetProperty(name, out var value) &&
        value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>Whether <paramref name="name"/> can name a sound in a speaker's library (also its file name).</summary>
    public static bool IsSoundName(string? name) => name is not null && SoundName().IsMatch(name);

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex SoundName();
}
