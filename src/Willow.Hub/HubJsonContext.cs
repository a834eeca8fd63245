using System.Text.Json;
using System.Text.Json.Serialization;
using Willow.Core.Protocol;
using Willow.Hub.Accounts;
using Willow.Hub.Alerts;
using Willow.Hub.Audit;
using Willow.Hub.Commands;
using Willow.Hub.Devices;
using Willow.Hub.Gateways;
using Willow.Hub.Doses;
using Willow.Hub.Households;
using Willow.Hub.Pets;
using Willow.Hub.Photos;
using Willow.Hub.Readings;
using Willow.Hub.Regimens;

namespace Willow.Hub;

/// <summary>Source-generated JSON for the hub's own wire types.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IssueCommandRequest))]
[JsonSerializable(typeof(PhotoView))]
[JsonSerializable(typeof(IReadOnlyList<PhotoView>))]
[JsonSerializable(typeof(ReadingView))]
[JsonSerializable(typeof(IReadOnlyList<ReadingView>))]
[JsonSerializable(typeof(ReadingsAdded))]
[JsonSerializable(typeof(CommandView))]
[JsonSerializable(typeof(IReadOnlyList<CommandView>))]
[JsonSerializable(typeof(DeviceView))]
[JsonSerializable(typeof(IReadOnlyList<DeviceView>))]
[JsonSerializable(typeof(HouseholdView))]
[JsonSerializable(typeof(IReadOnlyList<HouseholdView>))]
[JsonSerializable(typeof(GatewayView))]
[JsonSerializable(typeof(IReadOnlyList<GatewayView>))]
[JsonSerializable(typeof(CommandEnvelope))]
[JsonSerializable(typeof(CreatePetRequest))]
[JsonSerializable(typeof(PetView))]
[JsonSerializable(typeof(IReadOnlyList<PetView>))]
[JsonSerializable(typeof(RegimenRequest))]
[JsonSerializable(typeof(RegimenView))]
[JsonSerializable(typeof(RegimenPreview))]
[JsonSerializable(typeof(IReadOnlyList<RegimenView>))]
[JsonSerializable(typeof(DoseView))]
[JsonSerializable(typeof(IReadOnlyList<DoseView>))]
[JsonSerializable(typeof(SkipDoseRequest))]
[JsonSerializable(typeof(AdherenceView))]
[JsonSerializable(typeof(RefillRequest))]
[JsonSerializable(typeof(SignUpRequest))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(TokenLoginRequest))]
[JsonSerializable(typeof(CreateTokenRequest))]
[JsonSerializable(typeof(AccountView))]
[JsonSerializable(typeof(NewAccessToken))]
[JsonSerializable(typeof(IReadOnlyList<AccessTokenView>))]
[JsonSerializable(typeof(AntiforgeryView))]
[JsonSerializable(typeof(CreateHouseholdRequest))]
[JsonSerializable(typeof(UpdateHouseholdRequest))]
[JsonSerializable(typeof(ChangeMemberRequest))]
[JsonSerializable(typeof(MemberView))]
[JsonSerializable(typeof(IReadOnlyList<MemberView>))]
[JsonSerializable(typeof(CreateInvitationRequest))]
[JsonSerializable(typeof(NewInvitation))]
[JsonSerializable(typeof(IReadOnlyList<InvitationView>))]
[JsonSerializable(typeof(AcceptInvitationRequest))]
[JsonSerializable(typeof(IReadOnlyList<AuditView>))]
[JsonSerializable(typeof(CreateGatewayRequest))]
[JsonSerializable(typeof(EnrollGatewayRequest))]
[JsonSerializable(typeof(GatewayEnrollmentCode))]
[JsonSerializable(typeof(GatewayEnrollment))]
[JsonSerializable(typeof(DeviceToken))]
[JsonSerializable(typeof(AlertView))]
[JsonSerializable(typeof(IReadOnlyList<AlertView>))]
[JsonSerializable(typeof(WebhookPayload))]
[JsonSerializable(typeof(ChannelRequest))]
[JsonSerializable(typeof(ChannelView))]
[JsonSerializable(typeof(IReadOnlyList<ChannelView>))]
[JsonSerializable(typeof(ChannelTestResult))]
[JsonSerializable(typeof(MemberAlertSettingsRequest))]
[JsonSerializable(typeof(MemberAlertSettingsView))]
[JsonSerializable(typeof(HouseholdAlertSettingsRequest))]
[JsonSerializable(typeof(HouseholdAlertSettingsView))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string[]))]
// Query parameters' types, which the OpenAPI document describes with this context: the trimmed file has no reflection to fall back on.
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(long?))]
[JsonSerializable(typeof(Guid?))]
[JsonSerializable(typeof(DateTimeOffset?))]
public sealed partial class HubJsonContext : JsonSerializerContext;
