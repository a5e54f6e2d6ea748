using System.Linq.Expressions;
using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Safeguards;

/// <summary>Reads a child's <see cref="CaseFile"/> from the database as it stood at a moment.</summary>
public static class CaseFileLoader
{
    public static Task<CaseFile?> LoadAsync(ChronicleDb db, Guid childId, DateTimeOffset asAt, CancellationToken ct = default) =>
        LoadAsync(db, childId, asAt, null, ct);

    /// <summary>The same, with the entries already read kept in a cache for this database.</summary>
    public static async Task<CaseFile?> LoadAsync(ChronicleDb db, Guid childId, DateTimeOffset asAt, CaseEntryCache? cache, CancellationToken ct = default) =>
        (await LoadManyAsync(db, [childId], asAt, cache, ct)).GetValueOrDefault(childId);

    /// <summary>Entries missing from the cache read by their ids up to this many; more, and the family's are read whole.</summary>
    private const int ReadByIdUpTo = 200;

    /// <summary>
    /// Reads the case files of these children together, as they stood at a moment: the people around them all, and
    /// what is recorded about those people, each read once in a few queries however many children there are, then
    /// split into each child's file in memory. Siblings' files share most of their entries: each is read and its
    /// details parsed once. A child not on record has no file. With a cache of the entries read before (one for this
    /// database), only the entries not already in it are read whole.
    /// </summary>
    public static Task<Dictionary<Guid, CaseFile>> LoadManyAsync(ChronicleDb db, IReadOnlyCollection<Guid> childIds, DateTimeOffset asAt, CancellationToken ct = default) =>
        LoadManyAsync(db, childIds, asAt, null, ct);

    /// <inheritdoc cref="LoadManyAsync(ChronicleDb, IReadOnlyCollection{Guid}, DateTimeOffset, CancellationToken)"/>
    public static async Task<Dictionary<Guid, CaseFile>> LoadManyAsync(ChronicleDb db, IReadOnlyCollection<Guid> childIds, DateTimeOffset asAt, CaseEntryCache? cache,
        CancellationToken ct = default)
    {
        var files = new Dictionary<Guid, CaseFile>();
        if (childIds.Count == 0) return files;
        var circles = await Family.AroundChildrenAsync(db, childIds, ct);
        var around = circles.Values.SelectMany(c => c).Distinct().ToList();
        // The ids are bound one a parameter, as a single child's read has always bound them, so the database returns the
        // rows in the same order (the order a safeguard's ties are broken in).
        var people = await db.People.AsNoTracking().Where(p => around.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var children = circles.Keys.Where(people.ContainsKey).ToList();
        if (children.Count == 0) return files;
        var relationships = await db.Relationships.AsNoTracking()
            .Where(r => around.Contains(r.PersonId) && around.Contains(r.RelatedPersonId)).ToListAsync(ct);
        var memberships = await db.HouseholdMemberships.AsNoTracking().Where(m => around.Contains(m.PersonId)).ToListAsync(ct);
        var homes = memberships.Select(m => m.HouseholdId).Distinct().ToList();
        var households = await db.HouseholdMemberships.AsNoTracking().Where(m => homes.Contains(m.HouseholdId)).ToListAsync(ct);
        var involvements = await db.Involvements.AsNoTracking().Where(i => around.Contains(i.PersonId)).ToListAsync(ct);
        var addresses = await db.AddressFacts.AsNoTracking().Where(a => around.Contains(a.PersonId)).ToListAsync(ct);
        // Each entry's details are read once, whichever of the children's files it is in.
        var read = (await EntriesAboutAsync(db, around, cache, ct)).Where(e => e.RecordedAt <= asAt).ToList();
        var entries = read.Select(e => e.Entry).ToList();
        var byId = read.ToDictionary(e => e.Id);
        var agencies = new Dictionary<Guid, Dictionary<Guid, Agency>>();
        var professionals = new Dictionary<Guid, Professional>();

        var pieces = new List<(Guid Child, HashSet<Guid> Circle, List<ChronologyEntry> Entries, IReadOnlyList<CaseEntry> Current, List<Involvement> Involvements)>();
        foreach (var child in children)
        {
            var circle = circles[child];
            var theirs = entries.Where(e => e.Subjects.Any(s => circle.Contains(s.PersonId))).ToList();
            pieces.Add((child, circle, theirs, Current(theirs.Select(e => byId[e.Id])), [.. involvements.Where(i => circle.Contains(i.PersonId))]));
        }
        foreach (var partnershipId in children.Select(c => people[c].PartnershipId).Distinct())
        {
            var ofPartnership = pieces.Where(p => people[p.Child].PartnershipId == partnershipId).ToList();
            foreach (var (id, professional) in await ProfessionalsAsync(db, partnershipId, [.. ofPartnership.SelectMany(p => p.Current)], [.. ofPartnership.SelectMany(p => p.Involvements)], ct))
                professionals[id] = professional;
            // Every agency of the partnership: a few hundred at most, whatever its size, and safeguards ask questions of
            // them all (the area most agencies serve, the partnership's one police force, its children's services).
            agencies[partnershipId] = await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnershipId).ToDictionaryAsync(a => a.Id, ct);
        }

        foreach (var (child, circle, theirs, current, theirInvolvements) in pieces)
        {
            var homesOfCircle = memberships.Where(m => circle.Contains(m.PersonId)).Select(m => m.HouseholdId).ToHashSet();
            files[child] = new CaseFile
            {
                Child = people[child],
                People = people.Where(p => circle.Contains(p.Key)).ToDictionary(),
                Relationships = [.. relationships.Where(r => circle.Contains(r.PersonId) && circle.Contains(r.RelatedPersonId))],
                Households = [.. households.Where(m => homesOfCircle.Contains(m.HouseholdId))],
                Involvements = theirInvolvements,
                Addresses = [.. addresses.Where(a => circle.Contains(a.PersonId) && a.RecordedAt <= asAt)],
                Professionals = ProfessionalsOf(professionals, people[child].PartnershipId, current, theirInvolvements),
                Agencies = agencies[people[child].PartnershipId],
                Entries = current,
                CorrectedBy = CorrectedBy(theirs),
            };
        }
        return files;
    }

