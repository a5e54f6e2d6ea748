using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Chronology;

/// <summary>Filters for reading a chronology; every part is optional.</summary>
public sealed record ChronologyFilter(Guid? AgencyId = null, string? Kind = null, DateOnly? From = null, DateOnly? To = null)
{
    /// <summary>Whether the filter keeps an entry: recorded by the agency, of the kind, on a day within the dates (an entry whose day is not known is kept).</summary>
    public bool Keeps(ChronologyEntry e) =>
        (AgencyId is not { } agency || e.RecordedByAgencyId == agency)
        && (string.IsNullOrWhiteSpace(Kind) || e.Kind == Kind)
        && (From is not { } from || e.OccurredOn.Value is null || e.OccurredOn.Value >= from)
        && (To is not { } to || e.OccurredOn.Value is null || e.OccurredOn.Value <= to);
}

/// <summary>An entry as shown to a reader: what it says, who recorded it, and how it stands (corrected or a correction).</summary>
public sealed record ChronologyItem(
    ChronologyEntry Entry,
    EntryDetails Details,
    string KindLabel,
    string Summary,
    string RecordedBy,
    string Agency,
    IReadOnlyList<string> About,
    Guid? SupersededBy,
    string? SupersededReason)
{
    public bool IsSuperseded => SupersededBy is not null;
    public bool IsCorrection => Entry.SupersedesEntryId is not null;

    /// <summary>People the entry names whom the reader may not see: left out of what the reader is shown (<see cref="Withholding"/>).</summary>
    public IReadOnlySet<Guid> Withheld { get; init; } = Withholding.Nobody;

    /// <summary>The people the entry is about, less those withheld from the reader.</summary>
    public IReadOnlyList<Guid> SubjectIds => [.. Entry.Subjects.Select(s => s.PersonId).Where(id => !Withheld.Contains(id))];

    /// <summary>Everything the entry's details hold, in words (<see cref="EntryFields"/>): what the summary leaves out is shown here.</summary>
    public IReadOnlyList<EntryField> Fields { get; init; } = [];

    /// <summary>The entry's details as JSON, each id of a withheld person replaced by null.</summary>
    public string DetailsJson => Withholding.Redact(Entry.Details, Withheld);
}

/// <summary>A child's chronology before its details are read: the entries (filtered), oldest first, and the correction of each corrected one.</summary>
public sealed record ChildChronology(IReadOnlyList<ChronologyEntry> Entries, IReadOnlyDictionary<Guid, (Guid Id, string? Reason)> Corrections)
{
    /// <summary>Each corrected entry's later versions (<see cref="Chronology.Corrections.LaterVersionsAsync"/>), when they were read with the entries; otherwise empty.</summary>
    public IReadOnlyDictionary<Guid, IReadOnlyList<ChronologyEntry>> LaterVersions { get; init; } = new Dictionary<Guid, IReadOnlyList<ChronologyEntry>>();
}

/// <summary>Reads a child's chronology: entries about the child and about the people around the child, oldest first.</summary>
public static class ChronologyReader
{
    public static async Task<IReadOnlyList<ChronologyItem>> ForChildAsync(ChronicleDb db, Guid partnershipId, Guid childId, ChronologyFilter? filter = null, CancellationToken ct = default)
    {
        var chronology = await EntriesForChildAsync(db, partnershipId, childId, filter, ct);
        var read = chronology.Entries.Select(e => (Entry: e, Details: DetailsReader.ReadStored(e.Kind, e.Details))).ToList();
        var names = await NamesInAsync(db, partnershipId, read, ct);
        return [.. read.Select(r => Item(r.Entry, r.Details, chronology, names))];
    }

