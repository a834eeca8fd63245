using Microsoft.AspNetCore.Http.HttpResults;

namespace Willow.Hub.Devices;

public static class DeviceProblems
{
    public static ProblemHttpResult NotFound(string deviceId) => TypedResults.Problem(
        title: "Device not found",
        detail: $"This household has no device '{deviceId}'. A device appears once its gateway reports it or it polls the hub.",
        statusCode: StatusCodes.Status404NotFound);
}
