namespace Willow.Gateway.HubLink;

/// <summary>How an upload to the hub went: delivered; or not, and whether trying again could help.</summary>
public sealed record HubUploadResult(bool Ok, bool Permanent, string? Problem)
{
    public static HubUploadResult Delivered { get; } = new(true, false, null);
}
