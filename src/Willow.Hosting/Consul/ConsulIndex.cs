namespace Willow.Hosting.Consul;

/// <summary>
/// The index to send with the next blocking query, following Consul's "implementation details" for blocking
/// queries: an index that went backwards (a restored snapshot, a new cluster) starts over from zero, and zero
/// is never sent back, since a query with index 0 returns at once and a client would loop hot.
/// </summary>
public static class ConsulIndex
{
    public static ulong Next(ulong sent, ulong returned)
    {
        if (returned < sent)
        {
            return 0;
        }

        return returned < 1 ? 1 : returned;
    }
}
