using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Chronicle.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Audit;

/// <summary>What an audit entry records, before it is chained.</summary>
public sealed record AuditEvent(
    AuditAction Action, string Target, Guid? PartnershipId = null, Guid? UserId = null, Guid? ProfessionalId = null,
    Guid? SubjectPersonId = null, string? Detail = null, string? RemoteAddress = null);

/// <summary>The result of checking the chain: where it first breaks, if it does.</summary>
public sealed record AuditVerification(long EntriesChecked, long? FirstBrokenSequence, string? Problem)
{
    public bool Intact => FirstBrokenSequence is null;
}

/// <summary>
/// Appends to the hash-chained audit log and verifies it. Appends are serialised through the single audit_head row,
/// locked first in each append's transaction, so two writers can never both chain onto the same link.
/// </summary>
public sealed class AuditLog(ChronicleDb db, TimeProvider clock)
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public async Task<AuditEntry> AppendAsync(AuditEvent e, CancellationToken ct = default)
    {
        var ownTransaction = db.Database.CurrentTransaction is null;
        var tx = ownTransaction ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            // Take the lock before reading the head: an UPDATE locks the row (PostgreSQL) or the database (SQLite).
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_head SET sequence = sequence WHERE id = 1", ct);
            var head = await db.Database.SqlQueryRaw<HeadRow>("SELECT sequence AS \"Sequence\", hash AS \"Hash\" FROM audit_head WHERE id = 1").SingleAsync(ct);
            var entry = new AuditEntry
            {
                Sequence = head.Sequence + 1,
                At = TruncateToMilliseconds(clock.GetUtcNow()),
                PartnershipId = e.PartnershipId, UserId = e.UserId, ProfessionalId = e.ProfessionalId, Action = e.Action,
                SubjectPersonId = e.SubjectPersonId, Target = e.Target, Detail = e.Detail, RemoteAddress = e.RemoteAddress,
                PreviousHash = head.Hash, Hash = "",
            };
            entry.Hash = HashOf(entry);
            db.Add(entry);
            await db.SaveChangesAsync(ct);
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_head SET sequence = {0}, hash = {1} WHERE id = 1", [entry.Sequence, entry.Hash], ct);
            if (tx is not null) await tx.CommitAsync(ct);
            db.Entry(entry).State = EntityState.Detached;
            return entry;
        }
        finally
        {
            if (tx is not null) await tx.DisposeAsync();
        }
    }

    /// <summary>Walks the whole chain in order; names the first entry whose hash or link does not hold.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        var previous = Genesis;
        long expected = 1, checkedCount = 0;
        await foreach (var entry in db.Set<AuditEntry>().AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (entry.Sequence != expected)
                return new(checkedCount, expected, $"entry {expected} is missing (the next entry is {entry.Sequence})");
            if (entry.PreviousHash != previous)
                return new(checkedCount, entry.Sequence, $"entry {entry.Sequence} does not link to entry {entry.Sequence - 1}");
            if (HashOf(entry) != entry.Hash)
                return new(checkedCount, entry.Sequence, $"entry {entry.Sequence} has been altered: its contents no longer match its hash");
            previous = entry.Hash;
            expected++;
            checkedCount++;
        }
        var head = await db.Database.SqlQueryRaw<HeadRow>("SELECT sequence AS \"Sequence\", hash AS \"Hash\" FROM audit_head WHERE id = 1").SingleAsync(ct);
        if (head.Sequence != expected - 1 || head.Hash != previous)
            return new(checkedCount, expected, $"the chain ends at entry {expected - 1} but the head records entry {head.Sequence}: entries after it have been removed");
        return new(checkedCount, null, null);
    }

    public static string HashOf(AuditEntry e)
    {
        var canonical = string.Join('\u001f',
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.At.ToUniversalTime().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            e.PartnershipId?.ToString() ?? "", e.UserId?.ToString() ?? "", e.ProfessionalId?.ToString() ?? "",
            e.Action.ToString(), e.SubjectPersonId?.ToString() ?? "", e.Target, e.Detail ?? "", e.RemoteAddress ?? "", e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset t) => DateTimeOffset.FromUnixTimeMilliseconds(t.ToUnixTimeMilliseconds());

    private sealed record HeadRow(long Sequence, string Hash);
}
