using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Willow.Hub.Access;

/// <summary>Cross-field checks of <see cref="BootstrapOptions"/> that data annotations cannot express.</summary>
internal sealed class BootstrapValidation : IValidateOptions<BootstrapOptions>
{
    public ValidateOptionsResult Validate(string? name, BootstrapOptions options)
    {
        var failures = new List<string>();
        IEnumerable<object> items = [.. options.Households, .. options.ApiTokens, .. options.GatewayTokens, .. options.DeviceTokens];
        foreach (var item in items)
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(item, new ValidationContext(item), results, validateAllProperties: true))
            {
                failures.AddRange(results.Select(r => $"{BootstrapOptions.Section}: {item.GetType().Name.Replace("Bootstrap", "", StringComparison.Ordinal)}: {r.ErrorMessage}"));
            }
        }

        var households = options.Households.Select(h => h.Id).ToHashSet();
        foreach (var household in options.Households.Where(h => !TimeZoneInfo.TryFindSystemTimeZoneById(h.TimeZone, out _)))
        {
            failures.Add($"Household {household.Id}: '{household.TimeZone}' is not an IANA time zone (e.g. Europe/Berlin).");
        }

        foreach (var token in options.ApiTokens.Where(t => !t.Households.All(households.Contains)))
        {
            failures.Add($"API token '{token.Name}' names a household that is not in Bootstrap:Households.");
        }

        foreach (var token in options.GatewayTokens.Where(t => !households.Contains(t.Household)))
        {
            failures.Add($"Gateway token '{token.GatewayId}' names a household that is not in Bootstrap:Households.");
        }

        foreach (var token in options.DeviceTokens.Where(t => !households.Contains(t.Household)))
        {
            failures.Add($"Device token '{token.DeviceId}' names a household that is not in Bootstrap:Households.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
