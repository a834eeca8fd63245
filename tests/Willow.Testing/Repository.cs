namespace Willow.Testing;

/// <summary>Finds files of the repository the tests were built from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathTo(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Willow.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find Willow.slnx above " + AppContext.BaseDirectory);
    }
}