    /// <summary>
    /// The entries about any of these people, each with all its subjects and its details read, in the order the database
    /// keeps them (by id, each entry's subjects by person, as an Include reads them). Without a cache, read as two flat
    /// queries, the entries and then their subjects, and put together in memory: a join would read each entry's row,
    /// details and all, once for each person it is about, and shape every row through the include's delegates, which
    /// for a family with a long chronology was most of a write's processor time. An entry's subjects are written in
    /// its transaction and never changed (the schema refuses it), so the second read finds exactly those of each entry
    /// the first read found, whatever was written between them. With a cache, the ids of the entries are read (from the
    /// index of subjects), and whole only those not kept: by id when they are few (the entries written since the family
    /// was last read), else the family's all.
    /// </summary>
    private static async Task<List<CaseEntry>> EntriesAboutAsync(ChronicleDb db, List<Guid> people, CaseEntryCache? cache, CancellationToken ct)
    {
        var entryIds = db.EntrySubjects.Where(s => people.Contains(s.PersonId)).Select(s => s.EntryId);
        if (cache is null) return await ReadAsync(db, e => entryIds.Contains(e.Id), s => entryIds.Contains(s.EntryId), ct);
        var ids = await entryIds.Distinct().OrderBy(id => id).ToListAsync(ct);
        var missing = new List<Guid>();
        var kept = cache.Find(ids, missing);
        if (missing.Count == 0) return [.. ids.Select(id => kept[id])];
        if (missing.Count > ReadByIdUpTo)
        {
            var family = await ReadAsync(db, e => entryIds.Contains(e.Id), s => entryIds.Contains(s.EntryId), ct);
            cache.Add(family);
            return family;
        }
        var read = await ReadAsync(db, e => missing.Contains(e.Id), s => missing.Contains(s.EntryId), ct);
        cache.Add(read);
        foreach (var entry in read) kept[entry.Id] = entry;
        return [.. ids.Where(kept.ContainsKey).Select(id => kept[id])];
    }

    /// <summary>These entries (and the same entries' subjects), each with its subjects and details, in the database's order of their ids.</summary>
    private static async Task<List<CaseEntry>> ReadAsync(ChronicleDb db, Expression<Func<ChronologyEntry, bool>> entries, Expression<Func<EntrySubject, bool>> theirSubjects,
        CancellationToken ct)
    {
        var rows = await db.Entries.AsNoTracking().Where(entries).OrderBy(e => e.Id).ToListAsync(ct);
        var subjects = (await db.EntrySubjects.AsNoTracking().Where(theirSubjects)
                .OrderBy(s => s.EntryId).ThenBy(s => s.PersonId).ToListAsync(ct))
            .ToLookup(s => s.EntryId);
        foreach (var entry in rows) entry.Subjects = [.. subjects[entry.Id]];
        return [.. rows.Select(e => new CaseEntry(e, DetailsReader.ReadStored(e.Kind, e.Details)))];
    }

    /// <summary>
    /// The professionals a case file can ask about, not the partnership's every one: those its entries were recorded by
    /// or name, those involved with the family, the front door's workers and the hospitals' safeguarding nurses (whom
    /// safeguards look for whoever the child is), and the managers of all of them.
    /// </summary>
    private static async Task<Dictionary<Guid, Professional>> ProfessionalsAsync(
        ChronicleDb db, Guid partnershipId, IReadOnlyList<CaseEntry> entries, IReadOnlyList<Involvement> involvements, CancellationToken ct)
    {
        var named = Named(entries, involvements);
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

    /// <summary>
    /// One child's professionals among those read for several children's files: exactly those
    /// <see cref="ProfessionalsAsync"/> reads for that child's file alone.
    /// </summary>
    private static Dictionary<Guid, Professional> ProfessionalsOf(
        Dictionary<Guid, Professional> read, Guid partnershipId, IReadOnlyList<CaseEntry> entries, IReadOnlyList<Involvement> involvements)
    {
        var named = Named(entries, involvements);
        var professionals = read.Values
            .Where(p => p.PartnershipId == partnershipId
                && (named.Contains(p.Id) || p.Role == ProfessionalRole.FrontDoorWorker || p.Role == ProfessionalRole.HospitalSafeguardingNurse))
            .ToDictionary(p => p.Id);
        foreach (var manager in professionals.Values.Select(p => p.ManagerId).OfType<Guid>().Where(id => !professionals.ContainsKey(id)).Distinct().ToList())
            if (read.TryGetValue(manager, out var found) && found.PartnershipId == partnershipId) professionals[manager] = found;
        return professionals;
    }

    /// <summary>The professionals the entries were recorded by or name, and those involved with the family.</summary>
    private static HashSet<Guid> Named(IReadOnlyList<CaseEntry> entries, IReadOnlyList<Involvement> involvements)
    {
        var named = new HashSet<Guid>();
        foreach (var entry in entries)
        {
            named.Add(entry.Entry.RecordedByProfessionalId);
            References.AddIds(entry.Details, ReferenceTarget.Professional, named);
        }
        foreach (var involvement in involvements)
            if (involvement.ProfessionalId is { } id) named.Add(id);
        return named;
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
