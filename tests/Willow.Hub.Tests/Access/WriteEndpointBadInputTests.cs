using System.ComponentModel.DataAnnotations;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Willow.Core.Commands;
using Willow.Hub.Access;
using Willow.Hub.Households;
using Willow.Sqlite;
using Willow.Testing;

namespace Willow.Hub.Tests.Access;

/// <summary>
/// Every endpoint that takes a JSON body, from the hub's own endpoint list, fed malformed JSON, wrong types,
/// huge bodies, unknown fields, nulls where a value is required and out-of-range values: each answer is a 4xx
/// problem document, never a 5xx, and the database is byte for byte what it was.
/// </summary>
public sealed class WriteEndpointBadInputTests(WriteEndpointBadInputTests.Home home) : IClassFixture<WriteEndpointBadInputTests.Home>
{
    public static TheoryData<string> Endpoints => [.. Home.ValidBodies.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void EveryEndpointThatTakesJson_IsCoveredHere()
    {
        var uncovered = home.JsonEndpoints.Keys.Where(name => !Home.ValidBodies.ContainsKey(name)).ToList();
        Assert.True(uncovered.Count == 0, "Endpoints with a JSON body and no valid body in Home.ValidBodies: " + string.Join(", ", uncovered));
        Assert.All(Home.ValidBodies.Keys, name => Assert.Contains(name, home.JsonEndpoints.Keys));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task BadInput_Answers4xxProblem_AndChangesNothing(string endpointName)
    {
        var endpoint = home.JsonEndpoints[endpointName];
        var cases = BadBodies(endpoint.RequestType, Home.ValidBodies[endpointName](home)).ToList();
        var before = await home.SnapshotAsync();
        var wrong = new List<string>();
        using var client = home.ClientFor(endpoint);
        foreach (var (label, body, contentType) in cases)
        {
            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), home.PathOf(endpoint)) { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = new(contentType) { CharSet = "utf-8" };

            // A client that sends a body the server refuses by its length alone would otherwise race the
            // server's early answer and see a broken pipe; asking first is what a careful client does.
            request.Headers.ExpectContinue = body.Length > 64 * 1024;
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var type = response.Content.Headers.ContentType?.MediaType;
            var text = await response.Content.ReadAsStringAsync();
            if (status is < 400 or >= 500 || type != "application/problem+json" || !SaysWhatIsWrong(text))
            {
                wrong.Add($"{label}: {status} {type} {Shorten(text)}");
            }
        }

        Assert.True(wrong.Count == 0, $"{endpoint.Method} {endpoint.Pattern}:\n" + string.Join('\n', wrong));
        Assert.True(cases.Count >= 12, $"only {cases.Count} bad bodies for {endpointName}");
        Assert.Equal(before, await home.SnapshotAsync());
    }

    /// <summary>
    /// A bare "Bad Request" tells a person nothing: the problem must carry a detail or field errors, and the errors must
    /// name the fields as the caller sent them (<c>ttlSeconds</c>, <c>schedule.every</c>), not as C# spells them.
    /// </summary>
    private static bool SaysWhatIsWrong(string problem)
    {
        var root = JsonDocument.Parse(problem).RootElement;
        if (root.TryGetProperty("errors", out var errors))
        {
            return errors.EnumerateObject().All(e => e.Name.Split('.').All(segment => segment.Length > 0 && !char.IsUpper(segment[0])));
        }

        return root.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 10 };
    }

