using System.Text.Json.Serialization;

namespace Willow.Gateway.Doses;

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class DoseJsonContext : JsonSerializerContext;