    /// <summary>
    /// The entries of a child's chronology without reading their details, so that a reader of a long chronology can
    /// choose the few to show (<see cref="Item"/>) after checking which the user may see.
    /// </summary>
    public static async Task<ChildChronology> EntriesForChildAsync(ChronicleDb db, Guid partnershipId, Guid childId, ChronologyFilter? filter = null, CancellationToken ct = default)
    {
        filter ??= new ChronologyFilter();
        var circle = await Family.AroundChildAsync(db, childId, ct);
        var ids = db.EntrySubjects.Where(s => circle.Contains(s.PersonId)).Select(s => s.EntryId);
        var query = db.Entries.AsNoTracking().Include(e => e.Subjects).Where(e => e.PartnershipId == partnershipId && ids.Contains(e.Id));
        if (filter.AgencyId is { } agency) query = query.Where(e => e.RecordedByAgencyId == agency);
        if (!string.IsNullOrWhiteSpace(filter.Kind)) query = query.Where(e => e.Kind == filter.Kind);
        var entries = await query.ToListAsync(ct);
        if (filter.From is not null || filter.To is not null) entries = [.. entries.Where(filter.Keeps)];

        // Corrections of the listed entries are shown with them even when the filter alone would leave them out.
        var listed = entries.Select(e => e.Id).ToList();
        var corrections = await db.Entries.AsNoTracking().Where(e => e.SupersedesEntryId != null && listed.Contains(e.SupersedesEntryId.Value))
            .Select(e => new { e.Id, Of = e.SupersedesEntryId!.Value, e.CorrectionReason }).ToListAsync(ct);
        return new ChildChronology([.. entries.OrderBy(e => e.When).ThenBy(e => e.RecordedAt).ThenBy(e => e.Id)], corrections.ToDictionary(c => c.Of, c => (c.Id, c.CorrectionReason)));
    }

    /// <summary>
    /// The outlines of a child's whole chronology (the entries about the people around the child, already worked out:
    /// <see cref="Family.AroundChildAsync"/>), oldest first: each entry with what decides who may read it and where it
    /// sorts (kind, dates, recorder and agency, significance, sharing level, what it corrects, its subjects), its
    /// details and narrative not read (<c>Details</c> is empty); and each corrected entry's later versions, whose
    /// correction is shown with it. A few queries whatever the chronology's length, so that a reader decides who may
    /// see what on the whole chronology, filters it (<see cref="ChronologyFilter.Keeps"/>) and chooses the few entries
    /// to read whole.
    /// </summary>
    public static async Task<ChildChronology> OutlinesForChildAsync(ChronicleDb db, Guid partnershipId, IReadOnlySet<Guid> circle, CancellationToken ct = default)
    {
        var people = circle.ToList();
        var ids = db.EntrySubjects.Where(s => people.Contains(s.PersonId)).Select(s => s.EntryId);
        var query = db.Entries.AsNoTracking().Where(e => e.PartnershipId == partnershipId && ids.Contains(e.Id));
        var entries = await query.Select(e => new ChronologyEntry
        {
            Id = e.Id,
            PartnershipId = e.PartnershipId,
            Kind = e.Kind,
            Details = "",
            OccurredAt = e.OccurredAt,
            OccurredPrecision = e.OccurredPrecision,
            RecordedAt = e.RecordedAt,
            RecordedByProfessionalId = e.RecordedByProfessionalId,
            RecordedByAgencyId = e.RecordedByAgencyId,
            Source = e.Source,
            Significance = e.Significance,
            SharingLevel = e.SharingLevel,
            SupersedesEntryId = e.SupersedesEntryId,
        }).ToListAsync(ct);
        // Whom each is about, read flat beside them (a collection in the projection costs more to read than the entries).
        var listed = query.Select(e => e.Id);
        var subjects = (await db.EntrySubjects.AsNoTracking().Where(s => listed.Contains(s.EntryId)).Select(s => new { s.EntryId, s.PersonId }).ToListAsync(ct))
            .ToLookup(s => s.EntryId);
        foreach (var entry in entries) entry.Subjects = [.. subjects[entry.Id].Select(s => new EntrySubject { EntryId = s.EntryId, PersonId = s.PersonId })];

        // Each entry's later versions, found by the chronology's own query: no parameter per entry.
        var later = await Corrections.LaterVersionsAsync(db, [.. entries.Select(e => e.Id)], listed, ct);
        return new ChildChronology([.. entries.OrderBy(e => e.When).ThenBy(e => e.RecordedAt).ThenBy(e => e.Id)], later.ToDictionary(l => l.Key, l => (l.Value[0].Id, l.Value[0].CorrectionReason)))
        {
            LaterVersions = later,
        };
    }

    /// <summary>One entry of a child's chronology as a reader sees it: its details read and summarised.</summary>
    public static ChronologyItem Item(ChronologyEntry e, ChildChronology chronology, Names names) =>
        Item(e, DetailsReader.ReadStored(e.Kind, e.Details), chronology, names);

