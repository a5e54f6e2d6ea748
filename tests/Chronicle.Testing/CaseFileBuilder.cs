using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Time;

namespace Chronicle.Testing;

/// <summary>
/// Builds a <see cref="CaseFile"/> in memory for safeguard tests: people, the ties between them, professionals
/// and entries, without a database. Times are UK local times on the given day.
/// </summary>
public sealed class CaseFileBuilder
{
    private readonly Guid _partnership = Guid.NewGuid();
    private readonly Dictionary<Guid, Person> _people = [];
    private readonly List<Relationship> _relationships = [];
    private readonly List<HouseholdMembership> _households = [];
    private readonly List<Involvement> _involvements = [];
    private readonly List<AddressFact> _addresses = [];
    private readonly Dictionary<Guid, Professional> _professionals = [];
    private readonly Dictionary<Guid, Agency> _agencies = [];
    private readonly List<ChronologyEntry> _entries = [];
    private readonly Guid _household = Guid.NewGuid();
    private Person? _child;

    public Dictionary<string, string> Policy { get; } = [];

    /// <summary>The child whose case file is built (the first child added, unless chosen).</summary>
    public Person Child(string name, DateOnly? dateOfBirth = null, PersonKind kind = PersonKind.Child, bool livesHere = true)
    {
        var person = AddPerson(name, kind, dateOfBirth);
        _child ??= person;
        if (livesHere) LivesHere(person);
        return person;
    }

    public Person Adult(string name, bool livesHere = true)
    {
        var person = AddPerson(name, PersonKind.Adult, null);
        if (livesHere) LivesHere(person);
        return person;
    }

    public CaseFileBuilder Focus(Person child)
    {
        _child = child;
        return this;
    }

    public Relationship Relate(Person person, RelationshipKind kind, Person of)
    {
        var r = new Relationship { Id = Guid.NewGuid(), PartnershipId = _partnership, PersonId = person.Id, RelatedPersonId = of.Id, Kind = kind };
        _relationships.Add(r);
        return r;
    }

    /// <summary>The person lives in the family's household (or in <paramref name="household"/>, another home) from and to the days given.</summary>
    public HouseholdMembership LivesHere(Person person, DateOnly? from = null, DateOnly? to = null, Guid? household = null)
    {
        var m = new HouseholdMembership { Id = Guid.NewGuid(), HouseholdId = household ?? _household, PersonId = person.Id, From = from, To = to };
        _households.Add(m);
        return m;
    }

    public Agency Agency(string name, AgencyKind kind, string? area = null)
    {
        var a = new Agency { Id = Guid.NewGuid(), PartnershipId = _partnership, Name = name, Kind = kind, Area = area };
        _agencies[a.Id] = a;
        return a;
    }

    public Professional Professional(string name, ProfessionalRole role, Agency agency, Professional? manager = null)
    {
        var p = new Professional { Id = Guid.NewGuid(), PartnershipId = _partnership, AgencyId = agency.Id, Name = name, Role = role, ManagerId = manager?.Id };
        _professionals[p.Id] = p;
        return p;
    }

    public Involvement Involve(Professional professional, Person with, DateOnly from, string role = "worker", bool lead = false, DateOnly? to = null)
    {
        var i = new Involvement
        {
            Id = Guid.NewGuid(), PartnershipId = _partnership, PersonId = with.Id, AgencyId = professional.AgencyId,
            ProfessionalId = professional.Id, Role = role, IsLead = lead, From = from, To = to,
        };
        _involvements.Add(i);
        return i;
    }

    public AddressFact Address(Person person, string address, Agency reportedBy, DateOnly? from = null, string? localAuthority = null, DateTimeOffset? recordedAt = null)
    {
        var a = new AddressFact
        {
            Id = Guid.NewGuid(), PartnershipId = _partnership, PersonId = person.Id, Address = address, LocalAuthority = localAuthority,
            From = from, ReportedByAgencyId = reportedBy.Id, RecordedAt = recordedAt ?? DateTimeOffset.MinValue,
        };
        _addresses.Add(a);
        return a;
    }

    /// <summary>Records an entry that happened and was recorded at <paramref name="at"/> (UK time).</summary>
    public CaseEntry Record(DateTime at, Professional by, EntryDetails details, params Person[] about) =>
        Record(At(at), At(at), by, details, about);

    public CaseEntry Record(DateTimeOffset occurred, DateTimeOffset recorded, Professional by, EntryDetails details, params Person[] about)
    {
        if (about.Length == 0) about = [_child ?? throw new InvalidOperationException("Add a child first.")];
        var entry = new ChronologyEntry
        {
            Id = Guid.NewGuid(), PartnershipId = _partnership, Kind = EntryKinds.Of(details).Code, Details = DetailsReader.Write(details),
            OccurredAt = occurred, OccurredPrecision = DatePrecision.Exact, RecordedAt = recorded, RecordedByProfessionalId = by.Id,
            RecordedByAgencyId = by.AgencyId, Source = Source.SeenByRecorder, Significance = Significance.Significant, SharingLevel = SharingLevel.Team,
        };
        entry.Subjects = [.. about.Select(p => new EntrySubject { EntryId = entry.Id, PersonId = p.Id })];
        _entries.Add(entry);
        return new CaseEntry(entry, details);
    }

    /// <summary>A correction of an earlier entry.</summary>
    public CaseEntry Correct(CaseEntry original, DateTime at, Professional by, EntryDetails details, string reason)
    {
        var corrected = Record(at, by, details, [.. original.Entry.Subjects.Select(s => _people[s.PersonId])]);
        corrected.Entry.SupersedesEntryId = original.Id;
        corrected.Entry.CorrectionReason = reason;
        return corrected;
    }

    /// <summary>The case file as it stands at <paramref name="asAt"/>: entries recorded later are not in it.</summary>
    public CaseFile Build(DateTimeOffset? asAt = null) => new()
    {
        Child = _child ?? throw new InvalidOperationException("Add a child first."),
        People = _people,
        Relationships = _relationships,
        Households = _households,
        Involvements = _involvements,
        Addresses = [.. _addresses.Where(a => asAt is null || a.RecordedAt <= asAt)],
        Professionals = _professionals,
        Agencies = _agencies,
        Entries = CaseFileLoader.Current(_entries.Where(e => asAt is null || e.RecordedAt <= asAt)),
    };

    public SafeguardContext Context(DateTime now) => new(At(now), WorkingDayCalendar.EnglandAndWales, new PolicySettings(Policy));

    /// <summary>Evaluates a safeguard as the engine would at <paramref name="now"/> (UK time).</summary>
    public IReadOnlyList<Finding> Evaluate(ISafeguard safeguard, DateTime now) => [.. safeguard.Evaluate(Build(At(now)), Context(now))];

    public static DateTimeOffset At(DateTime ukLocal) => new(ukLocal, WorkingDayCalendar.UkTime.GetUtcOffset(ukLocal));

    private Person AddPerson(string name, PersonKind kind, DateOnly? dateOfBirth)
    {
        var person = new Person
        {
            Id = Guid.NewGuid(), PartnershipId = _partnership, Kind = kind, KnownAs = name, DateOfBirth = dateOfBirth,
            DateOfBirthPrecision = dateOfBirth is null ? DatePrecision.Unknown : DatePrecision.Day,
        };
        _people[person.Id] = person;
        return person;
    }
}
