using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using SQLitePCL;

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
    private readonly Dictionary<Type, RawInsert> _statements = [];

    public async Task WriteAsync<T>(IEnumerable<T> rows, CancellationToken ct = default) where T : class
    {
        if (rows is IReadOnlyCollection<T> { Count: 0 }) return;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Rows are added in bulk only inside a transaction");
        var table = TableOf<T>();
        switch (transaction.Connection)
        {
            case SqliteConnection sqlite when table.Raw:
                if (!_statements.TryGetValue(typeof(T), out var statement)) _statements[typeof(T)] = statement = new RawInsert(sqlite.Handle!, table);
                foreach (var row in rows) statement.Write(row);
                break;
            case SqliteConnection sqlite:
                if (!_inserts.TryGetValue(typeof(T), out var insert))
                {
                    insert = sqlite.CreateCommand();
                    insert.CommandText = table.Insert;
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
        foreach (var statement in _statements.Values) statement.Dispose();
        _statements.Clear();
    }

    private Table TableOf<T>()
    {
        if (_tables.TryGetValue(typeof(T), out var table)) return table;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped to a table");
        using var probe = db.IsSqlite ? new SqliteCommand() : null;
        var columns = entity.GetProperties().Select(property =>
        {
            if (property.IsShadowProperty()) throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} is a shadow property: a bulk insert cannot read it");
            var getter = property.GetGetter();
            var mapping = property.GetRelationalTypeMapping();
            var provider = Nullable.GetUnderlyingType(mapping.Converter?.ProviderClrType ?? mapping.ClrType) ?? mapping.Converter?.ProviderClrType ?? mapping.ClrType;
            // The SQLite type a parameter of this mapping is given (Microsoft.Data.Sqlite writes a Guid, a date or a time by it).
            var sqliteType = probe is null ? SqliteType.Text : ((SqliteParameter)mapping.CreateParameter(probe, "p", null, nullable: true)).SqliteType;
            return new Column(mapping, row => getter.GetClrValueUsingContainingEntity(row) is { } value ? mapping.Converter?.ConvertToProvider(value) ?? value : null, property.GetColumnName(),
                provider.IsEnum ? Enum.GetUnderlyingType(provider) : provider, sqliteType);
        }).ToArray();
        return _tables[typeof(T)] = new Table(entity.GetTableName()!, columns);
    }

    private sealed record Column(RelationalTypeMapping Mapping, Func<object, object?> Read, string Name, Type Stored, SqliteType SqliteType);

    private sealed record Table(string Name, Column[] Columns)
    {
        public string ColumnList => string.Join(", ", Columns.Select(c => c.Name));

        public string Insert => $"INSERT INTO {Name} ({ColumnList}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"$p{i}"))})";

        /// <summary>Every column is of a type <see cref="RawInsert"/> writes as Microsoft.Data.Sqlite would, and none has a size that would cut its values short.</summary>
        public bool Raw => Columns.All(c => c.Mapping.Size is null && RawInsert.Writes(c.Stored));
    }

    /// <summary>
    /// One prepared insert on SQLite's own statement, each value bound by its position and written as UTF-8 without
    /// a string in between: Microsoft.Data.Sqlite binds every value by its parameter's name and makes a string of each
    /// Guid and date first, which at hundreds of thousands of rows costs more than SQLite's insert. Values are stored
    /// exactly as Microsoft.Data.Sqlite stores them (a Guid in capitals, a date and time as yyyy-MM-dd HH:mm:ss.FFFFFFFzzz).
    /// </summary>
    private sealed class RawInsert : IDisposable
    {
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _statement;
        private readonly Column[] _columns;
        private byte[] _text = new byte[256];

        public RawInsert(sqlite3 db, Table table)
        {
            _db = db;
            _columns = table.Columns;
            var rc = raw.sqlite3_prepare_v2(db, table.Insert, out _statement);
            if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
        }

        public static bool Writes(Type type) =>
            type == typeof(string) || type == typeof(Guid) || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(DateOnly) || type == typeof(bool)
            || type == typeof(byte) || type == typeof(sbyte) || type == typeof(short) || type == typeof(ushort) || type == typeof(int) || type == typeof(uint) || type == typeof(long)
            || type == typeof(double) || type == typeof(float);

        public void Write(object row)
        {
            for (var i = 0; i < _columns.Length; i++)
            {
                var rc = Bind(i + 1, _columns[i].Read(row), _columns[i].SqliteType);
                if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
            }
            var step = raw.sqlite3_step(_statement);
            raw.sqlite3_reset(_statement);
            if (step != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(step, _db);
        }

        private int Bind(int index, object? value, SqliteType type)
        {
            switch (value)
            {
                case null:
                    return raw.sqlite3_bind_null(_statement, index);
                case string text:
                    var length = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
                    if (_text.Length < length) _text = new byte[Math.Max(length, _text.Length * 2)];
                    return raw.sqlite3_bind_text(_statement, index, _text.AsSpan(0, System.Text.Encoding.UTF8.GetBytes(text, _text)));
                case Guid guid when type != SqliteType.Blob:
                    {
                        Span<byte> utf8 = stackalloc byte[36];
                        guid.TryFormat(utf8, out _);
                        for (var i = 0; i < utf8.Length; i++)
                            if (utf8[i] is >= (byte)'a' and <= (byte)'f') utf8[i] -= 'a' - 'A';
                        return raw.sqlite3_bind_text(_statement, index, utf8);
                    }
                case Guid guid:
                    return raw.sqlite3_bind_blob(_statement, index, guid.ToByteArray());
                case DateTimeOffset at when type != SqliteType.Real:
                    {
                        Span<byte> utf8 = stackalloc byte[64];
                        at.TryFormat(utf8, out var written, @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
                        return raw.sqlite3_bind_text(_statement, index, utf8[..written]);
                    }
                case DateTime at when type != SqliteType.Real:
                    {
                        Span<byte> utf8 = stackalloc byte[64];
                        at.TryFormat(utf8, out var written, @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture);
                        return raw.sqlite3_bind_text(_statement, index, utf8[..written]);
                    }
                case DateOnly day when type != SqliteType.Real:
                    {
                        Span<byte> utf8 = stackalloc byte[32];
                        day.TryFormat(utf8, out var written, @"yyyy\-MM\-dd", CultureInfo.InvariantCulture);
                        return raw.sqlite3_bind_text(_statement, index, utf8[..written]);
                    }
                case bool flag: return raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0);
                case long number: return raw.sqlite3_bind_int64(_statement, index, number);
                case int number: return raw.sqlite3_bind_int64(_statement, index, number);
                case short number: return raw.sqlite3_bind_int64(_statement, index, number);
                case byte number: return raw.sqlite3_bind_int64(_statement, index, number);
                case sbyte number: return raw.sqlite3_bind_int64(_statement, index, number);
                case ushort number: return raw.sqlite3_bind_int64(_statement, index, number);
                case uint number: return raw.sqlite3_bind_int64(_statement, index, number);
                case double number when !double.IsNaN(number): return raw.sqlite3_bind_double(_statement, index, number);
                case float number when !float.IsNaN(number): return raw.sqlite3_bind_double(_statement, index, number);
                case Enum member: return raw.sqlite3_bind_int64(_statement, index, Convert.ToInt64(member, CultureInfo.InvariantCulture));
                default: throw new InvalidOperationException($"A bulk insert cannot store this {value.GetType().Name}");
            }
        }

        public void Dispose() => _statement.Dispose();
    }
}
