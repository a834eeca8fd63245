using System.Text.Json;
using System.Text.Json.Serialization;
using Willow.Cli.Demo;

namespace Willow.Cli.Client;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ClientProfile))]
[JsonSerializable(typeof(DemoManifest))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
