using Chronicle.Core.Audit;
using Chronicle.Core.Persistence;

namespace Chronicle.Cli.Audit;

/// <summary>`audit verify [--sqlite PATH | --postgres CONNECTION]`: checks the audit chain and names the first broken link.</summary>
public static class AuditCommand
{
    public static async Task<int> VerifyAsync(IReadOnlyList<string> options, TextWriter output, TextWriter error)
    {
        var settings = DatabaseOption.Resolve(options, out var problem);
        if (settings is null)
        {
            await error.WriteLineAsync($"audit verify: {problem}");
            return 2;
        }
        await using var db = new ChronicleDb(settings.Options());
        var result = await new AuditLog(db, TimeProvider.System).VerifyAsync();
        if (result.Intact)
        {
            await output.WriteLineAsync($"Audit chain intact: {result.EntriesChecked} entries checked ({settings.Describe()}).");
            return 0;
        }
        await output.WriteLineAsync($"Audit chain BROKEN at entry {result.FirstBrokenSequence}: {result.Problem}. {result.EntriesChecked} entries before it are intact.");
        return 1;
    }
}

/// <summary>Which database a command works on: --sqlite PATH, --postgres CONNECTION, else the Run command's own.</summary>
public static class DatabaseOption
{
    public const string DefaultSqlitePath = "data/chronicle.db";

    public static DatabaseSettings? Resolve(IReadOnlyList<string> options, out string? problem)
    {
        problem = null;
        if (options.Count > 0)
        {
            if (options[0] is not ("--sqlite" or "--postgres") || options.Count != 2)
            {
                problem = options[0] is "--sqlite" or "--postgres" ? $"{options[0]} needs one value" : $"unknown option {options[0]}";
                return null;
            }
            if (options[0] == "--postgres") return DatabaseSettings.Postgres(options[1]);
            if (File.Exists(options[1])) return DatabaseSettings.Sqlite(options[1]);
            problem = $"no SQLite database at {options[1]}";
            return null;
        }
        if (Environment.GetEnvironmentVariable("ConnectionStrings__Postgres") is { Length: > 0 } postgres) return DatabaseSettings.Postgres(postgres);
        foreach (var path in new[] { DefaultSqlitePath, Path.Combine("src", "Chronicle.Web", DefaultSqlitePath) })
            if (File.Exists(path)) return DatabaseSettings.Sqlite(path);
        problem = $"no database found at {DefaultSqlitePath}: start Chronicle once, or give --sqlite PATH or --postgres CONNECTION";
        return null;
    }
}
