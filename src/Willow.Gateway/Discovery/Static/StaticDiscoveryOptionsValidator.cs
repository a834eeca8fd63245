using Microsoft.Extensions.Options;

namespace Willow.Gateway.Discovery.Static;

/// <summary>Checks the annotations on <see cref="StaticDiscoveryOptions"/> with code generated at compile time, which trimming keeps.</summary>
[OptionsValidator]
internal sealed partial class StaticDiscoveryOptionsValidator : IValidateOptions<StaticDiscoveryOptions>;
