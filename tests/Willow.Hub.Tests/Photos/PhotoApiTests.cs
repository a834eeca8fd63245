using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Willow.Core.Commands;
using Willow.Hub.Live;
using Willow.Hub.Photos;
using Willow.Testing;

namespace Willow.Hub.Tests.Photos;

/// <summary>A gateway sends up its cameras' photos; the household's people see them, nobody else does.</summary>
public sealed class PhotoApiTests : HubTestBase
{
    private const string Camera = "kitchen-camera";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Gateway.ReportDevicesAsync((Dispenser, Capability.Dispenser, true), (Speaker, Capability.Speaker, true), (Camera, Capability.Camera, true));
    }

    private async Task<HttpResponseMessage> UploadAsync(Guid photoId, byte[] body, string device = Camera, string contentType = "image/jpeg", Guid? doseId = null, string? token = null)
    {
        using var gateway = Hub.Client(token ?? Hub.Identity.GatewayToken);
        var dose = doseId is null ? "" : $"&doseId={doseId}";
        using var request = new HttpRequestMessage(
            HttpMethod.Put, $"api/v1/gateway/photos/{photoId}?deviceId={device}&takenAt={Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"))}{dose}")
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        // A body the hub refuses by its length alone is answered before it is read; a careful client asks first.
        request.Headers.ExpectContinue = body.Length > 64 * 1024;
        return await gateway.SendAsync(request);
    }

    [Fact]
    public async Task AnUploadedPhoto_IsListedAndServed_AndSendingItAgainKeepsOne()
    {
        var id = Guid.CreateVersion7();

        using var first = await UploadAsync(id, TestJpeg.Bytes);
        using var again = await UploadAsync(id, TestJpeg.Bytes);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        using var owner = Hub.OwnerClient();
        var listed = await owner.GetFromJsonAsync<List<PhotoView>>($"api/v1/households/{Hub.HouseholdId}/photos?device={Camera}", Json);
        var photo = Assert.Single(listed!);
        Assert.Equal((id, Camera, TestJpeg.Width, TestJpeg.Height, TestJpeg.Bytes.Length), (photo.Id, photo.DeviceId, photo.Width, photo.Height, photo.Bytes));
        using var picture = await owner.GetAsync(photo.Url.TrimStart('/'));
        Assert.Equal("image/jpeg", picture.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TestJpeg.Bytes, await picture.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task APhotoAfterADose_IsNamedByTheDose()
    {
        var dose = Guid.NewGuid();
        using var uploaded = await UploadAsync(Guid.CreateVersion7(), TestJpeg.Bytes, doseId: dose);

        var view = await uploaded.Content.ReadFromJsonAsync<PhotoView>(Json);

        Assert.Equal(dose, view!.DoseId);
    }

    [Fact]
    public async Task AnotherHousehold_CannotSeeThePhoto()
    {
        var id = Guid.CreateVersion7();
        using var uploaded = await UploadAsync(id, TestJpeg.Bytes);
        using var neighbour = Hub.Client(Hub.Identity.OtherApiToken);

        using var theirs = await neighbour.GetAsync($"api/v1/households/{Hub.HouseholdId}/photos/{id}");
        using var ownHousehold = await neighbour.GetAsync($"api/v1/households/{Hub.Identity.OtherHouseholdId}/photos/{id}");

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, ownHousehold.StatusCode);
    }

    [Fact]
    public async Task Uploads_ThatAreNotAPhotoOfItsOwnCamera_AreRefusedAndNothingIsKept()
    {
        using var notJpeg = await UploadAsync(Guid.CreateVersion7(), "GIF89a not a jpeg"u8.ToArray());
        using var wrongType = await UploadAsync(Guid.CreateVersion7(), TestJpeg.Bytes, contentType: "image/png");
        using var notItsDevice = await UploadAsync(Guid.CreateVersion7(), TestJpeg.Bytes, device: "somebody-elses-camera");
        using var tooLarge = await UploadAsync(Guid.CreateVersion7(), [.. TestJpeg.Bytes, .. new byte[5 * 1024 * 1024]]);
        using var person = await UploadAsync(Guid.CreateVersion7(), TestJpeg.Bytes, token: Hub.Identity.ApiToken);

        Assert.Equal(
            [HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnsupportedMediaType, HttpStatusCode.NotFound, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.Forbidden],
            [notJpeg.StatusCode, wrongType.StatusCode, notItsDevice.StatusCode, tooLarge.StatusCode, person.StatusCode]);
        using var owner = Hub.OwnerClient();
        Assert.Empty((await owner.GetFromJsonAsync<List<PhotoView>>($"api/v1/households/{Hub.HouseholdId}/photos", Json))!);
    }

    [Fact]
    public async Task AWatchingDashboard_HearsANewPhoto()
    {
        var connection = SignalRClients.Build(Hub.Url + LiveHub.Path, Hub.Identity.ApiToken);
        await using var owned = connection;
        var heard = Channel.CreateUnbounded<PhotoView>();
        connection.On<PhotoView>(nameof(ILiveClient.PhotoAdded), p => heard.Writer.TryWrite(p));
        await connection.StartAsync();
        await connection.InvokeAsync(nameof(LiveHub.Watch), Hub.HouseholdId);
        var id = Guid.CreateVersion7();

        using var uploaded = await UploadAsync(id, TestJpeg.Bytes);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        Assert.Equal(id, (await heard.Reader.ReadAsync(timeout.Token)).Id);
    }
}
