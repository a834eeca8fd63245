namespace Willow.Gateway.Journal;

/// <summary>A photo on its way from a camera agent to the hub. <see cref="Fetched"/>: it is on the gateway's disk.</summary>
public sealed record PhotoUpload(Guid CommandId, string DeviceId, Guid? DoseId, DateTimeOffset TakenAt, bool Fetched, int Attempts);
