using Microsoft.Extensions.Options;

namespace Willow.Gateway.Readings;

/// <summary>Checks the annotations on <see cref="ReadingCollectorOptions"/> with code generated at compile time, which trimming keeps.</summary>
[OptionsValidator]
internal sealed partial class ReadingCollectorOptionsValidator : IValidateOptions<ReadingCollectorOptions>;
