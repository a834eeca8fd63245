using System.Text;

namespace Willow.Agent.Capabilities.Dispenser;

/// <summary>
/// A text file the simulated hardware appends a line to per event, flushed to disk before the call returns,
/// so a test can read what happened across a SIGKILL of the agent process.
/// </summary>
internal sealed class SimulationLog : IDisposable
{
    private readonly FileStream _file;
    private readonly Lock _gate = new();

    public SimulationLog(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
    }

    public void Append(string line)
    {
        lock (_gate)
        {
            _file.Write(Encoding.UTF8.GetBytes(line + "\n"));
            _file.Flush(flushToDisk: true);
        }
    }

    public void Dispose() => _file.Dispose();
}
