using Microsoft.Extensions.Options;

namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>Checks the annotations on <see cref="DispenserOptions"/> with code generated at compile time, which trimming keeps.</summary>
[OptionsValidator]
internal sealed partial class DispenserOptionsValidator : IValidateOptions<DispenserOptions>;
