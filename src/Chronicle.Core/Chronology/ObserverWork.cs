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
    /// <summary>How many runs have claimed the item: at <see cref="ObserverWork.MaxAttempts"/> without its work done, it is not tried again.</summary>
    public int Attempts { get; set; }
    public string? ClaimToken { get; set; }
    /// <summary>Until when a claim holds; after a failed run, when the next attempt may start (<see cref="ObserverWork.RetryAfter"/>).</summary>
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

/// <summary>An item of work that failed <see cref="ObserverWork.MaxAttempts"/> times and is not tried again: ids and the kind of failure only, never personal data.</summary>
public sealed record StoppedWork(Guid Id, Guid EntryId, string Work, int Attempts, string? LastError);

/// <summary>What one pass of the sweep did: the items it finished, and those it tried for the last time and stopped.</summary>
public sealed record ObserverSweep(int Done, IReadOnlyList<StoppedWork> Stopped);

/// <summary>
/// Does the observers' work that writes leave in observer_work: straight after the write commits (the items the
/// write itself made, in the order written) and, for anything a crash or a failure left behind, in a sweep. Work that
/// fails is tried again later and later (<see cref="RetryAfter"/>), <see cref="MaxAttempts"/> times in all; then it
/// stops, and stays on record, not done, for an administrator (<see cref="StoppedCountsAsync"/>).
/// </summary>
public static class ObserverWork
{
    /// <summary>
    /// How long a claim holds before another worker may take the item over: long enough for an observer's run, short
    /// enough that work a crashed process had claimed is soon done by the next one.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    /// <summary>How many runs an item's work gets, the first straight after its write: about an hour of retrying in all.</summary>
    public const int MaxAttempts = 8;

    /// <summary>
    /// The wait after a failed run before the next may start: the lease after the first, then doubling (1, 2, 4, 8, 16
    /// and 32 minutes), so that work failing for a while (a database restarting) is done soon and work that always fails
    /// costs a few runs; none after the last attempt.
    /// </summary>
    public static TimeSpan RetryAfter(int attempts) =>
        attempts >= MaxAttempts ? TimeSpan.Zero : Lease * Math.Pow(2, Math.Max(0, attempts - 1));

    private static readonly ConditionalWeakTable<ChronicleDb, List<Item>> Pending = new();

    /// <summary>An item of work as a run needs it: which, for which entry, whose.</summary>
    private sealed record Item(Guid Id, Guid EntryId, string Work);

    /// <summary>Remembers items written on this context, for whoever commits its transaction to run.</summary>
    internal static void Written(ChronicleDb db, IEnumerable<ObserverWorkItem> items) => Pending.GetOrCreateValue(db).AddRange(items.Select(i => new Item(i.Id, i.EntryId, i.Work)));

    /// <summary>Forgets the items written on this context (their transaction rolled back).</summary>
    public static void Forget(ChronicleDb db) => Pending.Remove(db);

    /// <summary>
    /// Runs the items written on this context since its last commit, and those that their work writes in turn: every
    /// observer's in the order written, except a <see cref="IBatchedObserver"/>'s, which wait until nothing else is
    /// left and are then run together, one run for all of that observer's items.
    /// </summary>
    public static async Task RunWrittenAsync(ChronicleDb db, IEnumerable<IChronologyObserver> observers, TimeProvider clock, CancellationToken ct) =>
        await RunPendingAsync(db, [.. observers], clock, ct);

    /// <summary>Runs the items pending on this context as <see cref="RunWrittenAsync"/> says; answers the items done.</summary>
    private static async Task<HashSet<Guid>> RunPendingAsync(ChronicleDb db, IReadOnlyList<IChronologyObserver> observers, TimeProvider clock, CancellationToken ct)
    {
        var done = new HashSet<Guid>();
        if (db.Database.CurrentTransaction is not null) return done;
        while (Pending.TryGetValue(db, out var items) && items.Count > 0)
        {
            var next = items.FindIndex(i => !IsBatched(observers, i.Work));
            if (next >= 0)
            {
                var item = items[next];
                items.RemoveAt(next);
                done.UnionWith(await RunAsync(db, observers, clock, [item], ct));
                continue;
            }
            var work = items[0].Work;
            var batch = items.Where(i => i.Work == work).ToList();
            items.RemoveAll(i => i.Work == work);
            done.UnionWith(await RunAsync(db, observers, clock, batch, ct));
        }
        return done;
    }

