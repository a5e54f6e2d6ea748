using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Audit;

/// <summary>What an audit entry records, before it is chained.</summary>
public sealed record AuditEvent(
    AuditAction Action, string Target, Guid? PartnershipId = null, Guid? UserId = null, Guid? ProfessionalId = null,
    Guid? SubjectPersonId = null, string? Detail = null, string? RemoteAddress = null);

/// <summary>The result of writing a checkpoint: the one written (or the last, if the head has not moved), or why not.</summary>
public sealed record AuditCheckpointResult(AuditCheckpoint? Checkpoint, bool Written, string? Refusal);

/// <summary>
/// Appends to the keyed, hash-chained audit log, writes signed checkpoints of its head outside the database, and
/// verifies it. Appends are serialised through the single audit_head row, locked first in each append's transaction,
/// so two writers can never both chain onto the same link. The key and checkpoint file come from the database's
/// <see cref="DatabaseSettings.Audit"/>.
/// </summary>
public sealed class AuditLog(ChronicleDb db, TimeProvider clock)
{
    public const string Genesis = AuditChain.Genesis;

    /// <summary>Appends one link, in the current transaction if there is one (and then commits with it), else in its own.</summary>
    public async Task<AuditEntry> AppendAsync(AuditEvent e, CancellationToken ct = default)
    {
        var chain = AuditChain.Of(db);
        var ownTransaction = db.Database.CurrentTransaction is null;
        var tx = ownTransaction ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var entry = new AuditEntry
            {
                At = TruncateToMilliseconds(clock.GetUtcNow()),
                PartnershipId = e.PartnershipId, UserId = e.UserId, ProfessionalId = e.ProfessionalId, Action = e.Action,
                SubjectPersonId = e.SubjectPersonId, Target = e.Target, Detail = e.Detail, RemoteAddress = e.RemoteAddress,
                PreviousHash = "", Hash = "",
            };
            await chain.LinkAsync(db, [entry], ct);
            await db.SaveChangesAsync(ct);
            if (tx is not null) await tx.CommitAsync(ct);
            db.Entry(entry).State = EntityState.Detached;
            return entry;
        }
        finally
        {
            if (tx is not null) await tx.DisposeAsync();
        }
    }

    /// <summary>
    /// Appends a signed line for the head to the checkpoint file, unless the head has not moved since the last one.
    /// Refuses (and writes nothing) when the head's signature does not hold or the head is behind the last checkpoint:
    /// signing it would cover up tampering.
    /// </summary>
    public async Task<AuditCheckpointResult> CheckpointAsync(CancellationToken ct = default)
    {
        var settings = AuditChain.Of(db).Settings;
        if (settings.CheckpointFile is not { } path) return new(null, false, "no checkpoint file is configured");
        var key = settings.Key;
        var head = await AuditChain.ReadHeadAsync(db, ct);
        if (!HeadSignatureHolds(head, key))
            return new(null, false, $"audit_head (row {head.Sequence}) is not signed with the key: it was rewritten; run 'chronicle audit verify'");
        var last = AuditCheckpoints.Read(path, key).Last;
        if (last is not null && (head.Sequence < last.Sequence || head.Sequence == last.Sequence && head.Hash != last.Hash))
            return new(null, false, $"audit_head (row {head.Sequence}) is behind or differs from the last checkpoint (row {last.Sequence}): run 'chronicle audit verify'");
        if (last is not null && head.Sequence == last.Sequence) return new(last, false, null);
        var at = TruncateToMilliseconds(clock.GetUtcNow());
        AuditCheckpoints.Append(path, AuditCheckpoints.Line(key, head.Sequence, head.Hash, head.KeyedFrom, at));
        return new(new(head.Sequence, head.Hash, head.KeyedFrom, at, 0), true, null);
    }

    /// <summary>
    /// On a database whose chain has never had a keyed link (one made before the chain was keyed), seals the entries
    /// already recorded, so that from now on every entry is in the chain. Does nothing once the chain is keyed: an entry
    /// added later without a seal stays one that verification names.
    /// </summary>
    public async Task<int> SealEarlierEntriesAsync(CancellationToken ct = default)
    {
        var chain = AuditChain.Of(db);
        var head = await AuditChain.ReadHeadAsync(db, ct);
        if (head.Signature.Length > 0 || head.Sequence != head.KeyedFrom) return 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var count = 0;
        var at = TruncateToMilliseconds(clock.GetUtcNow());
        var ids = await db.Entries.AsNoTracking().Where(e => !db.AuditEntries.Any(a => a.EntryId == e.Id)).Select(e => e.Id).ToListAsync(ct);
        foreach (var batch in ids.Chunk(500))
        {
            var entries = await db.Entries.AsNoTracking().Include(e => e.Subjects).Where(e => batch.Contains(e.Id)).OrderBy(e => e.RecordedAt).ToListAsync(ct);
            await chain.LinkAsync(db, [.. entries.Select(e => AuditChain.SealOf(e, at))], ct);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            count += entries.Count;
        }
        if (count == 0)
        {
            // Nothing to seal: sign the head as it stands, so that from now on it cannot be replaced unnoticed.
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_head SET signature = {0} WHERE id = 1",
                [AuditChain.SignHead(chain.Settings.Key, head.Sequence, head.Hash, head.KeyedFrom)], ct);
        }
        await tx.CommitAsync(ct);
        return count;
    }

    /// <summary>Checks the whole chain, the sealed entries, the head and the checkpoints; names every break it finds.</summary>
    public Task<AuditVerification> VerifyAsync(CancellationToken ct = default) => AuditVerifier.VerifyAsync(db, AuditChain.Of(db).Settings, ct);

    internal static bool HeadSignatureHolds(AuditHead head, AuditKey key) =>
        head.Signature.Length == 0
            ? head.Sequence == head.KeyedFrom // never signed: no keyed link has been written yet
            : head.Signature == AuditChain.SignHead(key, head.Sequence, head.Hash, head.KeyedFrom);

    /// <summary>The plain SHA-256 of a link (as before the chain was keyed); see <see cref="AuditChain.UnkeyedHashOf"/>.</summary>
    public static string UnkeyedHashOf(AuditEntry e) => AuditChain.UnkeyedHashOf(e);

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset t) => DateTimeOffset.FromUnixTimeMilliseconds(t.ToUnixTimeMilliseconds());
}
