using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Persistence;

/// <summary>
/// Applies the versioned schema scripts (Schema/{sqlite,postgres}/NNNN_name.sql) that the database has not seen,
/// each in its own transaction, recording them in schema_versions. Both dialects share one numbered history.
/// </summary>
public static class SchemaMigrator
{
    public sealed record Script(int Version, string Name, string Sql);

    public static IReadOnlyList<Script> Scripts(string dialect)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var prefix = $"schema/{dialect}/";
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[prefix.Length..^4];
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return new Script(int.Parse(file[..4], System.Globalization.CultureInfo.InvariantCulture), file[5..], reader.ReadToEnd());
            })
            .OrderBy(s => s.Version)];
    }

    /// <summary>Brings the database up to the newest schema; returns the versions applied.</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(ChronicleDb db, CancellationToken ct = default)
    {
        var dialect = db.IsSqlite ? "sqlite" : "postgres";
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            // SQLite keeps its journal as a write-ahead log (a setting of the file, kept once made): a commit is one
            // flush to disk instead of the rollback journal's several, as durable, and a page read while another
            // request writes is not kept waiting.
            if (db.IsSqlite) await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL", ct);
            await ExecuteAsync(connection, null, db.IsSqlite
                ? "CREATE TABLE IF NOT EXISTS schema_versions (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
                : "CREATE TABLE IF NOT EXISTS schema_versions (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)", ct);
            var applied = new HashSet<int>();
            await using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = "SELECT version FROM schema_versions";
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) applied.Add(reader.GetInt32(0));
            }
            var done = new List<int>();
            foreach (var script in Scripts(dialect).Where(s => !applied.Contains(s.Version)))
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                await ExecuteAsync(connection, tx, script.Sql, ct);
                await using (var record = connection.CreateCommand())
                {
                    record.Transaction = tx;
                    record.CommandText = db.IsSqlite
                        ? "INSERT INTO schema_versions (version, name, applied_at) VALUES ($v, $n, datetime('now'))"
                        : "INSERT INTO schema_versions (version, name, applied_at) VALUES (@v, @n, now())";
                    AddParameter(record, db.IsSqlite ? "$v" : "@v", script.Version);
                    AddParameter(record, db.IsSqlite ? "$n" : "@n", script.Name);
                    await record.ExecuteNonQueryAsync(ct);
                }
                await AfterScriptAsync(db, tx, script.Version, ct);
                await tx.CommitAsync(ct);
                done.Add(script.Version);
            }
            return done;
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }

    /// <summary>
    /// The scripts after which everyone's blocking keys are written, in the script's transaction: 0013, which made the
    /// table. A change to the blocking rules (Identity/Blocking) comes with a script that empties person_blocking_keys
    /// and is listed here, so every database rewrites its keys once, exactly; BlockingKeysTests holds the rules'
    /// fingerprint so that no change to them goes without one.
    /// </summary>
    internal static readonly IReadOnlySet<int> WritesBlockingKeys = new HashSet<int> { 13 };

    /// <summary>
    /// What a script needs done in code, in its transaction: writing the blocking keys of the people already on record;
    /// 0023, the open contacts of the record already held (0018 made the table; 0023 adds those waiting for allocation), and
    /// 0025 again (a merged person's contacts the survivor's); 0020, every child each action already held is about.
    /// </summary>
    private static async Task AfterScriptAsync(ChronicleDb db, DbTransaction tx, int version, CancellationToken ct)
    {
        if (!WritesBlockingKeys.Contains(version) && version != 16 && version != 20 && version != 23 && version != 25) return;
        await db.Database.UseTransactionAsync(tx, ct);
        try
        {
            if (version == 16) await PasswordsSetByAdministratorsAsync(db, ct);
            // 0018's open contacts are written with 0023's, once the table has every column the model maps.
            else if (version is 23 or 25) await Chronology.OpenContacts.BackfillAsync(db, ct);
            else if (version == 20) await Actions.ActionTracker.BackfillChildrenAsync(db, ct);
            else await Identity.BlockingKeys.BackfillAsync(db, ct);
        }
        finally
        {
            await db.Database.UseTransactionAsync(null, ct);
        }
    }

    /// <summary>
    /// 0016: the accounts whose password an administrator set before the column existed, from the audit's record of each
    /// such change ("account ID: password set by an administrator"), so none of them reads as set by its holder.
    /// </summary>
    private static async Task PasswordsSetByAdministratorsAsync(ChronicleDb db, CancellationToken ct)
    {
        var changes = await db.AuditEntries.AsNoTracking().Where(a => a.Detail != null && a.Detail.Contains(": password set by an administrator"))
            .Select(a => new { a.Detail, a.At }).ToListAsync(ct);
        foreach (var change in changes)
        {
            var detail = change.Detail!;
            if (!detail.StartsWith("account ", StringComparison.Ordinal) || !Guid.TryParse(detail.AsSpan(8, Math.Min(36, detail.Length - 8)), out var id)) continue;
            // Only this column is read or written: the account's other columns may be a later script's.
            var at = change.At;
            await db.UserAccounts.Where(u => u.Id == id && (u.PasswordSetByAdministratorAt == null || u.PasswordSetByAdministratorAt < at))
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordSetByAdministratorAt, at), ct);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static void AddParameter(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
