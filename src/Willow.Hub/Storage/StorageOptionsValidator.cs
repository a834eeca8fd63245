using Microsoft.Extensions.Options;

namespace Willow.Hub.Storage;

/// <summary>Checks the annotations on <see cref="StorageOptions"/> with code generated at compile time, which trimming keeps.</summary>
[OptionsValidator]
internal sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>;
