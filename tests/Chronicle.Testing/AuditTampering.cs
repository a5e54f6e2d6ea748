using Chronicle.Core.Audit;
using Chronicle.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Testing;

/// <summary>
/// What someone with full rights on the database, but not the audit key, can do to it: take away the append-only
/// triggers, run any SQL, and recompute the chain with plain SHA-256 as the unkeyed chain allowed.
/// </summary>
public static class AuditTampering
{
    public static async Task DropGuardsAsync(ChronicleDb db)
    {
        if (db.IsSqlite)
        {
            foreach (var trigger in new[] { "audit_entries_no_update", "audit_entries_no_delete", "audit_head_no_delete", "entries_no_update", "entries_no_delete", "entry_subjects_no_update", "entry_subjects_no_delete" })
            {
                var sql = "DROP TRIGGER IF EXISTS " + trigger;
                await db.Database.ExecuteSqlRawAsync(sql);
            }
        }
        else
        {
            foreach (var table in new[] { "audit_entries", "entries", "entry_subjects" })
            {
                var sql = $"ALTER TABLE {table} DISABLE TRIGGER USER";
                await db.Database.ExecuteSqlRawAsync(sql);
            }
        }
    }

    /// <summary>Takes away the triggers, then runs each statement.</summary>
    public static async Task RunAsync(TestDatabase database, params string[] statements)
    {
        await using var db = database.Open();
        await db.Database.OpenConnectionAsync(); // one connection throughout, for temporary tables
        await DropGuardsAsync(db);
        foreach (var sql in statements) await db.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>Optionally edits a row, then recomputes every link's hash (up to a row, else all and the head) with plain SHA-256.</summary>
    public static async Task RehashWithoutKeyAsync(TestDatabase database, Action<AuditEntry>? edit = null, long? upTo = null)
    {
        await using var db = database.Open();
        await DropGuardsAsync(db);
        var rows = await db.AuditEntries.AsNoTracking().Where(a => upTo == null || a.Sequence <= upTo).OrderBy(a => a.Sequence).ToListAsync();
        var previous = AuditLog.Genesis;
        foreach (var row in rows)
        {
            edit?.Invoke(row);
            row.PreviousHash = previous;
            row.Hash = AuditLog.UnkeyedHashOf(row);
            previous = row.Hash;
            await db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET target = {row.Target}, detail = {row.Detail}, previous_hash = {row.PreviousHash}, hash = {row.Hash} WHERE sequence = {row.Sequence}");
        }
        if (upTo is null) await db.Database.ExecuteSqlAsync($"UPDATE audit_head SET hash = {previous} WHERE id = 1");
    }

    /// <summary>An id as a SQL literal, as each database stores it (SQLite: upper-case text).</summary>
    public static string SqlId(TestDatabase database, Guid id) =>
        database.Provider == Provider.Sqlite ? $"'{id.ToString().ToUpperInvariant()}'" : $"'{id}'";

    /// <summary>A copy of an existing entry under a new id, with other words, inserted straight into the tables (for <see cref="RunAsync"/>).</summary>
    public static string[] ForgeEntry(TestDatabase database, Guid copyOf, Guid forged, Guid subject) =>
    [
        $"CREATE TEMPORARY TABLE forged AS SELECT * FROM entries WHERE id = {SqlId(database, copyOf)}",
        $"UPDATE forged SET id = {SqlId(database, forged)}, narrative = 'It was nothing'",
        "INSERT INTO entries SELECT * FROM forged",
        $"INSERT INTO entry_subjects (entry_id, person_id) VALUES ({SqlId(database, forged)}, {SqlId(database, subject)})",
        "DROP TABLE forged",
    ];
}
