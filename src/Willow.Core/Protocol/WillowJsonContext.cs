using System.Text.Json;
using System.Text.Json.Serialization;
using Willow.Core.Regimens;

namespace Willow.Core.Protocol;

/// <summary>Source-generated JSON for every protocol type shared by hub, gateway and agent.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CommandEnvelope))]
[JsonSerializable(typeof(CommandStateReport))]
[JsonSerializable(typeof(IReadOnlyList<CommandStateReport>))]
[JsonSerializable(typeof(IReadOnlyList<CommandEnvelope>))]
[JsonSerializable(typeof(DevicePresenceReport))]
[JsonSerializable(typeof(ActuationRequest))]
[JsonSerializable(typeof(ActuationOutcome))]
[JsonSerializable(typeof(AgentInfo))]
[JsonSerializable(typeof(DirectCommandEvent))]
[JsonSerializable(typeof(DirectDeviceHello))]
[JsonSerializable(typeof(RegimenTerms))]
[JsonSerializable(typeof(RegimenSet))]
[JsonSerializable(typeof(DoseReport))]
[JsonSerializable(typeof(IReadOnlyList<DoseReport>))]
[JsonSerializable(typeof(ClockReport))]
[JsonSerializable(typeof(ReadingPage))]
[JsonSerializable(typeof(SoundUpload))]
[JsonSerializable(typeof(SoundChange))]
[JsonSerializable(typeof(CameraStreamRequest))]
[JsonSerializable(typeof(byte[]))]
[JsonSerializable(typeof(DeviceReadings))]
[JsonSerializable(typeof(IReadOnlyList<DeviceReadings>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(DateTimeOffset))]
[JsonSerializable(typeof(Guid))]
[JsonSerializable(typeof(int))]
public sealed partial class WillowJsonContext : JsonSerializerContext;
