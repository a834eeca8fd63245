using Microsoft.Extensions.Options;

namespace Willow.Hub.Alerts;

/// <summary>Checks the annotations on <see cref="AlertOptions"/> with code generated at compile time, which trimming keeps.</summary>
[OptionsValidator]
internal sealed partial class AlertOptionsValidator : IValidateOptions<AlertOptions>;
