namespace Willow.HomeAssistant;

/// <summary>What a <see cref="HomeAssistantLink"/> reports; each role logs it with event ids from its own range.</summary>
public interface IHomeAssistantEvents
{
    void Connected(string broker, int entities);

    void ConnectFailed(string broker, string reason, TimeSpan retryIn);

    void Disconnected(string broker, string reason);

    void HomeAssistantStarted();

    void Pressed(string deviceId, string action);

    void PressIgnored(string topic, string why);

    void PressFailed(string deviceId, string action, Exception exception);

    void MessageFailed(string topic, Exception exception);

    void Removed(string configTopic);

    void RefreshFailed(Exception exception);
}
