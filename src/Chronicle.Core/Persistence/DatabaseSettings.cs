using Chronicle.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Persistence;

/// <summary>
/// Which database Chronicle uses: PostgreSQL when a connection string for it is configured, otherwise an embedded
/// SQLite file in the data folder, created on first run.
/// </summary>
public sealed record DatabaseSettings(string? PostgresConnectionString, string SqlitePath)
{
    /// <summary>
    /// Where the audit chain's key and checkpoints live, outside the database. Unless set, a key of this process only
    /// (a scratch database that is never verified later); the application and the command line always set it.
    /// </summary>
    public AuditChainSettings Audit { get; init; } = AuditChainSettings.Ephemeral();

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(PostgresConnectionString);

    public static DatabaseSettings Sqlite(string path) => new(null, path);

    public static DatabaseSettings Postgres(string connectionString) => new(connectionString, "");

    public string Describe() => UsesPostgres ? "PostgreSQL" : $"SQLite ({SqlitePath})";

    public void Configure(DbContextOptionsBuilder options)
    {
        if (UsesPostgres)
        {
            options.UseNpgsql(PostgresConnectionString);
        }
        else
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(SqlitePath));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            options.UseSqlite($"Data Source={SqlitePath};Foreign Keys=True;Pooling=True");
        }
        // The blocking keys are staged first, so they are written in the same save as the changes they follow.
        options.AddInterceptors(Identity.BlockingKeys.Instance, Audit.Chain);
    }

    public DbContextOptions<ChronicleDb> Options()
    {
        var builder = new DbContextOptionsBuilder<ChronicleDb>();
        Configure(builder);
        return builder.Options;
    }
}
