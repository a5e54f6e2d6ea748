using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;

namespace Chronicle.Core.Safeguards;

/// <summary>A chronology entry with its details read into their record.</summary>
public sealed record CaseEntry(ChronologyEntry Entry, EntryDetails Details)
{
    public Guid Id => Entry.Id;
    public DateTimeOffset When => Entry.When;
    public DateTimeOffset RecordedAt => Entry.RecordedAt;
    public T? As<T>() where T : EntryDetails => Details as T;
}

/// <summary>
/// What Chronicle knows about one child at one moment: the child, the people around them, the professionals
/// involved, and the current chronology (corrections applied: a superseded entry is replaced by its correction).
/// Safeguards read nothing else. A case file builds its indexes (entries by kind, decisions by the entry they are
/// about) the first time they are asked for, so it is not for use by several threads at once.
/// </summary>
public sealed class CaseFile
{
    public required Person Child { get; init; }
    /// <summary>Everyone linked to the child by relationship or household, the child included.</summary>
    public required IReadOnlyDictionary<Guid, Person> People { get; init; }
    public required IReadOnlyList<Relationship> Relationships { get; init; }
    public required IReadOnlyList<HouseholdMembership> Households { get; init; }
    public required IReadOnlyList<Involvement> Involvements { get; init; }
    public required IReadOnlyList<AddressFact> Addresses { get; init; }
    public required IReadOnlyDictionary<Guid, Professional> Professionals { get; init; }
    public required IReadOnlyDictionary<Guid, Agency> Agencies { get; init; }
    /// <summary>Current entries about the child or anyone around them, oldest first.</summary>
    public required IReadOnlyList<CaseEntry> Entries { get; init; }
    /// <summary>
    /// Each corrected entry with the entry that corrected it, so that a reference to an entry as first recorded (a
    /// plan-ended naming a plan's first start) finds the entry that stands for it now (<see cref="CaseFacts.CurrentIdOf"/>).
    /// </summary>
    public IReadOnlyDictionary<Guid, Guid> CorrectedBy { get; init; } = new Dictionary<Guid, Guid>();

    private Dictionary<Type, CaseEntry[]>? _byType;
    private Dictionary<Type, CaseEntry[]>? _aboutChildByType;
    private DateTimeOffset? _recordedUpTo;
    private CaseEntry[]? _aboutChild;
    private Dictionary<Guid, List<CaseEntry>>? _decisionsAbout;
    private Guid[]? _parents;

    /// <summary>The entries of one kind, oldest first. Every safeguard asks this, so entries are grouped by kind once.</summary>
    public IReadOnlyList<CaseEntry> Of<T>() where T : EntryDetails =>
        (_byType ??= Group(Entries)).TryGetValue(typeof(T), out var entries) ? entries : [];

    /// <summary>The entries of one kind about the child, oldest first: most safeguards look only at those.</summary>
    public IReadOnlyList<CaseEntry> OfAboutChild<T>() where T : EntryDetails
    {
        _aboutChildByType ??= [];
        if (_aboutChildByType.TryGetValue(typeof(T), out var known)) return known;
        var all = Of<T>();
        var about = new List<CaseEntry>(all.Count);
        for (var i = 0; i < all.Count; i++)
            if (all[i].Entry.IsAbout(Child.Id)) about.Add(all[i]);
        var entries = about.Count == all.Count && all is CaseEntry[] same ? same : about.ToArray();
        _aboutChildByType[typeof(T)] = entries;
        return entries;
    }

    /// <summary>
    /// When the latest entry, address, household membership, relationship or involvement in the file was recorded:
    /// from then on, everything in it is known.
    /// </summary>
    public DateTimeOffset RecordedUpTo
    {
        get
        {
            if (_recordedUpTo is { } known) return known;
            var latest = DateTimeOffset.MinValue;
            for (var i = 0; i < Entries.Count; i++)
                if (Entries[i].RecordedAt > latest) latest = Entries[i].RecordedAt;
            foreach (var a in Addresses) if (a.RecordedAt > latest) latest = a.RecordedAt;
            foreach (var m in Households) if (m.RecordedAt > latest) latest = m.RecordedAt;
            foreach (var r in Relationships) if (r.RecordedAt > latest) latest = r.RecordedAt;
            foreach (var i in Involvements) if (i.RecordedAt > latest) latest = i.RecordedAt;
            _recordedUpTo = latest;
            return latest;
        }
    }

    /// <summary>
    /// The entries of one kind known at a moment (recorded by then), oldest first: the one way a safeguard reads what
    /// was known when, so that a look back sees only what had been recorded.
    /// </summary>
    public KnownEntries<T> Known<T>(DateTimeOffset at) where T : EntryDetails => KnownEntries<T>.At((CaseEntry[])Of<T>(), at);

    /// <summary>The entries of one kind about the child known at a moment (recorded by then), oldest first.</summary>
    public KnownEntries<T> KnownAboutChild<T>(DateTimeOffset at) where T : EntryDetails => KnownEntries<T>.At((CaseEntry[])OfAboutChild<T>(), at);