    private static bool IsBatched(IReadOnlyList<IChronologyObserver> observers, string work) =>
        observers.FirstOrDefault(o => o.Work == work) is IBatchedObserver;

    private static int PendingCount(ChronicleDb db) => Pending.TryGetValue(db, out var items) ? items.Count : 0;

    /// <summary>Forgets the items written after the first <paramref name="keep"/>: their transaction rolled back.</summary>
    private static void ForgetAfter(ChronicleDb db, int keep)
    {
        if (Pending.TryGetValue(db, out var items) && items.Count > keep) items.RemoveRange(keep, items.Count - keep);
    }

    /// <summary>
    /// Runs what was left behind: unfinished items older than <paramref name="grace"/> (a request runs its own first)
    /// whose claim, or wait after a failure, has run out and that have attempts left. Every other observer's items
    /// first, in the order written; then each batched observer's, an entry at a time, in one run with the items that
    /// work wrote. Answers how many were done, and those that failed their last attempt.
    /// </summary>
    public static async Task<ObserverSweep> SweepAsync(ChronicleDb db, IEnumerable<IChronologyObserver> observers, TimeProvider clock, TimeSpan grace, int batch, CancellationToken ct)
    {
        var list = observers.ToList();
        var now = clock.GetUtcNow();
        var before = now - grace;
        var left = await db.Set<ObserverWorkItem>().AsNoTracking()
            .Where(w => w.DoneAt == null && w.Attempts < MaxAttempts && w.CreatedAt <= before && (w.LeaseUntil == null || w.LeaseUntil < now))
            .OrderBy(w => w.CreatedAt).Take(batch)
            .Select(w => new { w.Id, w.EntryId, w.Work, w.CreatedAt }).ToListAsync(ct);
        var done = 0;
        // An entry's work in the order its observers are registered, as when it was written.
        foreach (var item in left.Where(w => !IsBatched(list, w.Work)).OrderBy(w => w.CreatedAt).ThenBy(w => w.EntryId).ThenBy(w => list.FindIndex(o => o.Work == w.Work)))
            done += (await RunAsync(db, list, clock, [new Item(item.Id, item.EntryId, item.Work)], ct)).Count;
        // Then, with whatever that work wrote, the batched observers' items, an entry's at a time: one entry whose work
        // always fails holds back only its own, never every other write's left behind with it.
        var batched = left.Where(w => IsBatched(list, w.Work)).ToList();
        var ran = new HashSet<Guid>();
        foreach (var entry in batched.GroupBy(w => w.EntryId))
        {
            // A run that fails keeps nothing and records the failure on its items (RunAsync); the next sweep tries again.
            Pending.GetOrCreateValue(db).AddRange(entry.Select(w => new Item(w.Id, w.EntryId, w.Work)));
            ran.UnionWith(await RunPendingAsync(db, list, clock, ct));
        }
        done += batched.Count(w => ran.Contains(w.Id));
        if (left.Count == 0) return new ObserverSweep(done, []);
        // Those of this pass's items whose last attempt failed (one still running elsewhere holds its claim).
        var ids = left.Select(w => w.Id).ToList();
        var at = clock.GetUtcNow();
        var stopped = await Stopped(db, at).Where(w => ids.Contains(w.Id))
            .Select(w => new StoppedWork(w.Id, w.EntryId, w.Work, w.Attempts, w.LastError)).ToListAsync(ct);
        return new ObserverSweep(done, stopped);
    }

    /// <summary>Items whose every attempt failed: not done, out of attempts, and no run of theirs still holding a claim.</summary>
    private static IQueryable<ObserverWorkItem> Stopped(ChronicleDb db, DateTimeOffset now) =>
        db.Set<ObserverWorkItem>().AsNoTracking().Where(w => w.DoneAt == null && w.Attempts >= MaxAttempts && w.LeaseUntil != null && w.LeaseUntil <= now);

