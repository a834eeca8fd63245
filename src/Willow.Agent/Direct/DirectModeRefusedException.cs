namespace Willow.Agent.Direct;

/// <summary>The hub refused the device's token: waiting and retrying is all the device can do.</summary>
public sealed class DirectModeRefusedException(string message) : Exception(message);
