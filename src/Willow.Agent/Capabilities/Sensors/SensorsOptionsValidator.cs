using Microsoft.Extensions.Options;

namespace Willow.Agent.Capabilities.Sensors;

/// <summary>Checks the annotations on <see cref="SensorsOptions"/> with code generated at compile time, which trimming keeps.</summary>
[OptionsValidator]
internal sealed partial class SensorsOptionsValidator : IValidateOptions<SensorsOptions>;
