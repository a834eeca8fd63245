using System.Text;
using Willow.Core.Security;

namespace Willow.Core.Tests.Security;

public sealed class RequestSignatureTests
{
    private static readonly byte[] Key = Convert.FromBase64String(HomeKey.Generate());

    private static string Sign(string method = "POST", string path = "/api/v1/actuations", long ts = 1_700_000_000, string nonce = "n0nce-n0nce-n0nce", string body = "{\"a\":1}") =>
        RequestSignature.Compute(Key, method, path, ts, nonce, Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Compute_SameInputs_SameSignature() => Assert.True(RequestSignature.Matches(Sign(), Sign()));

    [Theory]
    [InlineData("GET", "/api/v1/actuations", 1_700_000_000, "n0nce-n0nce-n0nce", "{\"a\":1}")]
    [InlineData("POST", "/api/v1/info", 1_700_000_000, "n0nce-n0nce-n0nce", "{\"a\":1}")]
    [InlineData("POST", "/api/v1/actuations", 1_700_000_001, "n0nce-n0nce-n0nce", "{\"a\":1}")]
    [InlineData("POST", "/api/v1/actuations", 1_700_000_000, "other-nonce-value", "{\"a\":1}")]
    [InlineData("POST", "/api/v1/actuations", 1_700_000_000, "n0nce-n0nce-n0nce", "{\"a\":2}")]
    public void Compute_AnyPartChanged_DoesNotMatch(string method, string path, long ts, string nonce, string body) =>
        Assert.False(RequestSignature.Matches(Sign(), Sign(method, path, ts, nonce, body)));

    [Fact]
    public void Compute_OtherKey_DoesNotMatch()
    {
        var other = Convert.FromBase64String(HomeKey.Generate());
        var forged = RequestSignature.Compute(other, "POST", "/api/v1/actuations", 1_700_000_000, "n0nce-n0nce-n0nce", Encoding.UTF8.GetBytes("{\"a\":1}"));
        Assert.False(RequestSignature.Matches(Sign(), forged));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64 at all")]
    public void HomeKey_TooShortOrMalformed_IsRejected(string? text) => Assert.False(HomeKey.TryParse(text, out _));
}
