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
    /// SQLite: <c>PRAGMA optimize</c> over every table (0x10000), which analyzes (0x2) those never analyzed or whose
    /// size has changed much since, each on a sample of its rows (0x10: SQLite's own limit, so a table of millions
    /// is not read whole while the write lock is held). PostgreSQL: <c>ANALYZE</c>.
    /// </summary>
    public static async Task RefreshAsync(ChronicleDb db, CancellationToken ct = default) =>
        await db.Database.ExecuteSqlRawAsync(db.IsSqlite ? "PRAGMA optimize = 0x10012" : "ANALYZE", ct);
}
