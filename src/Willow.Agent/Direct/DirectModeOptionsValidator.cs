using Microsoft.Extensions.Options;

namespace Willow.Agent.Direct;

/// <summary>Checks the annotations on <see cref="DirectModeOptions"/> with code generated at compile time, which trimming keeps.</summary>
[OptionsValidator]
internal sealed partial class DirectModeOptionsValidator : IValidateOptions<DirectModeOptions>;
