using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Persistence;

/// <summary>
/// The statistics a database's query planner chooses its plans by. Without them SQLite guesses, and guesses that an
/// index on a partnership narrows as well as a primary key: a child's chronology, asked for as "entries of the
/// partnership whose id is among those about the child", was read by walking every entry of the partnership (0.4 s
/// at 100,000 entries) instead of looking up the child's (5 ms). SQLite keeps statistics only when asked (ANALYZE);
/// PostgreSQL keeps its own as tables change (autovacuum), and is asked only after a bulk load.
/// </summary>
public static class DatabaseStatistics
{
    /// <summary>
    /// SQLite: <c>PRAGMA optimize</c> over every table, which analyzes (a sample of rows, a few milliseconds a table)
    /// those never analyzed or whose size has changed much since. PostgreSQL: <c>ANALYZE</c>.
    /// </summary>
    public static async Task RefreshAsync(ChronicleDb db, CancellationToken ct = default) =>
        await db.Database.ExecuteSqlRawAsync(db.IsSqlite ? "PRAGMA optimize = 0x10002" : "ANALYZE", ct);
}
