using System.Net;
using System.Text.Json;

namespace Willow.Hub.Tests.Access;

/// <summary>What a person reads when the body or a query value cannot be read: what is wrong and where.</summary>
public sealed class BadRequestDetailTests : HubTestBase
{
    [Theory]
    [InlineData("{\"name\":", "not valid JSON")]
    [InlineData("{\"name\":\"Rex\",\"colour\":\"brown\"}", "Unknown field 'colour'")]
    [InlineData("{\"name\":42}", "at $.name")]
    public async Task UnreadableBody_Answers400_SayingWhatAndWhere(string body, string expected)
    {
        using var client = Hub.OwnerClient();
        using var response = await client.PostJsonAsync($"api/v1/households/{Hub.HouseholdId}/pets", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryValueOfTheWrongType_Answers400_NamingIt()
    {
        using var client = Hub.OwnerClient();
        using var response = await client.GetAsync($"api/v1/households/{Hub.HouseholdId}/commands?limit=lots");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("limit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("lots", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
