namespace Willow.Hub.Photos;

/// <summary>
/// A camera snapshot the home sent up. <see cref="Id"/> is the id of the <c>snapshot</c> command that took
/// it, so an upload retried after a lost answer is the same photo; <see cref="DoseId"/> is set for the photo
/// taken after a scheduled dose.
/// </summary>
public sealed record Photo(Guid Id, Guid HouseholdId, string DeviceId, Guid? DoseId, DateTimeOffset TakenAt, int Width, int Height, int Bytes);
