using Microsoft.Extensions.Options;

namespace Willow.Agent.Capabilities.Camera;

/// <summary>Checks the annotations on <see cref="CameraOptions"/> with code generated at compile time, which trimming keeps.</summary>
[OptionsValidator]
internal sealed partial class CameraOptionsValidator : IValidateOptions<CameraOptions>;
