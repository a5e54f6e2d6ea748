using Chronicle.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Audit;

/// <summary>What kind of break verification found.</summary>
public enum AuditFindingKind
{
    /// <summary>A link's contents no longer match its keyed hash.</summary>
    LinkAltered,
    /// <summary>A link carries a plain SHA-256 where its keyed hash should be: the chain was recomputed without the key.</summary>
    LinkRehashed,
    /// <summary>A link does not name the hash of the link before it.</summary>
    LinkBroken,
    /// <summary>Links are missing from the middle of the chain.</summary>
    LinksMissing,
    /// <summary>Links are missing from the end of the chain (the head or a checkpoint records more).</summary>
    Truncated,
    /// <summary>audit_head is not the signed head of this chain.</summary>
    HeadRewritten,
    /// <summary>A link is not the one a signed checkpoint recorded at its place.</summary>
    CheckpointMismatch,
    /// <summary>A line of the checkpoint file is not signed with the key.</summary>
    CheckpointInvalid,
    /// <summary>A sealed chronology entry no longer matches its seal.</summary>
    EntryRewritten,
    /// <summary>A sealed chronology entry is gone.</summary>
    EntryRemoved,
    /// <summary>A chronology entry has no seal: it was added behind the application's back.</summary>
    EntryUnsealed,
}

/// <summary>One break: the audit rows (by sequence) and the chronology entry it concerns, and what it means.</summary>
public sealed record AuditFinding(AuditFindingKind Kind, long? FromSequence, long? ToSequence, Guid? EntryId, string Message);

/// <summary>The result of checking the chain: every break found, and what it was checked against.</summary>
public sealed record AuditVerification(
    long EntriesChecked, long EntriesSealed, IReadOnlyList<AuditFinding> Findings, AuditHead Head,
    AuditCheckpoint? LastCheckpoint, int CheckpointsChecked, string? CheckpointFile)
{
    public bool Intact => Findings.Count == 0;
    /// <summary>The first audit row named by a break, if any is.</summary>
    public long? FirstBrokenSequence => Findings.Where(f => f.FromSequence is not null).Select(f => f.FromSequence).Min();
    /// <summary>The first break, in words.</summary>
    public string? Problem => Findings.Count == 0 ? null : Findings[0].Message;
}

/// <summary>
/// Walks the chain once in order (streaming, so any length fits in memory), then the seals against the entries, and
/// compares the end of the chain and every place a checkpoint records with the checkpoint file.
/// </summary>
internal static class AuditVerifier
{
    private const int Page = 500;

