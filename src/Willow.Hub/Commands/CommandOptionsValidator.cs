using Microsoft.Extensions.Options;

namespace Willow.Hub.Commands;

/// <summary>Checks the annotations on <see cref="CommandOptions"/> with code generated at compile time, which trimming keeps.</summary>
[OptionsValidator]
internal sealed partial class CommandOptionsValidator : IValidateOptions<CommandOptions>;
