using Microsoft.Extensions.Options;

namespace Willow.Gateway;

/// <summary>Checks the annotations on <see cref="GatewayOptions"/> with code generated at compile time, which trimming keeps.</summary>
[OptionsValidator]
internal sealed partial class GatewayOptionsValidator : IValidateOptions<GatewayOptions>;
