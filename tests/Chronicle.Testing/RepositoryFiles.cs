namespace Chronicle.Testing;

/// <summary>Finds files of the repository (and the shared seeds beside it) from wherever the tests run.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindUp(AppContext.BaseDirectory, d => File.Exists(System.IO.Path.Combine(d, "Chronicle.slnx")))
        ?? throw new InvalidOperationException("Could not find the repository root (Chronicle.slnx) above " + AppContext.BaseDirectory);

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>The folder of shared seed documents, beside the repository.</summary>
    public static string SeedsFolder { get; } = FindUp(Root, d => Directory.Exists(System.IO.Path.Combine(d, "shared", "seeds"))) is { } found
        ? System.IO.Path.Combine(found, "shared", "seeds")
        : throw new InvalidOperationException("Could not find shared/seeds beside the repository");

    private static string? FindUp(string start, Func<string, bool> found)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (found(dir.FullName)) return dir.FullName;
        return null;
    }
}