    /// <summary>How many items of each observer's work stopped after failing every attempt, for the partnership's entries.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> StoppedCountsAsync(ChronicleDb db, Guid partnershipId, DateTimeOffset now, CancellationToken ct = default) =>
        await Stopped(db, now).Where(w => db.Entries.Any(e => e.Id == w.EntryId && e.PartnershipId == partnershipId))
            .GroupBy(w => w.Work).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    /// <summary>
    /// Claims these items (all of one observer's work), runs the observer on their entries and marks them done, all in
    /// one transaction: either every item claimed is done or none is. Answers the items done.
    /// </summary>
    private static async Task<IReadOnlyCollection<Guid>> RunAsync(ChronicleDb db, IReadOnlyList<IChronologyObserver> observers, TimeProvider clock, IReadOnlyList<Item> given, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var token = Guid.NewGuid().ToString("N");
        var until = now + Lease;
        var work = db.Set<ObserverWorkItem>();
        var ids = given.Select(i => i.Id).Distinct().ToList();
        var claimed = await work
            .Where(w => ids.Contains(w.Id) && w.DoneAt == null && (w.LeaseUntil == null || w.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.ClaimToken, token).SetProperty(w => w.LeaseUntil, until).SetProperty(w => w.Attempts, w => w.Attempts + 1), ct);
        if (claimed == 0) return [];
        // Every item claimed: they are the ones given, not read again. Fewer: those this claim took, read.
        var items = claimed == ids.Count
            ? [.. given.DistinctBy(i => i.Id)]
            : (await work.AsNoTracking().Where(w => ids.Contains(w.Id) && w.ClaimToken == token).Select(w => new { w.Id, w.EntryId, w.Work }).ToListAsync(ct))
                .Select(w => new Item(w.Id, w.EntryId, w.Work)).ToList();
        // Every claim already taken over (this one ran out before it was read): the other worker's run counts.
        if (items.Count == 0) return [];
        var observer = observers.FirstOrDefault(o => o.Work == items[0].Work);
        if (observer is null) return [];
        var mark = PendingCount(db);
        try
        {
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                var entryIds = items.Select(i => i.EntryId).Distinct().ToList();
                var found = await db.Entries.AsNoTracking().Include(e => e.Subjects).Where(e => entryIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
                var entries = entryIds.Select(id => found[id]).ToList();
                if (observer is IBatchedObserver batched) await batched.OnRecordedAsync(db, entries, ct);
                else foreach (var entry in entries) await observer.OnRecordedAsync(db, entry, DetailsReader.ReadStored(entry.Kind, entry.Details), ct);
                await db.SaveChangesAsync(ct);
                var doneAt = clock.GetUtcNow();
                var claimedIds = items.Select(i => i.Id).ToList();
                var marked = await work.Where(w => claimedIds.Contains(w.Id) && w.ClaimToken == token && w.DoneAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(w => w.DoneAt, doneAt).SetProperty(w => w.LastError, (string?)null), ct);
                // Another worker took an item over after this claim ran out: its run counts, not this one.
                if (marked != claimedIds.Count) { await tx.RollbackAsync(ct); ForgetAfter(db, mark); return []; }
                await tx.CommitAsync(ct);
                return claimedIds;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing of the failed run is kept; the items are tried again after a wait that grows with each attempt,
            // and not after the last (the sweep leaves them, and an administrator sees them).
            ForgetAfter(db, mark);
            db.ChangeTracker.Clear();
            var failedAt = clock.GetUtcNow();
            var itemIds = items.Select(i => i.Id).ToList();
            var tried = await work.AsNoTracking().Where(w => itemIds.Contains(w.Id) && w.ClaimToken == token).Select(w => new { w.Id, w.Attempts }).ToListAsync(CancellationToken.None);
            foreach (var attempts in tried.GroupBy(i => i.Attempts))
            {
                var these = attempts.Select(i => i.Id).ToList();
                var retryAt = failedAt + RetryAfter(attempts.Key);
                await work.Where(w => these.Contains(w.Id) && w.ClaimToken == token)
                    .ExecuteUpdateAsync(s => s.SetProperty(w => w.LastError, e.GetType().Name).SetProperty(w => w.LeaseUntil, retryAt), CancellationToken.None);
            }
            return [];
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
