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
/// Safeguards read nothing else.
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

    private ILookup<Type, CaseEntry>? _byType;

    /// <summary>The entries of one kind, oldest first. Every safeguard asks this, so entries are grouped by kind once.</summary>
    public IEnumerable<CaseEntry> Of<T>() where T : EntryDetails => (_byType ??= Entries.ToLookup(e => e.Details.GetType()))[typeof(T)];

    public IEnumerable<CaseEntry> AboutChild => Entries.Where(e => e.Entry.IsAbout(Child.Id));

    /// <summary>The lead professional for the child, if one is recorded.</summary>
    public Involvement? Lead(DateOnly on) =>
        Involvements.Where(i => i.PersonId == Child.Id && i.IsLead && i.IsActiveOn(on)).OrderByDescending(i => i.From).FirstOrDefault();

    /// <summary>People living with the child on a day (the child excluded).</summary>
    public IEnumerable<Guid> HouseholdOn(DateOnly day)
    {
        var homes = Households.Where(m => m.PersonId == Child.Id && m.IsCurrentOn(day)).Select(m => m.HouseholdId).ToHashSet();
        return Households.Where(m => homes.Contains(m.HouseholdId) && m.PersonId != Child.Id && m.IsCurrentOn(day))
            .Select(m => m.PersonId).Distinct();
    }

    /// <summary>The child's parents and carers by relationship.</summary>
    public IEnumerable<Guid> Parents =>
        Relationships.Where(r => r.RelatedPersonId == Child.Id && Relationship.IsParental(r.Kind)).Select(r => r.PersonId).Distinct();
}
