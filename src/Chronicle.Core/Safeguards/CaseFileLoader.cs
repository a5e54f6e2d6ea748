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
        var circle = await Family.AroundChildAsync(db, childId, ct);
        var people = await db.People.AsNoTracking().Where(p => circle.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        if (!people.TryGetValue(childId, out var child)) return null;
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
        var current = Current(entries);
        var partnershipId = child.PartnershipId;
        var professionals = await ProfessionalsAsync(db, partnershipId, current, involvements, ct);
        // Every agency of the partnership: a few hundred at most, whatever its size, and safeguards ask questions of
        // them all (the area most agencies serve, the partnership's one police force, its children's services).
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
            Entries = current,
            CorrectedBy = CorrectedBy(entries),
        };
    }

    /// <summary>
    /// The professionals a case file can ask about, not the partnership's every one: those its entries were recorded by
    /// or name, those involved with the family, the front door's workers and the hospitals' safeguarding nurses (whom
    /// safeguards look for whoever the child is), and the managers of all of them.
    /// </summary>
    private static async Task<Dictionary<Guid, Professional>> ProfessionalsAsync(
        ChronicleDb db, Guid partnershipId, IReadOnlyList<CaseEntry> entries, IReadOnlyList<Involvement> involvements, CancellationToken ct)
    {
        var named = new HashSet<Guid>();
        foreach (var entry in entries)
        {
            named.Add(entry.Entry.RecordedByProfessionalId);
            References.AddIds(entry.Details, ReferenceTarget.Professional, named);
        }
        foreach (var involvement in involvements)
            if (involvement.ProfessionalId is { } id) named.Add(id);
        var professionals = await db.Professionals.AsNoTracking()
            .Where(p => p.PartnershipId == partnershipId
                && (named.Contains(p.Id) || p.Role == ProfessionalRole.FrontDoorWorker || p.Role == ProfessionalRole.HospitalSafeguardingNurse))
            .ToDictionaryAsync(p => p.Id, ct);
        var managers = professionals.Values.Select(p => p.ManagerId).OfType<Guid>().Where(id => !professionals.ContainsKey(id)).Distinct().ToList();
        if (managers.Count > 0)
            foreach (var manager in await db.Professionals.AsNoTracking().Where(p => p.PartnershipId == partnershipId && managers.Contains(p.Id)).ToListAsync(ct))
                professionals[manager.Id] = manager;
        return professionals;
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