    public static async Task<AuditVerification> VerifyAsync(ChronicleDb db, AuditChainSettings settings, CancellationToken ct)
    {
        var key = settings.Key;
        var head = await AuditChain.ReadHeadAsync(db, ct);
        var file = settings.CheckpointFile is { } path ? AuditCheckpoints.Read(path, key) : null;
        var checkpoints = file?.Checkpoints ?? [];
        var last = file?.Last;
        var bySequence = checkpoints.ToLookup(c => c.Sequence);
        // Where the keyed links start: a signed checkpoint says; audit_head only when there is none.
        var keyedFrom = last?.KeyedFrom ?? head.KeyedFrom;

        var rows = new List<(AuditFindingKind Kind, long Sequence)>();
        var findings = new List<AuditFinding>();
        var previous = AuditChain.Genesis;
        long expected = 1, lastSequence = 0, count = 0, seals = 0;
        await foreach (var link in db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (link.Sequence > expected)
                findings.Add(new(AuditFindingKind.LinksMissing, expected, link.Sequence - 1, null,
                    $"{Rows(expected, link.Sequence - 1)} {(link.Sequence - 1 > expected ? "are" : "is")} missing: removed from the middle of the chain"));
            else if (link.PreviousHash != previous)
                rows.Add((AuditFindingKind.LinkBroken, link.Sequence));
            if (link.Sequence > keyedFrom)
            {
                if (AuditChain.KeyedHashOf(link, key) != link.Hash)
                    rows.Add((AuditChain.UnkeyedHashOf(link) == link.Hash ? AuditFindingKind.LinkRehashed : AuditFindingKind.LinkAltered, link.Sequence));
            }
            else if (AuditChain.UnkeyedHashOf(link) != link.Hash)
                rows.Add((AuditFindingKind.LinkAltered, link.Sequence));
            foreach (var checkpoint in bySequence[link.Sequence])
                if (checkpoint.Hash != link.Hash)
                    findings.Add(new(AuditFindingKind.CheckpointMismatch, link.Sequence, link.Sequence, null,
                        $"audit row {link.Sequence} is not the row the checkpoint of {checkpoint.At:u} (line {checkpoint.Line}) recorded: the chain was rewritten up to there"));
            if (link.EntryId is not null) seals++;
            previous = link.Hash;
            expected = link.Sequence + 1;
            lastSequence = link.Sequence;
            count++;
        }
        findings.AddRange(Ranges(rows));

        // The end of the chain: the signed head, and the furthest checkpoint.
        if (!AuditLog.HeadSignatureHolds(head, key))
            findings.Add(new(AuditFindingKind.HeadRewritten, null, null, null,
                $"audit_head (row {head.Sequence}) is not signed with the key: it was rewritten"));
        if (last is not null && last.KeyedFrom != head.KeyedFrom)
            findings.Add(new(AuditFindingKind.HeadRewritten, null, null, null,
                $"audit_head says the keyed chain starts after row {head.KeyedFrom}, but the checkpoints say after row {last.KeyedFrom}: it was rewritten"));
        var recordedEnd = Math.Max(head.Sequence, last?.Sequence ?? 0);
        if (recordedEnd > lastSequence)
        {
            var evidence = last is not null && last.Sequence > head.Sequence
                ? $"the checkpoint of {last.At:u} records row {last.Sequence}"
                : $"audit_head records row {head.Sequence}";
            findings.Add(new(AuditFindingKind.Truncated, lastSequence + 1, recordedEnd, null,
                $"the chain ends at row {lastSequence} but {evidence}: {Rows(lastSequence + 1, recordedEnd)} {(recordedEnd > lastSequence + 1 ? "were" : "was")} removed from the end"));
        }
        else if (head.Sequence != lastSequence || head.Hash != previous)
            findings.Add(new(AuditFindingKind.HeadRewritten, null, null, null,
                $"audit_head records row {head.Sequence} with another hash than the chain's last row {lastSequence}: it was rewritten"));
        foreach (var line in file?.BadLines ?? [])
            findings.Add(new(AuditFindingKind.CheckpointInvalid, null, null, null,
                $"line {line} of the checkpoint file is not signed with the key: it was edited or written without the key"));

        // The entries: each seal against its entry, then every entry without a seal.
        for (long after = 0; ;)
        {
            var page = await db.AuditEntries.AsNoTracking().Where(a => a.EntryId != null && a.Sequence > after).OrderBy(a => a.Sequence).Take(Page)
                .Select(a => new { a.Sequence, EntryId = a.EntryId!.Value, a.EntryHash }).ToListAsync(ct);
            if (page.Count == 0) break;
            var ids = page.Select(p => p.EntryId).ToList();
            var entries = await db.Entries.AsNoTracking().Include(e => e.Subjects).Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
            foreach (var seal in page)
            {
                if (!entries.TryGetValue(seal.EntryId, out var entry))
                    findings.Add(new(AuditFindingKind.EntryRemoved, seal.Sequence, seal.Sequence, seal.EntryId,
                        $"entry {seal.EntryId}, sealed by audit row {seal.Sequence}, is gone: it was deleted"));
                else if (EntrySeal.DigestOf(entry) != seal.EntryHash)
                    findings.Add(new(AuditFindingKind.EntryRewritten, seal.Sequence, seal.Sequence, seal.EntryId,
                        $"entry {seal.EntryId} no longer matches its seal (audit row {seal.Sequence}): it was rewritten"));
            }
            after = page[^1].Sequence;
        }
        await foreach (var id in db.Entries.AsNoTracking().Where(e => !db.AuditEntries.Any(a => a.EntryId == e.Id)).OrderBy(e => e.RecordedAt).Select(e => e.Id)
                           .AsAsyncEnumerable().WithCancellation(ct))
            findings.Add(new(AuditFindingKind.EntryUnsealed, null, null, id,
                $"entry {id} has no seal in the audit chain: it was added behind the application's back"));

        var ordered = findings.OrderBy(f => f.FromSequence ?? long.MaxValue).ToList();
        return new(count, seals, ordered, head, last, checkpoints.Count, file?.Path);
    }

    /// <summary>Runs of consecutive rows with the same break, as one finding each.</summary>
    private static IEnumerable<AuditFinding> Ranges(List<(AuditFindingKind Kind, long Sequence)> rows)
    {
        foreach (var group in rows.GroupBy(r => r.Kind))
        {
            var sequences = group.Select(r => r.Sequence).Order().ToList();
            for (var i = 0; i < sequences.Count;)
            {
                var j = i;
                while (j + 1 < sequences.Count && sequences[j + 1] == sequences[j] + 1) j++;
                yield return Describe(group.Key, sequences[i], sequences[j]);
                i = j + 1;
            }
        }
    }

    private static AuditFinding Describe(AuditFindingKind kind, long from, long to)
    {
        var many = to > from;
        var message = kind switch
        {
            AuditFindingKind.LinkRehashed => $"{Rows(from, to)} {(many ? "were" : "was")} re-hashed without the key: {(many ? "their" : "its")} hash is a plain SHA-256, not the keyed hash",
            AuditFindingKind.LinkBroken => $"{Rows(from, to)} {(many ? "do" : "does")} not link to the row before: a row before {(many ? "them" : "it")} was replaced",
            _ => $"{Rows(from, to)} {(many ? "have" : "has")} been altered: {(many ? "their" : "its")} contents no longer match {(many ? "their" : "its")} keyed hash",
        };
        return new(kind, from, to, null, message);
    }

    private static string Rows(long from, long to) => from == to ? $"audit row {from}" : $"audit rows {from}-{to}";
}
