namespace Willow.Hub.Nodes;

/// <summary>
/// The loop every hub-wide background job shares: a round every <c>interval</c>, run only while this node holds the
/// job's lease (three intervals long, so another node takes over once the holder has missed a few), a failed round
/// logged and the next one tried as usual.
/// </summary>
public static class JobRounds
{
    public static async Task RunRoundsAsync(
        this IJobLease lease,
        string job,
        TimeSpan interval,
        TimeProvider time,
        Func<CancellationToken, Task> round,
        Action<Exception> failed,
        CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                if (await lease.TryHoldAsync(job, interval * 3, stoppingToken))
                {
                    await round(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