    /// <summary>Bad bodies made from a valid one and the request type's own declarations.</summary>
    private static IEnumerable<(string Label, string Body, string ContentType)> BadBodies(Type requestType, string valid)
    {
        const string Json = "application/json";
        yield return ("empty body", "", Json);
        yield return ("null", "null", Json);
        yield return ("array", "[]", Json);
        yield return ("string", "\"feed\"", Json);
        yield return ("number", "42", Json);
        yield return ("truncated", valid[..(valid.Length / 2)], Json);
        yield return ("trailing garbage", valid + "}", Json);
        yield return ("not UTF-8 JSON", "\u0000\u0001\u0002", Json);
        yield return ("form, not JSON", "name=Rex", "application/x-www-form-urlencoded");
        yield return ("nested 5000 deep", "{\"x\":" + new string('[', 5000) + new string(']', 5000) + "}", Json);
        yield return ("2 MB", WithProperty(valid, "padding", JsonValue.Create(new string('x', 2 * 1024 * 1024))), Json);
        yield return ("unknown field", WithProperty(valid, "bogus", JsonValue.Create(true)), Json);

        foreach (var property in requestType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (WrongType(property.PropertyType) is { } wrongValue)
            {
                yield return ($"{name}: wrong type", WithProperty(valid, name, wrongValue), Json);
            }

            if (property.GetCustomAttribute<RequiredAttribute>() is not null || IsRequiredConstructorParameter(requestType, property))
            {
                yield return ($"{name}: null", WithProperty(valid, name, null), Json);
            }

            if (property.GetCustomAttribute<RangeAttribute>() is { } range)
            {
                yield return ($"{name}: above range", WithProperty(valid, name, JsonValue.Create(Convert.ToInt64(range.Maximum, System.Globalization.CultureInfo.InvariantCulture) + 1)), Json);
                yield return ($"{name}: below range", WithProperty(valid, name, JsonValue.Create(Convert.ToInt64(range.Minimum, System.Globalization.CultureInfo.InvariantCulture) - 1)), Json);
            }

            if (property.GetCustomAttribute<StringLengthAttribute>() is { } length)
            {
                yield return ($"{name}: too long", WithProperty(valid, name, JsonValue.Create(new string('x', length.MaximumLength + 1))), Json);
                if (length.MinimumLength > 0)
                {
                    yield return ($"{name}: too short", WithProperty(valid, name, JsonValue.Create(new string('x', length.MinimumLength - 1))), Json);
                }
            }
        }
    }

