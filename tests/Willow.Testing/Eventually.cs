using System.Diagnostics;

namespace Willow.Testing;

/// <summary>Waits for something another process or thread will do, failing with a clear message.</summary>
public static class Eventually
{
    public static async Task<T> WaitAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        var watch = Stopwatch.StartNew();
        T last = default!;
        Exception? lastError = null;
        while (watch.Elapsed < limit)
        {
            try
            {
                last = await probe();
                if (done(last))
                {
                    return last;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException)
            {
                lastError = ex;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Waited {limit.TotalSeconds:0} s for {what}; last value: {last}{(lastError is null ? "" : $"; last error: {lastError.Message}")}");
    }

    public static Task WaitAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        WaitAsync(() => Task.FromResult(condition()), ok => ok, what, timeout);
}
