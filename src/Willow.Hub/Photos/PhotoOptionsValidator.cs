using Microsoft.Extensions.Options;

namespace Willow.Hub.Photos;

/// <summary>Checks the annotations on <see cref="PhotoOptions"/> with code generated at compile time, which trimming keeps.</summary>
[OptionsValidator]
internal sealed partial class PhotoOptionsValidator : IValidateOptions<PhotoOptions>;