    /// <summary>Every entry about the child, oldest first.</summary>
    public IReadOnlyList<CaseEntry> EntriesAboutChild
    {
        get
        {
            if (_aboutChild is null)
            {
                var about = new List<CaseEntry>(Entries.Count);
                for (var i = 0; i < Entries.Count; i++)
                    if (Entries[i].Entry.IsAbout(Child.Id)) about.Add(Entries[i]);
                _aboutChild = [.. about];
            }
            return _aboutChild;
        }
    }

    /// <summary>
    /// Entries of one kind by the entry each points at (a share by the entry shared, an acknowledgement by the share):
    /// a safeguard asks "what answers this entry?" of each entry it looks at.
    /// </summary>
    internal Dictionary<Guid, List<CaseEntry>> Pointing<T>(Func<T, Guid?> at) where T : EntryDetails
    {
        var index = new Dictionary<Guid, List<CaseEntry>>();
        foreach (var entry in Of<T>())
        {
            if (at((T)entry.Details) is not { } target) continue;
            if (!index.TryGetValue(target, out var list)) index[target] = list = [];
            list.Add(entry);
        }
        return index;
    }

    /// <summary>The decisions recorded about an entry (by its id), oldest first: many safeguards ask whether one answers them.</summary>
    internal IReadOnlyList<CaseEntry> DecisionsAbout(Guid entryId)
    {
        if (_decisionsAbout is null)
        {
            var index = new Dictionary<Guid, List<CaseEntry>>();
            foreach (var decision in Of<DecisionRecorded>())
            {
                if (((DecisionRecorded)decision.Details).AboutEntryId is not { } about) continue;
                if (!index.TryGetValue(about, out var list)) index[about] = list = [];
                list.Add(decision);
            }
            _decisionsAbout = index;
        }
        return _decisionsAbout.TryGetValue(entryId, out var decisions) ? decisions : [];
    }

    /// <summary>
    /// This case file with one more entry, in date order; a correction takes the place of the entry it corrects.
    /// Effects of the entry on the record itself (an address, a household) are not applied: load the file again for those.
    /// </summary>
    public CaseFile With(CaseEntry entry)
    {
        var replaced = entry.Entry.SupersedesEntryId is { } id ? Entries.FirstOrDefault(e => e.Id == id) : null;
        return new CaseFile
        {
            Child = Child,
            People = People,
            Relationships = Relationships,
            Households = Households,
            Involvements = Involvements,
            Addresses = Addresses,
            Professionals = Professionals,
            Agencies = Agencies,
            Entries = Inserted(Entries, entry, replaced),
            CorrectedBy = entry.Entry.SupersedesEntryId is { } corrected ? new Dictionary<Guid, Guid>(CorrectedBy) { [corrected] = entry.Id } : CorrectedBy,
        };
    }

    public IEnumerable<CaseEntry> AboutChild => EntriesAboutChild;

    /// <summary>The lead professional for the child, if one is recorded (the latest to start, if several are).</summary>
    public Involvement? Lead(DateOnly on)
    {
        Involvement? lead = null;
        foreach (var i in Involvements)
            if (i.PersonId == Child.Id && i.IsLead && i.IsActiveOn(on) && (lead is null || i.From > lead.From)) lead = i;
        return lead;
    }

    /// <summary>People living with the child on a day (the child excluded).</summary>
    public IReadOnlyList<Guid> HouseholdOn(DateOnly day)
    {
        var homes = new List<Guid>();
        foreach (var m in Households)
            if (m.PersonId == Child.Id && m.IsCurrentOn(day)) homes.Add(m.HouseholdId);
        var people = new List<Guid>();
        foreach (var m in Households)
            if (homes.Contains(m.HouseholdId) && m.PersonId != Child.Id && m.IsCurrentOn(day) && !people.Contains(m.PersonId)) people.Add(m.PersonId);
        return people.ToArray();
    }

    /// <summary>The child's parents and carers by relationship.</summary>
    public IReadOnlyList<Guid> Parents => _parents ??=
        [.. Relationships.Where(r => r.RelatedPersonId == Child.Id && Relationship.IsParental(r.Kind)).Select(r => r.PersonId).Distinct()];

    /// <summary>Whether everything in the file had been recorded by the moment.</summary>
    public bool AllKnownAt(DateTimeOffset now) => now >= RecordedUpTo;

    private static Dictionary<Type, CaseEntry[]> Group(IReadOnlyList<CaseEntry> entries) =>
        entries.GroupBy(e => e.Details.GetType()).ToDictionary(g => g.Key, g => g.ToArray());

    /// <summary>The entries with one more in date order (after any at the same moment), less the one it replaces.</summary>
    private static CaseEntry[] Inserted(IReadOnlyList<CaseEntry> entries, CaseEntry entry, CaseEntry? replaced)
    {
        var result = new List<CaseEntry>(entries.Count + 1);
        var at = entries.Count;
        while (at > 0 && IsAfter(entries[at - 1], entry)) at--;
        for (var i = 0; i < entries.Count; i++)
        {
            if (i == at) result.Add(entry);
            if (entries[i] != replaced) result.Add(entries[i]);
        }
        if (at == entries.Count) result.Add(entry);
        return [.. result];
    }

    private static bool IsAfter(CaseEntry a, CaseEntry b) => a.When > b.When || (a.When == b.When && a.RecordedAt > b.RecordedAt);
}
