using Microsoft.Extensions.Options;

namespace Willow.Agent.Capabilities.Speaker;

/// <summary>Checks the annotations on <see cref="SpeakerOptions"/> with code generated at compile time, which trimming keeps.</summary>
[OptionsValidator]
internal sealed partial class SpeakerOptionsValidator : IValidateOptions<SpeakerOptions>;
