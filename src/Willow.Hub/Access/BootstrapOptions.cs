using System.ComponentModel.DataAnnotations;

namespace Willow.Hub.Access;

/// <summary>
/// Households and tokens declared in configuration. This is the foundation's stand-in for accounts:
/// <c>willow demo</c> generates it, and the accounts feature replaces it with people and enrolment.
/// </summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public List<BootstrapHousehold> Households { get; set; } = [];

    /// <summary>Tokens for people and scripts (the API and the CLI).</summary>
    public List<BootstrapApiToken> ApiTokens { get; set; } = [];

    /// <summary>One token per home gateway.</summary>
    public List<BootstrapGatewayToken> GatewayTokens { get; set; } = [];

    /// <summary>Tokens of direct-mode devices that poll the hub themselves.</summary>
    public List<BootstrapDeviceToken> DeviceTokens { get; set; } = [];
}

public sealed class BootstrapHousehold
{
    [Required]
    public Guid Id { get; set; }

    [Required, StringLength(100, MinimumLength = 1)]
    public string Name { get; set; } = "";

    /// <summary>An IANA zone such as <c>Europe/Berlin</c>: doses are scheduled in the household's local time.</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";
}

public sealed class BootstrapApiToken
{
    [Required, StringLength(64, MinimumLength = 1)]
    public string Name { get; set; } = "";

    [Required, MinLength(20)]
    public string Token { get; set; } = "";

    public List<Guid> Households { get; set; } = [];
}

public sealed class BootstrapGatewayToken
{
    [Required, RegularExpression("^[a-z0-9][a-z0-9-]{0,62}$")]
    public string GatewayId { get; set; } = "";

    [Required]
    public Guid Household { get; set; }

    [Required, MinLength(20)]
    public string Token { get; set; } = "";
}

public sealed class BootstrapDeviceToken
{
    [Required, RegularExpression("^[a-z0-9][a-z0-9-]{0,62}$")]
    public string DeviceId { get; set; } = "";

    [Required]
    public Guid Household { get; set; }

    [Required, MinLength(20)]
    public string Token { get; set; } = "";
}
