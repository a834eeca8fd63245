using Microsoft.Extensions.Options;

namespace Willow.Agent;

/// <summary>Checks the annotations on <see cref="AgentOptions"/> with code generated at compile time, which trimming keeps.</summary>
[OptionsValidator]
internal sealed partial class AgentOptionsValidator : IValidateOptions<AgentOptions>;
