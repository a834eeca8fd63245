namespace Willow.Hub.Photos;

internal static partial class PhotoLog
{
    [LoggerMessage(EventId = 1650, Level = LogLevel.Information, Message = "Gateway {GatewayId} sent photo {PhotoId} from {DeviceId} ({Width}x{Height}, {Bytes} bytes, dose {DoseId})")]
    public static partial void Received(ILogger logger, string gatewayId, Guid photoId, string deviceId, int width, int height, int bytes, Guid? doseId);

    [LoggerMessage(EventId = 1651, Level = LogLevel.Warning, Message = "Gateway {GatewayId} sent a photo for {DeviceId}, which is not its device; refused")]
    public static partial void NotItsDevice(ILogger logger, string gatewayId, string deviceId);
}
