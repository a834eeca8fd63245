using Microsoft.Extensions.Options;

namespace Willow.HomeAssistant;

/// <summary>Checks the annotations on <see cref="MqttOptions"/> with code generated at compile time, which trimming keeps.</summary>
[OptionsValidator]
internal sealed partial class MqttOptionsValidator : IValidateOptions<MqttOptions>;
