using System.Text.Json;
using System.Text.Json.Nodes;
using Willow.Testing;

namespace Willow.Hub.Tests.OpenApi;

/// <summary>
/// The API document is checked in (<c>docs/openapi/v1.json</c>), so that every API change shows up in
/// review. After an intended change, regenerate it: <c>WILLOW_UPDATE_OPENAPI=1 dotnet test --filter OpenApi</c>.
/// </summary>
public sealed class OpenApiDocumentTests : HubTestBase
{
    private static readonly string Snapshot = Repository.PathTo("docs", "openapi", "v1.json");

    [Fact]
    public async Task Document_MatchesTheCheckedInCopy()
    {
        var current = await CurrentAsync();
        if (Environment.GetEnvironmentVariable("WILLOW_UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Snapshot)!);
            await File.WriteAllTextAsync(Snapshot, current);
        }

        Assert.True(File.Exists(Snapshot), $"{Snapshot} is missing; generate it with WILLOW_UPDATE_OPENAPI=1.");
        Assert.Equal(await File.ReadAllTextAsync(Snapshot), current);
    }

    [Fact]
    public async Task EveryOperation_HasANameASummaryAndATag()
    {
        var document = JsonNode.Parse(await CurrentAsync())!;
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Route: $"{op.Key.ToUpperInvariant()} {path.Key}", Operation: op.Value!)))
            .ToList();

        Assert.NotEmpty(operations);
        Assert.All(operations, o =>
        {
            Assert.False(string.IsNullOrEmpty(o.Operation["operationId"]?.GetValue<string>()), $"{o.Route} has no name");
            Assert.False(string.IsNullOrEmpty(o.Operation["summary"]?.GetValue<string>()), $"{o.Route} has no summary");
            Assert.NotNull(o.Operation["tags"]);
        });
    }

    private async Task<string> CurrentAsync()
    {
        using var client = Hub.Client(null);
        var json = await client.GetStringAsync("openapi/v1.json");

        // The server's address differs per run; everything else must be stable.
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("servers");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }
}
