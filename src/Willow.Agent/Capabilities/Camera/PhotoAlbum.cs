namespace Willow.Agent.Capabilities.Camera;

/// <summary>
/// The photos the camera took for commands, one file per command id in <c>&lt;data&gt;/photos</c>. A photo is
/// written to a temporary file, flushed to disk and renamed, so a power cut leaves either the whole photo or
/// none. The album keeps at most <see cref="CameraOptions.KeepPhotos"/>, none older than
/// <see cref="CameraOptions.PhotoRetention"/>; a photo's file time is set from the agent's clock, so that
/// the age rule and the tests use the same clock.
/// </summary>
public sealed class PhotoAlbum
{
    private const string Extension = ".jpg";
    private const string Partial = ".partial";

    private readonly CameraOptions _options;
    private readonly TimeProvider _time;

    public PhotoAlbum(string directory, CameraOptions options, TimeProvider time)
    {
        Directory = Path.GetFullPath(directory);
        _options = options;
        _time = time;
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string PathOf(Guid commandId) => Path.Combine(Directory, commandId.ToString("D") + Extension);

    /// <summary>The photo's file, or null if this agent has none for the command.</summary>
    public string? Find(Guid commandId)
    {
        var path = PathOf(commandId);
        return File.Exists(path) ? path : null;
    }

    /// <summary>Keeps the photo durably under the command's id and returns its path.</summary>
    public string Save(Guid commandId, ReadOnlySpan<byte> jpeg)
    {
        var path = PathOf(commandId);
        var partial = path + Partial;
        using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(jpeg);
            file.Flush(flushToDisk: true);
        }

        File.SetLastWriteTimeUtc(partial, _time.GetUtcNow().UtcDateTime);
        File.Move(partial, path, overwrite: true);
        return path;
    }

    /// <summary>Removes photos beyond the newest <see cref="CameraOptions.KeepPhotos"/>, those past the retention, and leftovers of interrupted saves.</summary>
    public int Prune()
    {
        var removed = 0;
        var directory = new DirectoryInfo(Directory);
        foreach (var leftover in directory.EnumerateFiles("*" + Partial))
        {
            leftover.Delete();
            removed++;
        }

        var oldest = _time.GetUtcNow().UtcDateTime - _options.PhotoRetention;
        var photos = directory.EnumerateFiles("*" + Extension).OrderByDescending(f => f.LastWriteTimeUtc).ToList();
        for (var i = 0; i < photos.Count; i++)
        {
            if (i >= _options.KeepPhotos || photos[i].LastWriteTimeUtc < oldest)
            {
                photos[i].Delete();
                removed++;
            }
        }

        return removed;
    }
}
