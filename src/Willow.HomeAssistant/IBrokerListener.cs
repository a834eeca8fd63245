namespace Willow.HomeAssistant;

/// <summary>What a <see cref="BrokerLink"/> tells the one who owns it.</summary>
public interface IBrokerListener
{
    /// <summary>Connected, subscribed and announced <c>online</c>: publish everything the broker should hold.</summary>
    Task OnConnectedAsync(CancellationToken cancellationToken);

    /// <summary>A message on a subscribed topic, one at a time, off the client's receive loop.</summary>
    Task OnMessageAsync(BrokerMessage message, CancellationToken cancellationToken);

    /// <summary><see cref="OnMessageAsync"/> threw; the link goes on reading the next message.</summary>
    void OnMessageFailed(BrokerMessage message, Exception exception);

    void OnConnectFailed(string reason, TimeSpan retryIn);

    void OnDisconnected(string reason);
}
