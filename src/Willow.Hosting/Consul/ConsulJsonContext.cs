using System.Text.Json.Serialization;

namespace Willow.Hosting.Consul;

/// <summary>Consul's JSON, generated at compile time; Consul's keys are PascalCase, so names are kept as written.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConsulServiceRegistration))]
[JsonSerializable(typeof(List<ConsulServiceEntry>))]
public sealed partial class ConsulJsonContext : JsonSerializerContext;
