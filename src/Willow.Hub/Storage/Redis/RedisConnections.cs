using StackExchange.Redis;

namespace Willow.Hub.Storage.Redis;

/// <summary>How every Willow process connects to Redis.</summary>
public static class RedisConnections
{
    /// <summary>
    /// Connects without failing when Redis is down at start-up (it retries in the background and the
    /// readiness check says so), and fails a command at once while disconnected (<see cref="BacklogPolicy.FailFast"/>)
    /// rather than queueing it: a "feed" must fail clearly, not run minutes later when Redis is back.
    /// </summary>
    public static ConnectionMultiplexer Connect(string connectionString, string clientName, ILoggerFactory? logging = null)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ClientName ??= clientName;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 5000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 5000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 5000);
        options.ReconnectRetryPolicy ??= new ExponentialRetry(250, 5000);
        if (logging is not null)
        {
            options.LoggerFactory = logging;
        }

        return ConnectionMultiplexer.Connect(options);
    }
}