    private static JsonValue? WrongType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) => JsonValue.Create(12345),
            _ when type == typeof(int) || type == typeof(long) || type == typeof(double) => JsonValue.Create("lots"),
            _ when type == typeof(bool) => JsonValue.Create("yes"),
            _ when type == typeof(Guid) => JsonValue.Create("not-a-guid"),
            _ when type == typeof(DateTimeOffset) => JsonValue.Create("someday"),
            _ when type == typeof(TimeSpan) => JsonValue.Create("forever"),
            _ when type.IsEnum => JsonValue.Create("bogus"),
            _ when type == typeof(JsonElement) => null,
            _ when type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) => JsonValue.Create("not a list"),
            _ => JsonValue.Create(17),
        };
    }

    private static bool IsRequiredConstructorParameter(Type type, PropertyInfo property) =>
        type.GetConstructors().Any(c => c.GetParameters().Any(p =>
            string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase) && !p.HasDefaultValue
            && (p.ParameterType.IsValueType ? Nullable.GetUnderlyingType(p.ParameterType) is null : new NullabilityInfoContext().Create(p).WriteState == NullabilityState.NotNull)));

    private static string WithProperty(string valid, string name, JsonNode? value)
    {
        var json = JsonNode.Parse(valid)!.AsObject();
        json[name] = value;
        return json.ToJsonString();
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;

    internal sealed record JsonEndpoint(string Name, string Method, string Pattern, Type RequestType, string Caller);

    /// <summary>
    /// A home with something behind every id the write endpoints take: a dispenser, a pet and its regimen, a
    /// dose to come, a caregiver, a direct-mode device with a command, an invitation and a gateway code.
    /// </summary>
    public sealed class Home : IAsyncLifetime
    {
        private readonly TempDirectory _directory = new("bad-input");

        /// <summary>A valid body for every endpoint that takes JSON (the bad ones are made from it).</summary>
        internal static readonly Dictionary<string, Func<Home, string>> ValidBodies = new(StringComparer.Ordinal)
        {
            ["SignUp"] = _ => """{"email":"new@willow.test","password":"a long password","displayName":"New"}""",
            ["LogIn"] = _ => $$"""{"email":"{{HubSeed.OwnerEmail}}","password":"{{HubSeed.Password}}"}""",
            ["LogInForToken"] = _ => $$"""{"email":"{{HubSeed.OwnerEmail}}","password":"{{HubSeed.Password}}","name":"cli","expiresInDays":30}""",
            ["CreateAccessToken"] = _ => """{"name":"script","expiresInDays":30}""",
            ["CreateHousehold"] = _ => """{"name":"Cabin","timeZone":"Europe/Oslo"}""",
            ["AcceptInvitation"] = h => $$"""{"code":"{{h.InvitationCode}}"}""",
            ["EnrollGateway"] = h => $$"""{"code":"{{h.GatewayCode}}"}""",
            ["AnnounceDirectDevice"] = _ => """{"name":"Feeder","capabilities":["dispenser"],"version":"1.0"}""",
            ["ReportDirectCommandEvent"] = _ => """{"state":"succeeded","at":"2026-11-25T07:00:00Z","detail":"Released 1 portion."}""",
            ["UpdateHousehold"] = _ => """{"name":"Home sweet home","timeZone":"Europe/Berlin"}""",
            ["ChangeMember"] = _ => """{"role":"viewer","endsAt":"2099-01-01T00:00:00Z"}""",
            ["CreateInvitation"] = _ => """{"role":"caregiver","membershipEndsAt":"2099-01-01T00:00:00Z","expiresInDays":7,"note":"Sam"}""",
            ["RefillDevice"] = _ => """{"capacity":30,"remaining":20}""",
            ["IssueCommand"] = _ => """{"kind":"dispense","args":{"portions":1},"ttlSeconds":60,"idempotencyKey":"k"}""",
            ["CreateGateway"] = _ => """{"gatewayId":"garage"}""",
            ["CreatePet"] = _ => """{"name":"Rex","species":"dog"}""",
            ["CreateRegimen"] = h => h.RegimenBody("amoxicillin"),
            ["PreviewRegimen"] = h => h.RegimenBody("amoxicillin"),
            ["ChangeRegimen"] = h => h.RegimenBody("clomipramine", petId: false),
            ["SkipDose"] = _ => """{"reason":"the vet said to skip it"}""",
            ["CreateChannel"] = _ => """{"kind":"webhook","name":"phone","url":"https://hooks.example.org/willow"}""",
            ["ChangeChannel"] = _ => """{"kind":"email","name":"work","email":"owner@work.willow.test","enabled":false}""",
            ["ChangeMyAlertSettings"] = _ => """{"quietHours":{"from":"22:00","to":"07:00"}}""",
            ["ChangeHouseholdAlertSettings"] = _ => """{"escalateAfter":"00:20:00"}""",
        };

        internal HubHost Hub { get; private set; } = null!;

        internal IReadOnlyDictionary<string, JsonEndpoint> JsonEndpoints { get; private set; } = new Dictionary<string, JsonEndpoint>();

        internal Guid PetId { get; private set; }

        internal Guid RegimenId { get; private set; }

        internal Guid DoseId { get; private set; }

        internal Guid CaregiverId { get; private set; }

        internal Guid DirectCommandId { get; private set; }

        internal string InvitationCode { get; private set; } = "";

        internal string GatewayCode { get; private set; } = "";

        internal Guid ChannelId { get; private set; }

        private TestGateway _gateway = null!;

        public async ValueTask InitializeAsync()
        {
            Hub = await HubHost.StartAsync(_directory);
            _gateway = await TestGateway.ConnectAsync(Hub);
            await _gateway.ReportDevicesAsync(("treat-dispenser", Capability.Dispenser, true));
            using var owner = Hub.OwnerClient();
            var api = $"api/v1/households/{Hub.HouseholdId}";
            PetId = await IdAsync(owner, $"{api}/pets", """{"name":"Willow","species":"dog"}""");
            RegimenId = await IdAsync(owner, $"{api}/regimens", RegimenBody("clomipramine"));
            var doses = JsonDocument.Parse(await owner.GetStringAsync($"{api}/doses?regimen={RegimenId}")).RootElement;
            DoseId = doses.EnumerateArray().First(d => d.GetProperty("state").GetString() == "scheduled").GetProperty("id").GetGuid();
            CaregiverId = (await Hub.AddPersonAsync(HouseholdRole.Caregiver)).UserId;
            using (var device = Hub.Client(Hub.Identity.DeviceToken))
            {
                using var announced = await device.PutAsync("api/v1/device", new StringContent("""{"name":"Feeder","capabilities":["dispenser"]}""", Encoding.UTF8, "application/json"));
                announced.EnsureSuccessStatusCode();
            }

            DirectCommandId = await IdAsync(owner, $"{api}/devices/{HubHost.DirectDeviceId}/commands", """{"kind":"dispense"}""");
            using (var invitation = await owner.PostJsonAsync($"{api}/invitations", """{"role":"viewer"}"""))
            {
                InvitationCode = JsonDocument.Parse(await invitation.EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString()!;
            }

            using (var gateway = await owner.PostJsonAsync($"{api}/gateways", """{"gatewayId":"shed"}"""))
            {
                GatewayCode = JsonDocument.Parse(await gateway.EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString()!;
            }

            ChannelId = await IdAsync(owner, $"{api}/members/me/channels", """{"kind":"email","email":"owner@willow.test"}""");

            JsonEndpoints = Hub.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                .Where(e => e.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is not null)
                .Select(e => new JsonEndpoint(
                    RoutePatterns.NameOf(e),
                    e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Single(),
                    e.RoutePattern.RawText!,
                    e.Metadata.GetMetadata<IAcceptsMetadata>()!.RequestType!,
                    e.Metadata.GetMetadata<IAllowAnonymous>() is not null ? "anonymous"
                        : e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == AccessPolicies.Device) ? "device" : "owner"))
                .ToDictionary(e => e.Name, StringComparer.Ordinal);
        }

        internal string RegimenBody(string medication, bool petId = true) =>
            $$"""
            {{{(petId ? $"\"petId\":\"{PetId}\"," : "")}}"medication":"{{medication}}","amount":"1 tablet","portions":1,
             "schedule":{"kind":"every","every":"08:00:00"},
             "startsAt":"{{DateTime.UtcNow.AddDays(1):yyyy-MM-dd}}T07:00","endsAt":"{{DateTime.UtcNow.AddDays(29):yyyy-MM-dd}}T07:00",
             "windowBefore":"00:45:00","windowAfter":"00:45:00","minimumInterval":"06:00:00","deviceId":"treat-dispenser","callFirst":false}
            """;

        internal HttpClient ClientFor(JsonEndpoint endpoint) => endpoint.Caller switch
        {
            "anonymous" => Hub.Client(null),
            "device" => Hub.Client(Hub.Identity.DeviceToken),
            _ => Hub.OwnerClient(),
        };

        internal string PathOf(JsonEndpoint endpoint) => RoutePatterns.Fill(endpoint.Pattern, (name, _) => name switch
        {
            "householdId" => Hub.HouseholdId.ToString(),
            "deviceId" => "treat-dispenser",
            "regimenId" => RegimenId.ToString(),
            "doseId" => DoseId.ToString(),
            "userId" => CaregiverId.ToString(),
            "commandId" => DirectCommandId.ToString(),
            "channelId" => ChannelId.ToString(),
            _ => throw new InvalidOperationException($"No value for {{{name}}} in {endpoint.Pattern}."),
        });

        /// <summary>Every row of every table (every key, on Redis), except when devices and tokens were last seen.</summary>
        internal async Task<string> SnapshotAsync()
        {
            if (Hub.RedisPrefix is { } prefix)
            {
                // Leases are taken and renewed by the hub's jobs on their own schedule.
                var dump = await RedisDump.TextAsync(prefix, new HashSet<string>(StringComparer.Ordinal) { "lastSeenAt", "lastUsedAt", "online", "connected", "lastConnectedAt", "connection" });
                return string.Join("\n# ", dump.Split("\n# ").Where(part => !part.Contains(":job-lease:", StringComparison.Ordinal)));
            }

            var volatileColumns = new HashSet<string>(StringComparer.Ordinal) { "last_seen_at", "last_used_at", "online", "connected", "last_connected_at" };
            using var connection = new SqliteConnection($"Data Source={Hub.Identity.DatabasePath};Mode=ReadOnly;Pooling=False");
            connection.Open();
            var tables = connection.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", r => r.GetString(0), null);
            var text = new StringBuilder();
            foreach (var table in tables)
            {
                text.Append("# ").AppendLine(table);
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        if (!volatileColumns.Contains(reader.GetName(i)))
                        {
                            text.Append(reader.GetName(i)).Append('=').Append(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append(';');
                        }
                    }

                    text.AppendLine();
                }
            }

            return text.ToString();
        }

        public async ValueTask DisposeAsync()
        {
            await _gateway.DisposeAsync();
            await Hub.DisposeAsync();
            SqliteConnection.ClearAllPools();
            _directory.Dispose();
        }

        private static async Task<Guid> IdAsync(HttpClient client, string path, string body)
        {
            using var response = await client.PostJsonAsync(path, body);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
    }
}

/// <summary>The valid bodies the bad ones are made from are themselves accepted, each by a fresh home.</summary>
public sealed class WriteEndpointValidBodyTests(WriteEndpointBadInputTests.Home home) : IClassFixture<WriteEndpointBadInputTests.Home>
{
    [Fact]
    public async Task EveryValidBody_IsAccepted()
    {
        var refused = new List<string>();
        foreach (var (name, body) in WriteEndpointBadInputTests.Home.ValidBodies.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            var endpoint = home.JsonEndpoints[name];
            using var client = home.ClientFor(endpoint);
            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), home.PathOf(endpoint))
            {
                Content = new StringContent(body(home), Encoding.UTF8, "application/json"),
            };
            using var response = await client.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                refused.Add($"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(refused.Count == 0, string.Join('\n', refused));
    }
}
