using Microsoft.Extensions.Options;

namespace Willow.Hub.Readings;

/// <summary>Checks the annotations on <see cref="ReadingOptions"/> with code generated at compile time, which trimming keeps.</summary>
[OptionsValidator]
internal sealed partial class ReadingOptionsValidator : IValidateOptions<ReadingOptions>;
