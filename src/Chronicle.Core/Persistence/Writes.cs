using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Chronicle.Core.Persistence;

/// <summary>
/// A write that lost to another: the record changed since the writer saw it (someone closed the alert, corrected the
/// entry, recorded the meeting first). The message says what changed, in words for the user; the API answers 409 and a
/// page shows it. Nothing of the losing write is kept.
/// </summary>
public sealed class WriteConflictException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>How a write keeps to one transaction, and how a lost race is recognised.</summary>
public static class Writes
{
    /// <summary>
    /// Runs <paramref name="work"/> in the transaction already open on <paramref name="db"/> (the API's write), or in
    /// one of its own that commits only when the outcome succeeded; then the observers' work it left is done.
    /// </summary>
    public static async Task<Validation.Outcome<T>> InTransactionAsync<T>(
        ChronicleDb db, Chronology.ChronologyService chronology, Func<Task<Validation.Outcome<T>>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null) return await work();
        Validation.Outcome<T> outcome;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                outcome = await work();
            }
            catch (Exception e)
            {
                await tx.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                Chronology.ObserverWork.Forget(db);
                if (e is DbUpdateException update && Conflict(update) is { } conflict) throw conflict;
                throw;
            }
            if (outcome.Succeeded) await tx.CommitAsync(ct);
            else await tx.RollbackAsync(ct);
        }
        db.ChangeTracker.Clear();
        await chronology.RunWrittenWorkAsync(ct);
        return outcome;
    }

    /// <summary>The conflict a failed save means, if it lost a race: a changed row or a unique constraint another write took first.</summary>
    public static WriteConflictException? Conflict(DbUpdateException e) => e switch
    {
        DbUpdateConcurrencyException => new WriteConflictException("Someone else changed this while you were working on it: nothing you sent was saved. Look at it again and decide what to do.", e),
        _ when IsUniqueViolation(e) => new WriteConflictException("Someone else recorded this first: nothing you sent was saved. Look at it again and decide what to do.", e),
        _ => null,
    };

    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
