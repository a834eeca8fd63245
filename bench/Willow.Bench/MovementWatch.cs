using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace Willow.Bench;

/// <summary>
/// Follows a simulated servo's movement log (written and flushed by the agent process before the move
/// returns) and yields each move with the agent's own timestamp of it.
/// </summary>
internal sealed class MovementWatch : IDisposable
{
    private readonly string _path;
    private readonly FileSystemWatcher _watcher;
    private readonly Channel<(DateTimeOffset At, double To)> _moves = Channel.CreateUnbounded<(DateTimeOffset, double)>();
    private readonly Lock _gate = new();
    private long _offset;
    private string _partial = "";

    public MovementWatch(string path)
    {
        _path = path;
        File.AppendAllText(path, "");
        _offset = new FileInfo(path).Length;
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path)) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size };
        _watcher.Changed += (_, _) => ReadNew();
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>The next move away from home (<paramref name="release"/>) or back home.</summary>
    public async Task<DateTimeOffset> NextAsync(bool release, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            ReadNew();
            while (_moves.Reader.TryRead(out var move))
            {
                if ((move.To > 0) == release)
                {
                    return move.At;
                }
            }

            // inotify wakes us at once; the short poll covers an event the watcher coalesced away.
            await Task.WhenAny(_moves.Reader.WaitToReadAsync().AsTask(), Task.Delay(2));
        }

        throw new TimeoutException($"No {(release ? "release" : "return")} movement in {_path} within {timeout.TotalSeconds:0} s.");
    }

    public void Dispose() => _watcher.Dispose();

    private void ReadNew()
    {
        lock (_gate)
        {
            using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var length = stream.Length;
            if (length <= _offset)
            {
                return;
            }

            // Exactly the bytes that were there when we looked; what the agent appends meanwhile is read next time.
            var bytes = new byte[length - _offset];
            stream.Seek(_offset, SeekOrigin.Begin);
            stream.ReadExactly(bytes);
            _offset = length;
            var text = _partial + System.Text.Encoding.UTF8.GetString(bytes);
            var lines = text.Split('\n');
            _partial = lines[^1];
            foreach (var line in lines[..^1])
            {
                // "2026-11-25T04:10:00.1234567+00:00 move 0 -> 90"
                var parts = line.Split(' ');
                _moves.Writer.TryWrite((DateTimeOffset.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[^1], CultureInfo.InvariantCulture)));
            }
        }
    }
}
