using System.Text;
using StackExchange.Redis;
using Willow.Hub.Storage.Redis;

namespace Willow.Testing;

/// <summary>Everything a hub keeps under its key prefix, as text in a fixed order: to compare before and after, or to search.</summary>
public static class RedisDump
{
    public static async Task<string> TextAsync(string prefix, IReadOnlySet<string>? leaveOut = null)
    {
        using var connection = RedisConnections.Connect(await RedisServer.SharedAsync(), "willow-test-dump");
        var server = connection.GetServers()[0];
        var database = connection.GetDatabase();
        var text = new StringBuilder();
        foreach (var key in server.Keys(pattern: prefix + ":*").Select(k => k.ToString()).Order(StringComparer.Ordinal))
        {
            text.Append("# ").AppendLine(key);
            switch (await database.KeyTypeAsync(key))
            {
                case RedisType.String:
                    text.AppendLine(await database.StringGetAsync(key));
                    break;
                case RedisType.Hash:
                    foreach (var entry in (await database.HashGetAllAsync(key)).OrderBy(e => e.Name.ToString(), StringComparer.Ordinal))
                    {
                        if (leaveOut?.Contains(entry.Name.ToString()) != true)
                        {
                            text.Append(entry.Name).Append('=').Append(entry.Value).AppendLine(";");
                        }
                    }

                    break;
                case RedisType.List:
                    text.AppendJoin('\n', await database.ListRangeAsync(key)).AppendLine();
                    break;
                case RedisType.Set:
                    text.AppendJoin('\n', (await database.SetMembersAsync(key)).Select(v => v.ToString()).Order(StringComparer.Ordinal)).AppendLine();
                    break;
                case RedisType.SortedSet:
                    text.AppendJoin('\n', (await database.SortedSetRangeByRankWithScoresAsync(key)).Select(e => $"{e.Score} {e.Element}")).AppendLine();
                    break;
            }
        }

        return text.ToString();
    }
}
