using Willow.HomeAssistant;

namespace Willow.Hub.HomeAssistant;

/// <summary>Structured log messages of Home Assistant over MQTT at the hub (event ids 1850–1899).</summary>
internal static partial class HomeAssistantLog
{
    [LoggerMessage(1850, LogLevel.Information, "Home Assistant: connected to {Broker}; published {Entities} entities")]
    public static partial void Connected(ILogger logger, string broker, int entities);

    [LoggerMessage(1851, LogLevel.Warning, "Home Assistant: cannot reach the MQTT broker {Broker} ({Reason}); trying again in {RetryIn}")]
    public static partial void ConnectFailed(ILogger logger, string broker, string reason, TimeSpan retryIn);

    [LoggerMessage(1852, LogLevel.Warning, "Home Assistant: lost the MQTT broker {Broker} ({Reason}); reconnecting")]
    public static partial void Disconnected(ILogger logger, string broker, string reason);

    [LoggerMessage(1853, LogLevel.Information, "Home Assistant announced it is online; sending discovery again")]
    public static partial void HomeAssistantStarted(ILogger logger);

    [LoggerMessage(1854, LogLevel.Information, "Home Assistant: {Action} pressed on {DeviceId}")]
    public static partial void Pressed(ILogger logger, string deviceId, string action);

    [LoggerMessage(1855, LogLevel.Warning, "Home Assistant: ignored a message on {Topic}: {Why}")]
    public static partial void PressIgnored(ILogger logger, string topic, string why);

    [LoggerMessage(1856, LogLevel.Information, "Home Assistant: removed {Topic} (its device or entity is gone)")]
    public static partial void Removed(ILogger logger, string topic);

    [LoggerMessage(1857, LogLevel.Warning, "Home Assistant: could not publish the states")]
    public static partial void RefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(1858, LogLevel.Information, "Home Assistant: this hub node publishes to {Broker} (it holds the job's lease)")]
    public static partial void Leading(ILogger logger, string broker);

    [LoggerMessage(1859, LogLevel.Error, "Home Assistant: {Action} pressed on {DeviceId} could not be issued; answered 'failed'")]
    public static partial void PressFailed(ILogger logger, string deviceId, string action, Exception exception);

    [LoggerMessage(1860, LogLevel.Error, "Home Assistant: a message on {Topic} could not be handled; reading the next")]
    public static partial void MessageFailed(ILogger logger, string topic, Exception exception);

    /// <summary>The shared link's events, logged with the hub's ids.</summary>
    public sealed class Events(ILogger logger) : IHomeAssistantEvents
    {
        public void Connected(string broker, int entities) => HomeAssistantLog.Connected(logger, broker, entities);

        public void ConnectFailed(string broker, string reason, TimeSpan retryIn) => HomeAssistantLog.ConnectFailed(logger, broker, reason, retryIn);

        public void Disconnected(string broker, string reason) => HomeAssistantLog.Disconnected(logger, broker, reason);

        public void HomeAssistantStarted() => HomeAssistantLog.HomeAssistantStarted(logger);

        public void Pressed(string deviceId, string action) => HomeAssistantLog.Pressed(logger, deviceId, action);

        public void PressIgnored(string topic, string why) => HomeAssistantLog.PressIgnored(logger, topic, why);

        public void PressFailed(string deviceId, string action, Exception exception) => HomeAssistantLog.PressFailed(logger, deviceId, action, exception);

        public void MessageFailed(string topic, Exception exception) => HomeAssistantLog.MessageFailed(logger, topic, exception);

        public void Removed(string configTopic) => HomeAssistantLog.Removed(logger, configTopic);

        public void RefreshFailed(Exception exception) => HomeAssistantLog.RefreshFailed(logger, exception);
    }
}
