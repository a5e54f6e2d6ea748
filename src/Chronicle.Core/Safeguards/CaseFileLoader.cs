using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Safeguards;

/// <summary>Reads a child's <see cref="CaseFile"/> from the database as it stood at a moment.</summary>
public static class CaseFileLoader
{
    public static async Task<CaseFile?> LoadAsync(ChronicleDb db, Guid childId, DateTimeOffset asAt, CancellationToken ct = default)
    {
        var child = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == childId, ct);
        if (child is null) return null;
        var circle = await Family.AroundChildAsync(db, childId, ct);
        var people = await db.People.AsNoTracking().Where(p => circle.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var relationships = await db.Relationships.AsNoTracking().Where(r => circle.Contains(r.PersonId) && circle.Contains(r.RelatedPersonId)).ToListAsync(ct);
        var homes = await db.HouseholdMemberships.AsNoTracking().Where(m => circle.Contains(m.PersonId)).Select(m => m.HouseholdId).Distinct().ToListAsync(ct);
        var households = await db.HouseholdMemberships.AsNoTracking().Where(m => homes.Contains(m.HouseholdId)).ToListAsync(ct);
        var involvements = await db.Involvements.AsNoTracking().Where(i => circle.Contains(i.PersonId)).ToListAsync(ct);
        var addresses = await db.AddressFacts.AsNoTracking().Where(a => circle.Contains(a.PersonId)).ToListAsync(ct);
        var entryIds = db.EntrySubjects.Where(s => circle.Contains(s.PersonId)).Select(s => s.EntryId);
        var entries = await db.Entries.AsNoTracking().Include(e => e.Subjects)
            .Where(e => entryIds.Contains(e.Id))
            .ToListAsync(ct);
        entries = [.. entries.Where(e => e.RecordedAt <= asAt)];
        var partnershipId = child.PartnershipId;
        var professionals = await db.Professionals.AsNoTracking().Where(p => p.PartnershipId == partnershipId).ToDictionaryAsync(p => p.Id, ct);
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnershipId).ToDictionaryAsync(a => a.Id, ct);

        return new CaseFile
        {
            Child = child,
            People = people,
            Relationships = relationships,
            Households = households,
            Involvements = involvements,
            Addresses = [.. addresses.Where(a => a.RecordedAt <= asAt)],
            Professionals = professionals,
            Agencies = agencies,
            Entries = Current(entries),
            CorrectedBy = CorrectedBy(entries),
        };
    }

    /// <summary>Each corrected entry with the entry that corrected it.</summary>
    public static IReadOnlyDictionary<Guid, Guid> CorrectedBy(IEnumerable<ChronologyEntry> entries)
    {
        var corrected = new Dictionary<Guid, Guid>();
        foreach (var e in entries.OrderBy(e => e.RecordedAt))
            if (e.SupersedesEntryId is { } of) corrected.TryAdd(of, e.Id);
        return corrected;
    }

    /// <summary>The chronology with corrections applied: each superseded entry gives way to its correction.</summary>
    public static IReadOnlyList<CaseEntry> Current(IEnumerable<ChronologyEntry> entries)
    {
        var list = entries.ToList();
        var superseded = list.Where(e => e.SupersedesEntryId is not null).Select(e => e.SupersedesEntryId!.Value).ToHashSet();
        return [.. list.Where(e => !superseded.Contains(e.Id))
            .OrderBy(e => e.When).ThenBy(e => e.RecordedAt)
            .Select(e => new CaseEntry(e, DetailsReader.ReadStored(e.Kind, e.Details)))];
    }

    /// <summary>The same for entries whose details are already read: a case file built in memory.</summary>
    public static IReadOnlyList<CaseEntry> Current(IEnumerable<CaseEntry> entries)
    {
        var list = entries.ToList();
        var superseded = list.Where(e => e.Entry.SupersedesEntryId is not null).Select(e => e.Entry.SupersedesEntryId!.Value).ToHashSet();
        return [.. list.Where(e => !superseded.Contains(e.Id)).OrderBy(e => e.When).ThenBy(e => e.RecordedAt)];
    }
}
