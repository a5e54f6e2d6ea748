using Chronicle.Core.Audit;
using Chronicle.Core.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Chronicle.Testing;

public enum Provider { Sqlite, Postgres }

/// <summary>
/// A new, empty, migrated database for one test: a SQLite file in a temporary folder, or a fresh database on the
/// shared throwaway PostgreSQL server, with its audit key and checkpoint file in a temporary folder (as the
/// application keeps them beside its data folder). Dispose it to delete them all.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string? _postgresName;
    private readonly string? _adminConnection;

    private TestDatabase(DatabaseSettings settings, string folder, string? postgresName, string? adminConnection)
    {
        Settings = settings;
        _folder = folder;
        _postgresName = postgresName;
        _adminConnection = adminConnection;
    }

    public DatabaseSettings Settings { get; }
    public Provider Provider => Settings.UsesPostgres ? Provider.Postgres : Provider.Sqlite;

    public static async Task<TestDatabase> CreateAsync(Provider provider)
    {
        TestDatabase database;
        var folder = Directory.CreateTempSubdirectory("chronicle-test-").FullName;
        var audit = AuditChainSettings.InFolder(folder, createKey: true);
        if (provider == Provider.Sqlite)
        {
            database = new TestDatabase(DatabaseSettings.Sqlite(Path.Combine(folder, "chronicle.db")) with { Audit = audit }, folder, null, null);
        }
        else
        {
            var server = await PostgresServer.SharedAsync();
            var name = "t_" + Guid.NewGuid().ToString("N");
            await using (var admin = new NpgsqlConnection(server.AdminConnectionString))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
                await create.ExecuteNonQueryAsync();
            }
            var connection = new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = name }.ConnectionString;
            database = new TestDatabase(DatabaseSettings.Postgres(connection) with { Audit = audit }, folder, name, server.AdminConnectionString);
        }
        await using var db = database.Open();
        await SchemaMigrator.MigrateAsync(db);
        return database;
    }

    public ChronicleDb Open() => new(Settings.Options());

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is null)
        {
            SqliteConnection.ClearAllPools();
        }
        else
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_adminConnection);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        // An application host stopping may still be writing its last audit checkpoint here: try again briefly.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 10)
            {
                await Task.Delay(200);
            }
        }
    }
}
