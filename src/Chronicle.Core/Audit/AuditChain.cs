using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Chronicle.Core.Audit;

/// <summary>The head of the chain (the one audit_head row): the last link, and the key's signature over it.</summary>
public sealed record AuditHead(long Sequence, string Hash, long KeyedFrom, string Signature);

/// <summary>
/// The keyed chain. Every link's hash is HMAC-SHA256 over its fields and the previous link's hash; the head row is
/// locked, read and updated once in the transaction of each write, so appends are serialised and never scan. Every
/// chronology entry saved through <see cref="ChronicleDb"/> is sealed by a link in the same transaction (this
/// interceptor sees it whichever service wrote it), so an entry rewritten, removed or added in the database is detected.
/// </summary>
public sealed class AuditChain(AuditChainSettings settings) : SaveChangesInterceptor
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    private const string LinkPurpose = "chronicle-audit-link/1";
    private const string HeadPurpose = "chronicle-audit-head/1";

    private readonly ConditionalWeakTable<DbContext, IDbContextTransaction> _own = [];

    public AuditChainSettings Settings => settings;

    /// <summary>The chain settings of this database's options (DatabaseSettings adds them).</summary>
    public static AuditChain Of(ChronicleDb db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<AuditChain>().FirstOrDefault()
        ?? throw new InvalidOperationException("This database's options have no audit chain: build them with DatabaseSettings");

    /// <summary>Links these new rows onto the head, in order, in the current transaction: the head is locked first.</summary>
    internal async Task LinkAsync(ChronicleDb db, IReadOnlyList<AuditEntry> links, CancellationToken ct)
    {
        if (links.Count == 0) return;
        // The head read as the lock is taken, in one statement: an UPDATE locks the row (PostgreSQL) or the database
        // (SQLite), and what it returns is the head as it stands under that lock.
        var head = (await db.Database.SqlQueryRaw<AuditHead>(
            "UPDATE audit_head SET sequence = sequence WHERE id = 1 RETURNING sequence AS \"Sequence\", hash AS \"Hash\", keyed_from AS \"KeyedFrom\", signature AS \"Signature\"")
            .ToListAsync(ct)).Single();
        var key = settings.Key;
        var sequence = head.Sequence;
        var previous = head.Hash;
        foreach (var link in links)
        {
            link.Sequence = ++sequence;
            link.PreviousHash = previous;
            link.Hash = KeyedHashOf(link, key);
            previous = link.Hash;
            db.Add(link);
        }
        await db.Database.ExecuteSqlRawAsync("UPDATE audit_head SET sequence = {0}, hash = {1}, signature = {2} WHERE id = 1",
            [sequence, previous, SignHead(key, sequence, previous, head.KeyedFrom)], ct);
    }

    public static Task<AuditHead> ReadHeadAsync(ChronicleDb db, CancellationToken ct) =>
        db.Database.SqlQueryRaw<AuditHead>("SELECT sequence AS \"Sequence\", hash AS \"Hash\", keyed_from AS \"KeyedFrom\", signature AS \"Signature\" FROM audit_head WHERE id = 1")
            .SingleAsync(ct);

    /// <summary>The link's keyed hash: what an attacker without the key cannot compute.</summary>
    public static string KeyedHashOf(AuditEntry e, AuditKey key) =>
        key.Sign(LinkPurpose, Canonical(e) + '\u001f' + (e.EntryId?.ToString() ?? "") + '\u001f' + (e.EntryHash ?? ""));

    /// <summary>
    /// The plain SHA-256 of a link, as links were hashed before the chain was keyed (and as anyone can recompute it):
    /// it verifies links up to the head's keyed_from, and names a later link that was re-hashed without the key.
    /// </summary>
    public static string UnkeyedHashOf(AuditEntry e)
    {
        var canonical = Canonical(e);
        if (e.EntryId is not null || e.EntryHash is not null) canonical += '\u001f' + (e.EntryId?.ToString() ?? "") + '\u001f' + (e.EntryHash ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public static string SignHead(AuditKey key, long sequence, string hash, long keyedFrom) =>
        key.Sign(HeadPurpose, string.Join('\u001f', sequence.ToString(CultureInfo.InvariantCulture), hash, keyedFrom.ToString(CultureInfo.InvariantCulture)));

    private static string Canonical(AuditEntry e) => string.Join('\u001f',
        e.Sequence.ToString(CultureInfo.InvariantCulture),
        e.At.ToUniversalTime().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        e.PartnershipId?.ToString() ?? "", e.UserId?.ToString() ?? "", e.ProfessionalId?.ToString() ?? "",
        e.Action.ToString(), e.SubjectPersonId?.ToString() ?? "", e.Target, e.Detail ?? "", e.RemoteAddress ?? "", e.PreviousHash);

    /// <summary>A seal for each chronology entry about to be inserted, linked in the save's transaction (begun here if there is none).</summary>
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is ChronicleDb db) await SealNewEntriesAsync(db, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is ChronicleDb db) SealNewEntriesAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    private async Task SealNewEntriesAsync(ChronicleDb db, CancellationToken ct)
    {
        var tracker = db.ChangeTracker;
        var sealedAlready = tracker.Entries<AuditEntry>().Where(a => a.State == EntityState.Added && a.Entity.EntryId is not null)
            .Select(a => a.Entity.EntryId!.Value).ToHashSet();
        var unsealed = tracker.Entries<ChronologyEntry>().Where(e => e.State == EntityState.Added && !sealedAlready.Contains(e.Entity.Id))
            .Select(e => e.Entity).ToList();
        if (unsealed.Count == 0) return;
        if (db.Database.CurrentTransaction is null)
        {
            var tx = await db.Database.BeginTransactionAsync(ct);
            _own.AddOrUpdate(db, tx);
        }
        await LinkAsync(db, [.. unsealed.Select(e => SealOf(e, DateTimeOffset.FromUnixTimeMilliseconds(e.RecordedAt.ToUnixTimeMilliseconds())))], ct);
    }

    /// <summary>The link that seals an entry: who recorded it, in which partnership, its id and content hash.</summary>
    internal static AuditEntry SealOf(ChronologyEntry entry, DateTimeOffset at) => new()
    {
        At = at,
        PartnershipId = entry.PartnershipId,
        ProfessionalId = entry.RecordedByProfessionalId,
        Action = AuditAction.Sealed,
        Target = $"entry {entry.Id}",
        EntryId = entry.Id,
        EntryHash = EntrySeal.DigestOf(entry),
        PreviousHash = "",
        Hash = "",
    };

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && _own.TryGetValue(db, out var tx))
        {
            _own.Remove(db);
            await tx.CommitAsync(cancellationToken);
            await tx.DisposeAsync();
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && _own.TryGetValue(db, out var tx))
        {
            _own.Remove(db);
            tx.Commit();
            tx.Dispose();
        }
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        await AbandonAsync(eventData.Context);

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => AbandonAsync(eventData.Context).GetAwaiter().GetResult();

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        await AbandonAsync(eventData.Context);

    private async Task AbandonAsync(DbContext? db)
    {
        if (db is null || !_own.TryGetValue(db, out var tx)) return;
        _own.Remove(db);
        await tx.DisposeAsync(); // rolls back
    }
}

/// <summary>The content hash of a chronology entry, as its seal in the audit chain records it.</summary>
public static class EntrySeal
{
    /// <summary>
    /// SHA-256 over everything the entry says: its kind, details, narrative, dates, recorder, source, significance,
    /// sharing level, what it corrects and why, and who it is about. (The client's idempotency key is not the record.)
    /// </summary>
    public static string DigestOf(ChronologyEntry e)
    {
        static string N(string? s) => s ?? "\u0000";
        static string Ms(DateTimeOffset? t) => t is { } v ? v.ToUniversalTime().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : "\u0000";
        var canonical = string.Join('\u001f',
            "entry/1", e.Id.ToString(), e.PartnershipId.ToString(), e.Kind, e.Details, N(e.Narrative),
            Ms(e.OccurredAt), e.OccurredPrecision.ToString(), Ms(e.RecordedAt),
            e.RecordedByProfessionalId.ToString(), e.RecordedByAgencyId.ToString(), e.Source.ToString(), N(e.SourceName),
            e.Significance.ToString(), e.SharingLevel.ToString(), N(e.SupersedesEntryId?.ToString()), N(e.CorrectionReason),
            string.Join(',', e.Subjects.Select(s => s.PersonId).Order()));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
