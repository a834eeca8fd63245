using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Willow.Core.Security;
using Willow.Sqlite;
using Willow.Testing;

namespace Willow.System.Tests;

/// <summary>
/// A real <c>willow agent</c> process on the LAN, sent what a neighbour on the home Wi-Fi could send:
/// unsigned, wrongly keyed, stale, replayed and tampered requests. Each is refused and logged, and the
/// servo's own movement log and the agent's journal show that only the one genuine request moved anything.
/// The agent runs with its systemd unit's environment (no ICU, one malloc arena).
/// </summary>
public sealed class AgentSigningSystemTests
{
    [Fact]
    public async Task ForgedStaleReplayedAndTamperedRequests_AreRefusedAndLogged_NothingMoves()
    {
        using var directory = new TempDirectory("agent-signing");
        var homeKey = HomeKey.Generate();
        var agentUrl = $"http://127.0.0.1:{Ports.Free()}";
        var movementLog = directory.File("movements.log");
        var dataDirectory = directory.Sub("agent");
        File.WriteAllText(directory.File("agent.json"), new JsonObject
        {
            ["urls"] = agentUrl,
            ["Agent"] = new JsonObject
            {
                ["DeviceId"] = "pill-dispenser", ["Capabilities"] = new JsonArray("dispenser"), ["HomeKey"] = homeKey, ["DataDirectory"] = dataDirectory,
            },
            ["Dispenser"] = new JsonObject { ["Dwell"] = "00:00:00.100", ["ReturnTravel"] = "00:00:00.050", ["SimulatedMovementLog"] = movementLog },
        }.ToJsonString());

        await using var agent = WillowProcess.Start(["agent", "--config", directory.File("agent.json")], UnitEnvironment.For("agent"));
        using var http = new HttpClient { BaseAddress = new Uri(agentUrl + "/") };
        await Eventually.WaitAsync(
            async () => (await http.GetAsync("health/ready")).StatusCode, status => status == HttpStatusCode.OK, "the agent to be ready", TimeSpan.FromSeconds(60));

        var key = Convert.FromBase64String(homeKey);
        // Read the clock for each request: the first requests to a cold agent can take a second or more,
        // and a timestamp taken before them would drift toward the 30 s edge. The boundary itself is
        // covered to the second by the unit tests with a fake clock; here the margins are clear.
        static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var refused = new List<(string What, HttpResponseMessage Response)>();

        var (forgedBody, _) = Dispense();
        refused.Add(("unsigned", await http.SendAsync(Post(forgedBody))));
        refused.Add(("wrong key", await http.SendAsync(Sign(Post(forgedBody), Convert.FromBase64String(HomeKey.Generate()), Now(), RequestSignature.NewNonce(), forgedBody))));
        refused.Add(("stale by 40 s", await http.SendAsync(Sign(Post(forgedBody), key, Now() - 40, RequestSignature.NewNonce(), forgedBody))));
        refused.Add(("from 40 s ahead", await http.SendAsync(Sign(Post(forgedBody), key, Now() + 40, RequestSignature.NewNonce(), forgedBody))));

        // Signed for one portion, sent asking for five.
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(forgedBody).Replace("\"portions\":1", "\"portions\":5", StringComparison.Ordinal));
        refused.Add(("tampered body", await http.SendAsync(Sign(Post(tampered), key, Now(), RequestSignature.NewNonce(), forgedBody))));

        // The one genuine request, then a byte-for-byte copy of it as someone who captured it would send.
        var (genuineBody, genuineId) = Dispense();
        var (signedAt, nonce) = (Now(), RequestSignature.NewNonce());
        using var genuine = await http.SendAsync(Sign(Post(genuineBody), key, signedAt, nonce, genuineBody));
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        refused.Add(("replayed", await http.SendAsync(Sign(Post(genuineBody), key, signedAt, nonce, genuineBody))));

        foreach (var (what, response) in refused)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            response.Dispose();
        }

        // The servo swung out and back once, for the genuine request only.
        var movements = File.ReadAllLines(movementLog);
        Assert.Equal(1, movements.Count(l => l.EndsWith("-> 90", StringComparison.Ordinal)));

        // The journal knows one command, the genuine one; the refused ones never reached it.
        using (var journal = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "journal.db")};Mode=ReadOnly;Pooling=False"))
        {
            journal.Open();
            var commands = journal.Query("SELECT command_id FROM actuations", r => r.GetString(0), null);
            Assert.Equal([genuineId.ToString()], commands);
        }

        // Every refusal is in the agent's log with its reason, so an owner can see someone tried.
        await agent.WaitForOutputAsync("a replayed request", TimeSpan.FromSeconds(10));
        var output = agent.Output;
        Assert.Contains("carries no signature", output, StringComparison.Ordinal);
        Assert.Equal(2, Count(output, "The signature does not match"));
        Assert.Equal(2, Count(output, "The signature is stale"));
        Assert.Equal(refused.Count, Count(output, "Refused POST /api/v1/actuations from 127.0.0.1"));
    }

    private static (byte[] Body, Guid CommandId) Dispense()
    {
        var id = Guid.CreateVersion7();
        var issued = DateTimeOffset.UtcNow;
        var json = $$"""
            {"commandId":"{{id}}","kind":"dispense","args":{"portions":1},"issuedAt":"{{issued:O}}","expiresAt":"{{issued.AddMinutes(1):O}}"}
            """;
        return (Encoding.UTF8.GetBytes(json), id);
    }

    private static HttpRequestMessage Post(byte[] body) => new(HttpMethod.Post, "api/v1/actuations")
    {
        Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } },
    };

    private static HttpRequestMessage Sign(HttpRequestMessage message, byte[] key, long timestamp, string nonce, byte[] signedBody)
    {
        RequestSignature.Sign(message.Headers, key, "POST", "/api/v1/actuations", timestamp, nonce, signedBody);
        return message;
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
