using Chronicle.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Chronicle.Cli.Synthetic;

/// <summary>
/// Writes rows straight to their tables, many at a time: prepared inserts in batched transactions on SQLite, COPY in
/// binary on PostgreSQL. Each table's columns and how a value is stored come from <see cref="ChronicleDb"/>'s model,
/// so the rows are exactly what EF Core would write, without its change tracking (which costs more than the write at
/// millions of rows). Rows are written in transactions of the caller's choosing.
/// </summary>
internal abstract class BulkWriter : IAsyncDisposable
{
    private readonly Dictionary<Type, Table> _tables = [];

    protected BulkWriter(ChronicleDb db) => Db = db;

    protected ChronicleDb Db { get; }

    public static async Task<BulkWriter> OpenAsync(DatabaseSettings settings, CancellationToken ct)
    {
        var db = new ChronicleDb(settings.Options());
        if (settings.UsesPostgres)
        {
            var connection = new NpgsqlConnection(settings.PostgresConnectionString);
            await connection.OpenAsync(ct);
            return new PostgresWriter(db, connection);
        }
        var sqlite = new SqliteConnection(db.Database.GetConnectionString());
        await sqlite.OpenAsync(ct);
        // A database being generated is of no use half-written, so it need not survive a crash on the way.
        await using (var pragma = sqlite.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = OFF";
            await pragma.ExecuteNonQueryAsync(ct);
        }
        return new SqliteWriter(db, sqlite);
    }

    public abstract Task BeginAsync(CancellationToken ct);

    public abstract Task WriteAsync<T>(IEnumerable<T> rows, CancellationToken ct) where T : class;

    public abstract Task CommitAsync(CancellationToken ct);

    public virtual async ValueTask DisposeAsync() => await Db.DisposeAsync();

    protected Table TableOf<T>()
    {
        if (_tables.TryGetValue(typeof(T), out var table)) return table;
        var entity = Db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped to a table");
        var columns = entity.GetProperties().Select(property =>
        {
            if (property.IsShadowProperty()) throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} is a shadow property: a bulk write cannot read it");
            var getter = property.GetGetter();
            var mapping = property.GetRelationalTypeMapping();
            return new Column(property.GetColumnName(), mapping, row => getter.GetClrValueUsingContainingEntity(row) is { } value
                ? mapping.Converter?.ConvertToProvider(value) ?? value
                : null);
        }).ToArray();
        return _tables[typeof(T)] = new Table(entity.GetTableName()!, columns);
    }

    protected sealed record Column(string Name, RelationalTypeMapping Mapping, Func<object, object?> Read);

    protected sealed record Table(string Name, Column[] Columns)
    {
        public string ColumnList => string.Join(", ", Columns.Select(c => c.Name));
    }

    private sealed class SqliteWriter(ChronicleDb db, SqliteConnection connection) : BulkWriter(db)
    {
        private readonly Dictionary<Type, SqliteCommand> _inserts = [];
        private SqliteTransaction? _transaction;

        public override async Task BeginAsync(CancellationToken ct)
        {
            _transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            // Rows refer to each other (a manager, a corrected entry) in any order; the keys are checked at commit.
            await using var pragma = connection.CreateCommand();
            pragma.Transaction = _transaction;
            pragma.CommandText = "PRAGMA defer_foreign_keys = ON";
            await pragma.ExecuteNonQueryAsync(ct);
        }

        public override async Task WriteAsync<T>(IEnumerable<T> rows, CancellationToken ct)
        {
            var table = TableOf<T>();
            if (!_inserts.TryGetValue(typeof(T), out var insert))
            {
                insert = connection.CreateCommand();
                insert.CommandText = $"INSERT INTO {table.Name} ({table.ColumnList}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"$p{i}"))})";
                for (var i = 0; i < table.Columns.Length; i++)
                    insert.Parameters.Add(table.Columns[i].Mapping.CreateParameter(insert, $"$p{i}", null, nullable: true));
                _inserts[typeof(T)] = insert;
            }
            insert.Transaction = _transaction;
            foreach (var row in rows)
            {
                for (var i = 0; i < table.Columns.Length; i++)
                    insert.Parameters[i].Value = table.Columns[i].Read(row) ?? DBNull.Value;
                await insert.ExecuteNonQueryAsync(ct);
            }
        }

        public override async Task CommitAsync(CancellationToken ct)
        {
            await _transaction!.CommitAsync(ct);
            await _transaction.DisposeAsync();
            _transaction = null;
        }

        public override async ValueTask DisposeAsync()
        {
            foreach (var insert in _inserts.Values) await insert.DisposeAsync();
            if (_transaction is not null) await _transaction.DisposeAsync();
            await connection.DisposeAsync();
            SqliteConnection.ClearPool(connection);
            await base.DisposeAsync();
        }
    }

    private sealed class PostgresWriter(ChronicleDb db, NpgsqlConnection connection) : BulkWriter(db)
    {
        private NpgsqlTransaction? _transaction;

        public override async Task BeginAsync(CancellationToken ct) => _transaction = await connection.BeginTransactionAsync(ct);

        public override async Task WriteAsync<T>(IEnumerable<T> rows, CancellationToken ct)
        {
            var table = TableOf<T>();
            await using var import = await connection.BeginBinaryImportAsync($"COPY {table.Name} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var row in rows)
            {
                await import.StartRowAsync(ct);
                foreach (var column in table.Columns)
                {
                    if (column.Read(row) is { } value) await import.WriteAsync(value, column.Mapping.StoreType, ct);
                    else await import.WriteNullAsync(ct);
                }
            }
            await import.CompleteAsync(ct);
        }

        public override async Task CommitAsync(CancellationToken ct)
        {
            await _transaction!.CommitAsync(ct);
            await _transaction.DisposeAsync();
            _transaction = null;
        }

        public override async ValueTask DisposeAsync()
        {
            if (_transaction is not null) await _transaction.DisposeAsync();
            await connection.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
