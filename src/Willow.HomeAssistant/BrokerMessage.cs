namespace Willow.HomeAssistant;

/// <summary>A message the broker delivered. <see cref="Retained"/>: a stored message replayed on subscribe, not news.</summary>
public sealed record BrokerMessage(string Topic, string Payload, bool Retained);
