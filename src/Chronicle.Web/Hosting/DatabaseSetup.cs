using Chronicle.Core.Audit;
using Chronicle.Core.Persistence;

namespace Chronicle.Web.Hosting;

/// <summary>
/// Which database the app uses: PostgreSQL when ConnectionStrings:Postgres is set, else a SQLite file; and where the
/// audit chain's key and checkpoints live, outside it: Chronicle:Audit:KeyFile (or the CHRONICLE_AUDIT_KEY environment
/// variable) and Chronicle:Audit:CheckpointFile, by default beside the data folder (docs/security.md).
/// </summary>
public static class DatabaseSetup
{
    public const string DefaultSqlitePath = "data/chronicle.db";

    public static DatabaseSettings Settings(IConfiguration configuration, IHostEnvironment environment)
    {
        var postgres = configuration.GetConnectionString("Postgres");
        var root = environment.ContentRootPath;
        var path = configuration["Chronicle:SqlitePath"] is { Length: > 0 } configured ? configured : DefaultSqlitePath;
        var settings = !string.IsNullOrWhiteSpace(postgres) ? DatabaseSettings.Postgres(postgres) : DatabaseSettings.Sqlite(Path.GetFullPath(path, root));
        var beside = AuditChainSettings.BesideDataFolder(settings.UsesPostgres
            ? Path.GetFullPath(Path.GetDirectoryName(DefaultSqlitePath)!, root)
            : Path.GetDirectoryName(settings.SqlitePath)!);
        return settings with
        {
            Audit = new AuditChainSettings(
                Path.GetFullPath(configuration["Chronicle:Audit:KeyFile"] is { Length: > 0 } key ? key : Path.Combine(beside, AuditChainSettings.KeyFileName), root),
                Path.GetFullPath(configuration["Chronicle:Audit:CheckpointFile"] is { Length: > 0 } file ? file : Path.Combine(beside, AuditChainSettings.CheckpointFileName), root),
                createKey: true,
                int.TryParse(configuration["Chronicle:Audit:CheckpointEvery"], out var every) && every > 0 ? every : AuditChainSettings.DefaultCheckpointEvery),
        };
    }
}
