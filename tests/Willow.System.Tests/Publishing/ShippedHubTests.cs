using System.Text.Json;
using System.Text.Json.Nodes;
using Willow.Testing;

namespace Willow.System.Tests.Publishing;

/// <summary>
/// The hub as the <c>willow</c> executable runs it, with the feature switches of the trimmed file (JSON only from the
/// source-generated contexts): its API description is the one checked in. Run against the published file with
/// <c>WILLOW_TEST_EXECUTABLE=artifacts/publish/linux-x64/willow</c>, it checks that trimming kept the whole API.
/// </summary>
public sealed class ShippedHubTests
{
    [Fact]
    public async Task HubProcess_ServesTheCheckedInOpenApiDocument()
    {
        using var directory = new TempDirectory("shipped-hub");
        var url = $"http://127.0.0.1:{Ports.Free()}";
        await using var hub = WillowProcess.Start(["hub", "--urls", url, "--data-dir", directory.Sub("hub")]);
        await hub.WaitForOutputAsync("Now listening on", TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = new Uri(url + "/") };

        using var response = await http.GetAsync("openapi/v1.json");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}\n{hub.Output}");

        // As OpenApiDocumentTests writes the checked-in copy: without the per-run server address.
        var served = JsonNode.Parse(body)!.AsObject();
        served.Remove("servers");
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Repository.PathTo("docs", "openapi", "v1.json")));
        Assert.True(JsonNode.DeepEquals(expected, served), "The hub process describes another API than docs/openapi/v1.json:\n"
            + served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