    /// <summary>The same for an entry whose details are already read.</summary>
    public static ChronologyItem Item(ChronologyEntry e, EntryDetails details, ChildChronology chronology, Names names)
    {
        var kind = EntryKinds.Find(e.Kind)!;
        var corrected = chronology.Corrections.TryGetValue(e.Id, out var by);
        return new ChronologyItem(
            e, details, kind.Label, EntrySummary.Of(details, names),
            names.Professional(e.RecordedByProfessionalId), names.Agency(e.RecordedByAgencyId),
            [.. e.Subjects.Select(s => names.Person(s.PersonId))],
            corrected ? by.Id : null, corrected ? by.Reason : null)
        { Fields = EntryFields.Of(details, names) };
    }

    /// <summary>
    /// Only these people's and these professionals' names, and the partnership's agencies (a few hundred at most,
    /// whatever its size): a page, a list or a message reads the names it shows, never the partnership's every one.
    /// </summary>
    public static async Task<Names> NamesAsync(ChronicleDb db, Guid partnershipId, IEnumerable<Guid> people, IEnumerable<Guid> professionals, CancellationToken ct = default)
    {
        var personIds = people.Distinct().ToList();
        var professionalIds = professionals.Distinct().ToList();
        return new(
            personIds.Count == 0 ? new Dictionary<Guid, string>()
                : await db.People.AsNoTracking().Where(p => p.PartnershipId == partnershipId && personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct),
            professionalIds.Count == 0 ? new Dictionary<Guid, string>()
                : await db.Professionals.AsNoTracking().Where(p => p.PartnershipId == partnershipId && professionalIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct),
            await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnershipId).ToDictionaryAsync(a => a.Id, a => a.Name, ct));
    }

    /// <summary>
    /// The names these entries show, and no others: their subjects and recorders, and the people and professionals
    /// their details name (read from each entry's details once: they are given, read, with the entry).
    /// </summary>
    public static Task<Names> NamesInAsync(ChronicleDb db, Guid partnershipId, IEnumerable<(ChronologyEntry Entry, EntryDetails Details)> entries, CancellationToken ct = default)
    {
        var (people, professionals) = NamedIn(entries);
        return NamesAsync(db, partnershipId, people, professionals, ct);
    }

    /// <summary>The people and professionals these entries name: their subjects and recorders, and the ids their details hold.</summary>
    public static (HashSet<Guid> People, HashSet<Guid> Professionals) NamedIn(IEnumerable<(ChronologyEntry Entry, EntryDetails Details)> entries)
    {
        var people = new HashSet<Guid>();
        var professionals = new HashSet<Guid>();
        foreach (var (entry, details) in entries)
        {
            professionals.Add(entry.RecordedByProfessionalId);
            people.UnionWith(entry.Subjects.Select(s => s.PersonId));
            foreach (var reference in References.In(details))
                if (reference.Target == ReferenceTarget.Person) people.Add(reference.Id);
                else if (reference.Target == ReferenceTarget.Professional) professionals.Add(reference.Id);
        }
        return (people, professionals);
    }

    /// <summary>One person's display name, or null when they are not of this partnership.</summary>
    public static async Task<string?> PersonNameAsync(ChronicleDb db, Guid partnershipId, Guid personId, CancellationToken ct = default) =>
        (await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId && p.PartnershipId == partnershipId, ct))?.DisplayName;
}

/// <summary>Display names by id, for summaries; a withheld person is named only as <see cref="WithheldPerson"/>.</summary>
public sealed class Names(IReadOnlyDictionary<Guid, string> people, IReadOnlyDictionary<Guid, string> professionals, IReadOnlyDictionary<Guid, string> agencies, IReadOnlySet<Guid>? withheld = null)
{
    public const string WithheldPerson = "someone you do not have access to";

    public string Person(Guid? id) => id is { } v && withheld is not null && withheld.Contains(v) ? WithheldPerson
        : id is { } w && people.TryGetValue(w, out var n) ? n : "someone not on record";

    /// <summary>These names with these people withheld (a reader who may not see them).</summary>
    public Names Withholding(IReadOnlySet<Guid> hidden) => hidden.Count == 0 ? this : new(people, professionals, agencies, hidden);

    public string Professional(Guid? id) => id is { } v && professionals.TryGetValue(v, out var n) ? n : "no one named";
    public string Agency(Guid? id) => id is { } v && agencies.TryGetValue(v, out var n) ? n : "an agency not on record";
}
