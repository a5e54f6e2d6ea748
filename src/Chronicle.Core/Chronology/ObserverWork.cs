using System.Runtime.CompilerServices;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chronicle.Core.Chronology;

/// <summary>
/// What one observer still has to do for one entry (evaluate the safeguards, share it, track its actions). Written in
/// the entry's own transaction, so a committed entry always has its work; claimed, done and marked done in one
/// transaction of its own after the commit, so work interrupted by a crash is done again, whole, on restart.
/// </summary>
public sealed class ObserverWorkItem
{
    public Guid Id { get; set; }
    public Guid EntryId { get; set; }
    public required string Work { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }
    public string? ClaimToken { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    /// <summary>The kind of failure of the last attempt (never its message, which may hold personal data).</summary>
    public string? LastError { get; set; }
}

internal sealed class ObserverWorkItemConfiguration : IEntityTypeConfiguration<ObserverWorkItem>
{
    public void Configure(EntityTypeBuilder<ObserverWorkItem> b)
    {
        b.ToTable("observer_work");
        b.HasOne<ChronologyEntry>().WithMany().HasForeignKey(x => x.EntryId);
    }
}

/// <summary>
/// Does the observers' work that writes leave in observer_work: straight after the write commits (the items the
/// write itself made, in the order written) and, for anything a crash or a failure left behind, in a sweep.
/// </summary>
public static class ObserverWork
{
    /// <summary>
    /// How long a claim holds before another worker may take the item over: long enough for an observer's run, short
    /// enough that work a crashed process had claimed is soon done by the next one.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private static readonly ConditionalWeakTable<ChronicleDb, List<Guid>> Pending = new();

    /// <summary>Remembers items written on this context, for whoever commits its transaction to run.</summary>
    internal static void Written(ChronicleDb db, IEnumerable<Guid> items) => Pending.GetOrCreateValue(db).AddRange(items);

    /// <summary>Forgets the items written on this context (their transaction rolled back).</summary>
    public static void Forget(ChronicleDb db) => Pending.Remove(db);

    /// <summary>Runs the items written on this context since its last commit, and those that their work writes in turn.</summary>
    public static async Task RunWrittenAsync(ChronicleDb db, IEnumerable<IChronologyObserver> observers, TimeProvider clock, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null) return;
        var list = observers.ToList();
        while (Pending.TryGetValue(db, out var items) && items.Count > 0)
        {
            var next = items[0];
            items.RemoveAt(0);
            await RunAsync(db, list, clock, next, ct);
        }
    }

    private static int PendingCount(ChronicleDb db) => Pending.TryGetValue(db, out var items) ? items.Count : 0;

    /// <summary>Forgets the items written after the first <paramref name="keep"/>: their transaction rolled back.</summary>
    private static void ForgetAfter(ChronicleDb db, int keep)
    {
        if (Pending.TryGetValue(db, out var items) && items.Count > keep) items.RemoveRange(keep, items.Count - keep);
    }

    /// <summary>
    /// Runs what was left behind: unfinished items older than <paramref name="grace"/> (a request runs its own first)
    /// whose claim, if any, has run out. Answers how many were done.
    /// </summary>
    public static async Task<int> SweepAsync(ChronicleDb db, IEnumerable<IChronologyObserver> observers, TimeProvider clock, TimeSpan grace, int batch, CancellationToken ct)
    {
        var list = observers.ToList();
        var now = clock.GetUtcNow();
        var before = now - grace;
        var left = await db.Set<ObserverWorkItem>().AsNoTracking()
            .Where(w => w.DoneAt == null && w.CreatedAt <= before && (w.LeaseUntil == null || w.LeaseUntil < now))
            .OrderBy(w => w.CreatedAt).Take(batch)
            .Select(w => new { w.Id, w.EntryId, w.Work, w.CreatedAt }).ToListAsync(ct);
        var done = 0;
        // An entry's work in the order its observers are registered, as when it was written.
        foreach (var item in left.OrderBy(w => w.CreatedAt).ThenBy(w => w.EntryId).ThenBy(w => list.FindIndex(o => o.Work == w.Work)))
        {
            if (await RunAsync(db, list, clock, item.Id, ct)) done++;
            await RunWrittenAsync(db, list, clock, ct);
        }
        return done;
    }

    private static async Task<bool> RunAsync(ChronicleDb db, IReadOnlyList<IChronologyObserver> observers, TimeProvider clock, Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var token = Guid.NewGuid().ToString("N");
        var until = now + Lease;
        var work = db.Set<ObserverWorkItem>();
        var claimed = await work
            .Where(w => w.Id == id && w.DoneAt == null && (w.LeaseUntil == null || w.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.ClaimToken, token).SetProperty(w => w.LeaseUntil, until).SetProperty(w => w.Attempts, w => w.Attempts + 1), ct);
        if (claimed == 0) return false;
        var item = await work.AsNoTracking().FirstAsync(w => w.Id == id, ct);
        var observer = observers.FirstOrDefault(o => o.Work == item.Work);
        if (observer is null) return false;
        var mark = PendingCount(db);
        try
        {
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                var entry = await db.Entries.AsNoTracking().Include(e => e.Subjects).FirstAsync(e => e.Id == item.EntryId, ct);
                var details = DetailsReader.ReadStored(entry.Kind, entry.Details);
                await observer.OnRecordedAsync(db, entry, details, ct);
                await db.SaveChangesAsync(ct);
                var doneAt = clock.GetUtcNow();
                var marked = await work.Where(w => w.Id == id && w.ClaimToken == token && w.DoneAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(w => w.DoneAt, doneAt).SetProperty(w => w.LastError, (string?)null), ct);
                // Another worker took the item over after this claim ran out: its run counts, not this one.
                if (marked == 0) { await tx.RollbackAsync(ct); ForgetAfter(db, mark); return false; }
                await tx.CommitAsync(ct);
            }
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing of the failed run is kept; the item is tried again once its claim runs out.
            ForgetAfter(db, mark);
            db.ChangeTracker.Clear();
            await work.Where(w => w.Id == id && w.ClaimToken == token)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.LastError, e.GetType().Name), CancellationToken.None);
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
