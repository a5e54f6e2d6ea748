using Chronicle.Core.Persistence;

namespace Chronicle.Web.Hosting;

/// <summary>Which database the app uses: PostgreSQL when ConnectionStrings:Postgres is set, else a SQLite file.</summary>
public static class DatabaseSetup
{
    public const string DefaultSqlitePath = "data/chronicle.db";

    public static DatabaseSettings Settings(IConfiguration configuration, IHostEnvironment environment)
    {
        var postgres = configuration.GetConnectionString("Postgres");
        if (!string.IsNullOrWhiteSpace(postgres)) return DatabaseSettings.Postgres(postgres);
        var path = configuration["Chronicle:SqlitePath"] is { Length: > 0 } configured ? configured : DefaultSqlitePath;
        return DatabaseSettings.Sqlite(Path.GetFullPath(path, environment.ContentRootPath));
    }
}
