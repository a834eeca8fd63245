using Microsoft.Extensions.Options;

namespace Willow.Hosting.Consul;

/// <summary>Checks the annotations on <see cref="ConsulOptions"/> with code generated at compile time, which trimming keeps.</summary>
[OptionsValidator]
public sealed partial class ConsulOptionsValidator : IValidateOptions<ConsulOptions>;
