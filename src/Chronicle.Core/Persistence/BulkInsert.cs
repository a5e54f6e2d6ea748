using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Chronicle.Core.Persistence;

/// <summary>
/// Adds new rows straight to their tables in the context's transaction, many at a time: one prepared insert a table
/// on SQLite, binary COPY on PostgreSQL. Each table's columns and how a value is stored come from
/// <see cref="ChronicleDb"/>'s model, so the rows are exactly what EF Core would write, without its change tracking
/// (which costs more than the write at hundreds of thousands of rows). No save runs, so no save interceptor does
/// either: a caller adding people or their facts writes their blocking keys too (<c>BlockingKeys</c>). Rows are
/// written in the order given; a table's rows that others refer to go first (or, on SQLite, the caller defers the
/// foreign keys to the commit: <see cref="DeferForeignKeysAsync"/>). Linking a list and `chronicle synth` write with it.
/// </summary>
public sealed class BulkInsert(ChronicleDb db) : IAsyncDisposable
{
    private readonly Dictionary<Type, Table> _tables = [];
    private readonly Dictionary<Type, SqliteCommand> _inserts = [];

    public async Task WriteAsync<T>(IEnumerable<T> rows, CancellationToken ct = default) where T : class
    {
        if (rows is IReadOnlyCollection<T> { Count: 0 }) return;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Rows are added in bulk only inside a transaction");
        var table = TableOf<T>();
        switch (transaction.Connection)
        {
            case SqliteConnection sqlite:
                if (!_inserts.TryGetValue(typeof(T), out var insert))
                {
                    insert = sqlite.CreateCommand();
                    insert.CommandText = $"INSERT INTO {table.Name} ({table.ColumnList}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"$p{i}"))})";
                    for (var i = 0; i < table.Columns.Length; i++)
                        insert.Parameters.Add(table.Columns[i].Mapping.CreateParameter(insert, $"$p{i}", null, nullable: true));
                    _inserts[typeof(T)] = insert;
                }
                insert.Transaction = (SqliteTransaction)transaction;
                foreach (var row in rows)
                {
                    for (var i = 0; i < table.Columns.Length; i++)
                        insert.Parameters[i].Value = table.Columns[i].Read(row) ?? DBNull.Value;
                    await insert.ExecuteNonQueryAsync(ct);
                }
                break;
            case NpgsqlConnection postgres:
                await using (var import = await postgres.BeginBinaryImportAsync($"COPY {table.Name} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", ct))
                {
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
                break;
            default:
                throw new NotSupportedException($"No bulk insert for {transaction.Connection?.GetType().Name}");
        }
    }

    /// <summary>
    /// On SQLite, checks the current transaction's foreign keys at its commit rather than at each row, for rows that
    /// refer to each other in any order (a manager, a corrected entry). PostgreSQL is left as it is.
    /// </summary>
    public async Task DeferForeignKeysAsync(CancellationToken ct = default)
    {
        if (db.IsSqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA defer_foreign_keys = ON", ct);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var insert in _inserts.Values) await insert.DisposeAsync();
        _inserts.Clear();
    }

    private Table TableOf<T>()
    {
        if (_tables.TryGetValue(typeof(T), out var table)) return table;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped to a table");
        var columns = entity.GetProperties().Select(property =>
        {
            if (property.IsShadowProperty()) throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} is a shadow property: a bulk insert cannot read it");
            var getter = property.GetGetter();
            var mapping = property.GetRelationalTypeMapping();
            return new Column(mapping, row => getter.GetClrValueUsingContainingEntity(row) is { } value ? mapping.Converter?.ConvertToProvider(value) ?? value : null, property.GetColumnName());
        }).ToArray();
        return _tables[typeof(T)] = new Table(entity.GetTableName()!, columns);
    }

    private sealed record Column(RelationalTypeMapping Mapping, Func<object, object?> Read, string Name);

    private sealed record Table(string Name, Column[] Columns)
    {
        public string ColumnList => string.Join(", ", Columns.Select(c => c.Name));
    }
}
