using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Time;

namespace Chronicle.Core.Synthetic;

/// <summary>
/// Generates one family and its chronology. Each child has a budget of entries: the child's work with children's
/// social care runs in order (a contact, its decision, an assessment, perhaps a strategy discussion, an enquiry, a
/// conference and a plan with its core groups and reviews, then closure), and appointments, visits, incidents,
/// concerns about the adults, injuries, tests and moves fall between. Most steps are on time and most loose ends are
/// tied; a realistic few are not, so the safeguards find something to say.
/// </summary>
internal sealed partial class FamilyGenerator(SyntheticOptions options, SyntheticStaff staff, Guid partnership, int seed)
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.EnglandAndWales;
    private const string DetailsStandIn = "{}";

    private readonly DateOnly _today = WorkingDayCalendar.UkDate(options.Now);
    private readonly Dictionary<Guid, Person> _people = [];
    private readonly List<Person> _children = [];
    private readonly List<Relationship> _relationships = [];
    private readonly List<HouseholdMembership> _memberships = [];
    private readonly List<Involvement> _involvements = [];
    private readonly List<AddressFact> _addresses = [];
    private readonly List<CaseEntry> _entries = [];
    private readonly List<Household> _otherHouseholds = [];
    private readonly Dictionary<Guid, Involvement> _allocated = [];
    private readonly Dictionary<Guid, Professional> _school = [];
    private readonly Dictionary<Guid, DateOnly> _casework = [];
    private Household _household = null!;
    private Person _mother = null!;
    private Person? _father;
    private Person? _partner;
    private Professional _gp = null!;
    private Professional _healthVisitor = null!;
    private Professional _socialWorker = null!;
    private Professional _familySupport = null!;
    private Professional _police = null!;
    private Agency _hospital = null!;
    private int _intensity;

    public Random Random { get; } = new(seed);

    public SyntheticFamily Generate(int children, int[] budgets)
    {
        CreateFamily(children);
        for (var i = 0; i < _children.Count; i++)
        {
            var child = _children[i];
            var target = _entries.Count + budgets[i];
            _intensity = budgets[i] < 70 ? 0 : budgets[i] < 160 ? 1 : 2;
            for (var guard = 0; _entries.Count < target && guard < budgets[i] * 3; guard++) Episode(child, target);
        }
        Practice();
        return Build([.. _entries]);
    }

    /// <summary>The family with only its first <paramref name="count"/> entries: the chronology as it stood a little earlier.</summary>
    public static SyntheticFamily Truncated(SyntheticFamily family, int count, SyntheticStaff staff)
    {
        var kept = family.Entries.Take(count).ToList();
        var ids = kept.Select(e => e.Id).ToHashSet();
        ids.UnionWith(kept.Where(e => e.Entry.SupersedesEntryId is not null).Select(e => e.Entry.SupersedesEntryId!.Value));
        var entries = CaseFileLoader.Current(kept);
        return new SyntheticFamily
        {
            Household = family.Household,
            OtherHouseholds = family.OtherHouseholds,
            People = family.People,
            Children = family.Children,
            Relationships = family.Relationships,
            Memberships = family.Memberships,
            Involvements = family.Involvements,
            Addresses = [.. family.Addresses.Where(a => a.EntryId is null || ids.Contains(a.EntryId.Value))],
            Recorded = [.. family.Recorded.Where(e => ids.Contains(e.Id))],
            Entries = entries,
            CaseFiles = [.. family.Children.Select(c => CaseFileFor(c, family.People, family.Relationships, family.Memberships, family.Involvements, family.Addresses, staff, entries))],
        };
    }

    private SyntheticFamily Build(CaseEntry[] recorded)
    {
        var entries = CaseFileLoader.Current(recorded);
        return new SyntheticFamily
        {
            Household = _household,
            OtherHouseholds = _otherHouseholds,
            People = _people,
            Children = _children,
            Relationships = _relationships,
            Memberships = _memberships,
            Involvements = _involvements,
            Addresses = _addresses,
            Recorded = recorded,
            Entries = entries,
            CaseFiles = [.. _children.Select(c => CaseFileFor(c, _people, _relationships, _memberships, _involvements, _addresses, staff, entries))],
        };
    }

    private static CaseFile CaseFileFor(Person child, IReadOnlyDictionary<Guid, Person> people, IReadOnlyList<Relationship> relationships,
        IReadOnlyList<HouseholdMembership> memberships, IReadOnlyList<Involvement> involvements, IReadOnlyList<AddressFact> addresses,
        SyntheticStaff staff, IReadOnlyList<CaseEntry> entries) => new()
        {
            Child = child,
            People = people,
            Relationships = relationships,
            Households = memberships,
            Involvements = involvements,
            Addresses = addresses,
            Professionals = staff.Professionals,
            Agencies = staff.Agencies,
            Entries = entries,
        };

    // ---- The family ----

    private void CreateFamily(int children)
    {
        var surname = Pick(Names.Family);
        _household = new Household { Id = NextId(), PartnershipId = partnership, Name = $"The {surname} household" };
        var practice = Random.Next(staff.GpPractices.Length);
        _gp = staff.GeneralPractitioners[practice * 3 + Random.Next(3)];
        _healthVisitor = Pick(staff.HealthVisitors);
        _socialWorker = Pick(staff.SocialWorkers);
        _familySupport = Pick(staff.FamilySupportWorkers);
        _police = Pick(staff.PoliceOfficers);
        _hospital = Pick(staff.Hospitals);

        _mother = AddPerson(PersonKind.Adult, surname, null, Sex.Female);
        Live(_mother, null);
        if (Chance(0.65))
        {
            _father = AddPerson(PersonKind.Adult, Chance(0.7) ? surname : Pick(Names.Family), null, Sex.Male);
            if (Chance(0.7)) Live(_father, null);
            else
            {
                var elsewhere = new Household { Id = NextId(), PartnershipId = partnership, Name = $"{_father.FamilyName} (father's home)" };
                _otherHouseholds.Add(elsewhere);
                _memberships.Add(new HouseholdMembership { Id = NextId(), HouseholdId = elsewhere.Id, PersonId = _father.Id, RecordedAt = Start() });
            }
        }

        var oldest = _today.AddYears(-17);
        for (var i = 0; i < children; i++)
        {
            var unborn = i == children - 1 && Chance(0.03);
            var born = unborn ? (DateOnly?)null : oldest.AddDays(Random.Next(_today.DayNumber - oldest.DayNumber - 14));
            var child = AddPerson(unborn ? PersonKind.UnbornChild : PersonKind.Child, surname, born, Chance(0.5) ? Sex.Female : Sex.Male);
            if (unborn) child.ExpectedDateOfDelivery = _today.AddDays(14 + Random.Next(140));
            _children.Add(child);
            Live(child, born);
            Relate(_mother, RelationshipKind.Mother, child);
            if (_father is not null) Relate(_father, RelationshipKind.Father, child);
            foreach (var sibling in _children.Take(i)) Relate(sibling, RelationshipKind.Sibling, child);
            Involve(_gp, child, born ?? _today, "GP");
            if (born is { } b)
            {
                if (b.AddYears(5) > options.From) Involve(_healthVisitor, child, b, "health visitor", to: b.AddYears(5));
                if (b.AddYears(16) > options.From && b.AddYears(4) < _today)
                {
                    var school = Random.Next(staff.Schools.Length);
                    _school[child.Id] = staff.SafeguardingLeads[school];
                    Involve(staff.SafeguardingLeads[school], child, b.AddYears(4), "designated safeguarding lead", to: b.AddYears(16));
                }
            }
        }

        Involve(_gp, _mother, options.From.AddYears(-3), "GP");
        if (_father is not null) Involve(staff.GeneralPractitioners[Random.Next(staff.GeneralPractitioners.Length)], _father, options.From.AddYears(-3), "GP");
        if (Chance(0.15))
        {
            _partner = AddPerson(PersonKind.Adult, Pick(Names.Family), null, Sex.Male);
            Relate(_partner, RelationshipKind.PartnerOfParent, _mother);
        }
        Addresses();
    }

    private void Addresses()
    {
        var home = $"{1 + Random.Next(180)} {Pick(Names.Streets)}, Northshire";
        var reported = Start();
        foreach (var m in _memberships.Where(m => m.HouseholdId == _household.Id))
            _addresses.Add(Address(m.PersonId, home, SyntheticStaff.HomeArea, null, _gp.AgencyId, reported));
        if (_father is not null && _memberships.All(m => m.PersonId != _father.Id || m.HouseholdId != _household.Id))
        {
            var area = Chance(0.2) ? Pick(SyntheticStaff.NeighbouringAreas) : SyntheticStaff.HomeArea;
            _addresses.Add(Address(_father.Id, $"{1 + Random.Next(90)} {Pick(Names.Streets)}, {area}", area, null, staff.ChildrensSocialCare.Id, reported));
        }
        // Agencies that hold different addresses for the same parent.
        if (Chance(0.04))
        {
            var conflicting = Address(_mother.Id, $"{1 + Random.Next(180)} {Pick(Names.Streets)}, Northshire", SyntheticStaff.HomeArea, null, staff.ChildrensSocialCare.Id, reported.AddDays(Random.Next(400)));
            _addresses.Add(conflicting);
            // Usually the lead professional finds out which is right; Baby R's pattern is the rest.
            if (Chance(0.7))
                Add(At(Calendar.AddWorkingDays(WorkingDayCalendar.UkDate(conflicting.RecordedAt), 1 + Random.Next(4))), _socialWorker,
                    new DecisionRecorded { Topic = DecisionTopic.ConflictingFacts, Decision = "Checked with the family: the GP's address is right", Rationale = "Confirmed at a home visit", AboutPersonId = _mother.Id },
                    Significance.Significant, [.. _children]);
        }
    }

    private AddressFact Address(Guid person, string address, string area, DateOnly? from, Guid agency, DateTimeOffset recorded) => new()
    {
        Id = NextId(),
        PartnershipId = partnership,
        PersonId = person,
        Address = address,
        LocalAuthority = area,
        From = from,
        ReportedByAgencyId = agency,
        RecordedAt = recorded,
    };

    private Person AddPerson(PersonKind kind, string surname, DateOnly? born, Sex sex)
    {
        var person = new Person
        {
            Id = NextId(),
            PartnershipId = partnership,
            Kind = kind,
            GivenName = Pick(Names.Given),
            FamilyName = surname,
            DateOfBirth = born,
            DateOfBirthPrecision = born is null ? DatePrecision.Unknown : DatePrecision.Day,
            Sex = sex,
        };
        _people[person.Id] = person;
        return person;
    }

    private void Live(Person person, DateOnly? from) =>
        _memberships.Add(new HouseholdMembership { Id = NextId(), HouseholdId = _household.Id, PersonId = person.Id, From = from, RecordedAt = Start() });

    private void Relate(Person person, RelationshipKind kind, Person of) =>
        _relationships.Add(new Relationship { Id = NextId(), PartnershipId = partnership, PersonId = person.Id, RelatedPersonId = of.Id, Kind = kind, HasParentalResponsibility = kind == RelationshipKind.Mother });

    private Involvement Involve(Professional professional, Person with, DateOnly from, string role, bool lead = false, DateOnly? to = null)
    {
        var involvement = new Involvement
        {
            Id = NextId(),
            PartnershipId = partnership,
            PersonId = with.Id,
            AgencyId = professional.AgencyId,
            ProfessionalId = professional.Id,
            Role = role,
            IsLead = lead,
            From = from,
            To = to,
            RecordedAt = WorkingDayCalendar.StartOfUkDay(from < options.From ? options.From : from),
        };
        _involvements.Add(involvement);
        return involvement;
    }

    /// <summary>The child's allocated social worker from a day: one involvement, from the first day of any casework.</summary>
    private Professional Allocate(Person child, DateOnly day)
    {
        if (_allocated.TryGetValue(child.Id, out var involvement))
        {
            if (day < involvement.From) involvement.From = day;
        }
        else _allocated[child.Id] = Involve(_socialWorker, child, day, "allocated social worker", lead: true);
        return _socialWorker;
    }

    // ---- Episodes ----

    private void Episode(Person child, int target)
    {
        var roll = Random.NextDouble();
        var casework = _intensity switch { 0 => 0.05, 1 => 0.12, _ => 0.22 };
        if (roll < casework) { Casework(child, target); return; }
        roll = Random.NextDouble();
        var day = DayInLife(child);
        if (roll < 0.55) Universal(child, day);
        else if (roll < 0.62) Engagement(child, day);
        else if (roll < 0.68) { if (Chance(Troubled)) PoliceIncident(child, day); else Universal(child, day); }
        else if (roll < 0.73) { if (Chance(Troubled)) AdultConcern(day); else Universal(child, day); }
        else if (roll < 0.76) Injury(child, day);
        else if (roll < 0.79) Test(child, day);
        else if (roll < 0.82) Hospital(child, day);
        else if (roll < 0.84) Move(day);
        else if (roll < 0.85) HouseholdChange(day);
        else if (roll < 0.89) Sharing(child, day);
        else if (roll < 0.91) ProfessionalsMeeting(child, day);
        else if (roll < 0.915) StaffAbsence(child, day);
        else if (roll < 0.92 && child.Kind == PersonKind.UnbornChild) Pregnancy(child);
        else Universal(child, day);
    }

    /// <summary>How likely a family's concerns about its adults are, by how much casework its children have.</summary>
    private double Troubled => _intensity switch { 0 => 0.25, 1 => 0.7, _ => 1.0 };

    private void Universal(Person child, DateOnly day)
    {
        var age = child.DateOfBirth is { } b ? (day.DayNumber - b.DayNumber) / 365 : -1;
        if (age < 0)
        {
            Add(At(day), Pick(staff.Midwives), Pick(Shared.Antenatal), Significance.Routine, _mother, child);
            return;
        }
        var visits = 1 + Random.Next(3);
        for (var i = 0; i < visits; i++, day = day.AddDays(7 + Random.Next(60)))
        {
            if (day >= _today) return;
            var roll = Random.NextDouble();
            if (age < 5 && roll < 0.4) Add(At(day), _healthVisitor, Pick(Shared.HealthVisits), Significance.Routine, child);
            else if (roll < 0.8)
            {
                var appointment = Chance(0.94) ? Pick(Shared.Appointments) : Pick(Shared.Missed);
                var entry = Add(At(day), age < 5 ? _healthVisitor : _gp, appointment, Significance.Routine, child);
                if (entry is not null && appointment.Outcome is AppointmentOutcome.WasNotBrought or AppointmentOutcome.DidNotAttend && Chance(0.85))
                    Decide(child, Calendar.AddWorkingDays(day, Random.Next(2)), _allocated.ContainsKey(child.Id) ? _socialWorker : _gp, DecisionTopic.Other, entry,
                        "Was not brought: family contacted and appointment rebooked");
            }
            else if (_school.TryGetValue(child.Id, out var lead) && age >= 4) Add(At(day), lead, Pick(Shared.Observations), Significance.Routine, child);
            else Add(At(day), _gp, Pick(Shared.Observations), Significance.Routine, child);
        }
    }

    private void Engagement(Person child, DateOnly day)
    {
        var parent = _father is not null && Chance(0.3) ? _father : _mother;
        var type = Pick(Shared.EngagementTypes);
        Add(At(day), _allocated.ContainsKey(child.Id) ? _socialWorker : _healthVisitor,
            new ParentalEngagement { ParentPersonId = parent.Id, Type = type, Detail = type == EngagementType.Engaged ? "Attended and took part" : "No answer at the door; card left" },
            type == EngagementType.Engaged ? Significance.Routine : Significance.Significant, parent, child);
    }

    private void PoliceIncident(Person child, DateOnly day)
    {
        var incident = Pick(Shared.Incidents);
        Person[] about = incident.ChildrenPresent ? [_mother, .. Adults(), .. _children.Where(c => c.Kind == PersonKind.Child)] : [_mother, .. Adults()];
        var entry = Add(At(day, 18, 23), _police, incident, Significance.Significant, about);
        if (entry is null) return;
        if (Chance(0.5)) Share(entry, day.AddDays(1), [_gp, _healthVisitor]);
        if (incident.Type != IncidentType.DomesticAbuse) return;
        if (Chance(0.3) && _casework.GetValueOrDefault(child.Id) < day) Contact(child, day.AddDays(1), staff.Police, int.MaxValue);
        else if (Chance(0.6)) HistoryReviewed(Calendar.AddWorkingDays(day, 1 + Random.Next(3)), entry);
    }

    private void AdultConcern(DateOnly day)
    {
        var adult = _father is not null && Chance(0.35) ? _father : _partner is not null && Chance(0.3) ? _partner : _mother;
        var (type, worker) = Random.Next(4) switch
        {
            0 => (AdultConcernType.Alcohol, Pick(staff.SubstanceMisuseWorkers)),
            1 => (AdultConcernType.SubstanceMisuse, Pick(staff.SubstanceMisuseWorkers)),
            2 => (AdultConcernType.MentalHealth, Pick(staff.MentalHealthWorkers)),
            _ => (AdultConcernType.Offending, Pick(staff.ProbationOfficers)),
        };
        var entry = Add(At(day), worker, new AdultConcern { AdultPersonId = adult.Id, Type = type, Description = "Information from the adult's service" }, Significance.Significant, adult);
        if (entry is not null && Chance(0.6)) HistoryReviewed(Calendar.AddWorkingDays(day, 1 + Random.Next(3)), entry);
    }

    /// <summary>The front door reviews the family's history on news of a risk to the children: a decision on cumulative harm about each child.</summary>
    private void HistoryReviewed(DateOnly day, CaseEntry news) =>
        Add(At(day), Pick(staff.FrontDoorManagers), new DecisionRecorded
        {
            Topic = DecisionTopic.CumulativeHarm,
            Decision = "History reviewed: no further action at this time",
            Rationale = "Recorded with reasons",
            AboutEntryId = news.Id,
        }, Significance.Significant, [.. _children]);

    private void Injury(Person child, DateOnly day)
    {
        if (child.DateOfBirth is not { } born || day < born) return;
        var mobility = day.DayNumber - born.DayNumber < 180 ? Mobility.NotIndependentlyMobile : Chance(0.8) ? Mobility.IndependentlyMobile : Mobility.NotRecorded;
        var by = born.AddYears(5) > day ? _healthVisitor : _school.GetValueOrDefault(child.Id) ?? _gp;
        var injury = Add(At(day), by, Shared.Injury(Random, mobility), Significance.Significant, child);
        if (injury is null) return;
        if (Chance(0.5)) Add(At(day, 12, 22), Pick(staff.EmergencyClinicians), Pick(Shared.Attendances), Significance.Significant, child);
        if (mobility == Mobility.NotIndependentlyMobile || Chance(0.3))
        {
            var medicalDay = Calendar.AddWorkingDays(day, Random.Next(2));
            var paediatrician = Pick(staff.Paediatricians);
            var medical = Add(At(medicalDay), paediatrician, new ChildProtectionMedical
            {
                PaediatricianId = paediatrician.Id,
                Opinion = Pick(Shared.Opinions),
                Findings = "Findings recorded in the body map",
                DictatedAt = At(medicalDay, 17, 20),
                InjuryEntryIds = [injury.Id],
                Actions = Chance(0.5) ? [new ActionItem { Description = "Skeletal survey", OwnerProfessionalId = paediatrician.Id, Due = Calendar.AddWorkingDays(medicalDay, 2) }] : [],
            }, Significance.Critical, child);
            if (medical is null) return;
            if (((ChildProtectionMedical)medical.Details).Opinion is MedicalOpinion.Undetermined or MedicalOpinion.NonAccidental && Chance(0.6))
            {
                // Baby R's pattern, in a few cases: social care accepts the family's explanation the medical could not support.
                var accepted = Chance(0.15);
                var statement = Add(At(Calendar.AddWorkingDays(medicalDay, 1 + Random.Next(4))), Allocate(child, medicalDay), new DecisionRecorded
                {
                    Topic = DecisionTopic.Other,
                    Decision = accepted ? "The injury is accepted as accidental" : "The cause of the injury is not known",
                    Rationale = "Discussed with the parents and the paediatrician",
                    AboutEntryId = injury.Id,
                    InjuryExplanation = accepted ? InjuryExplanation.Accidental : InjuryExplanation.Undetermined,
                }, Significance.Significant, child);
                if (statement is not null && accepted && Chance(0.3))
                    Add(At(Calendar.AddWorkingDays(statement.Day(), 1 + Random.Next(3))), staff.ManagerOf(_socialWorker), new DecisionRecorded
                    {
                        Topic = DecisionTopic.ConflictingFacts,
                        Decision = "The medical opinion stands: the injury is unexplained",
                        Rationale = "Manager review of the assessment",
                        AboutEntryId = statement.Id,
                    }, Significance.Significant, child);
            }
            // Baby R's pattern, in a few cases: the report reaches the social worker late, or its actions are not followed up.
            if (Chance(0.97)) Add(At(Calendar.AddWorkingDays(medicalDay, Chance(0.94) ? 1 + Random.Next(2) : 3 + Random.Next(8))), _allocated.ContainsKey(child.Id) ? _socialWorker : Pick(staff.FrontDoorWorkers),
                new MedicalReportReceived { MedicalEntryId = medical.Id }, Significance.Significant, child);
            var medicalActions = ((ChildProtectionMedical)medical.Details).Actions;
            if (medicalActions.Count > 0 && Chance(0.95))
            {
                Add(At(Calendar.AddWorkingDays(medicalDay, 1 + Random.Next(2))), _allocated.ContainsKey(child.Id) ? _socialWorker : Pick(staff.FrontDoorWorkers),
                    new PlanReviewed { PlanEntryId = medical.Id, Progress = [.. medicalActions.Select((_, i) => Shared.Achieved[i])], Summary = "The medical's actions done" }, Significance.Routine, child);
                Decide(child, Calendar.AddWorkingDays(medicalDay, 1 + Random.Next(4)), Allocate(child, medicalDay), DecisionTopic.Other, medical, "Actions from the medical completed");
            }
        }
    }

    private void Test(Person child, DateOnly day)
    {
        var result = Pick(Shared.Results);
        var entry = Add(At(day), Pick(staff.Midwives), result, Significance.Significant, Chance(0.5) ? [_mother, child] : [_mother]);
        if (entry is null) return;
        if (result.Outcome != TestOutcome.Negative && result.Outcome != TestOutcome.Positive && Chance(0.6))
            Decide(child, Calendar.AddWorkingDays(day, 1 + Random.Next(3)), _gp, DecisionTopic.RepeatTest, entry, "Repeat test booked");
        else if (Chance(0.01))
            Add(At(day.AddDays(2)), Pick(staff.Midwives), result with { OutcomeReason = "Corrected: the sample was from another patient" }, Significance.Significant,
                [.. entry.Entry.Subjects.Select(s => _people[s.PersonId])], correcting: entry);
    }

    private void Hospital(Person child, DateOnly day)
    {
        var admission = Add(At(day), Pick(staff.EmergencyClinicians), Pick(Shared.Admissions), Significance.Significant, child);
        if (admission is null) return;
        var nurse = staff.SafeguardingNurses[Array.IndexOf(staff.Hospitals, _hospital) * 3 + Random.Next(3)];
        var leave = day.AddDays(1 + Random.Next(6));
        Add(At(leave), nurse, Shared.Discharges[0], Significance.Routine, child);
        if (_allocated.ContainsKey(child.Id) && Chance(0.6))
            Add(At(leave), _socialWorker, new DischargeDecision { CarerPersonId = _mother.Id, SafetyPlan = "Home to mother; daily visits for a week" }, Significance.Significant, child);
        Add(At(leave, 15, 18), nurse, Shared.Discharges[1], Significance.Routine, child);
    }

    private void Move(DateOnly day)
    {
        var fromElsewhere = Chance(0.3);
        var previousArea = fromElsewhere ? Pick(SyntheticStaff.NeighbouringAreas) : SyntheticStaff.HomeArea;
        var home = _memberships.Where(m => m.HouseholdId == _household.Id && (m.From is null || m.From <= day)).Select(m => _people[m.PersonId]).ToArray();
        var address = $"{1 + Random.Next(180)} {Pick(Names.Streets)}, Northshire";
        // The family's GP, whose address for them every agency uses, usually learns of a move; Emily's pattern (only
        // the health visitor knows) is the rest.
        var reporter = Chance(0.96) ? _gp : _healthVisitor;
        var entry = Add(At(day), reporter, new AddressChange
        {
            NewAddress = address,
            LocalAuthority = SyntheticStaff.HomeArea,
            MovedOn = day.AddDays(-Random.Next(20)),
            PreviousLocalAuthority = previousArea,
        }, Significance.Significant, home);
        if (entry is null) return;
        foreach (var person in home)
        {
            if (fromElsewhere)
            {
                var before = Address(person.Id, $"{1 + Random.Next(90)} {Pick(Names.Streets)}, {previousArea}", previousArea, null, reporter.AgencyId, entry.RecordedAt);
                before.To = day;
                _addresses.Add(before);
            }
            var fact = Address(person.Id, address, SyntheticStaff.HomeArea, day, reporter.AgencyId, entry.RecordedAt);
            fact.EntryId = entry.Id;
            _addresses.Add(fact);
        }
        if (!fromElsewhere) return;
        if (!Chance(0.85))
        {
            if (Chance(0.5)) Decide(_children[0], Calendar.AddWorkingDays(day, 1), Pick(staff.FrontDoorManagers), DecisionTopic.RecordsFromAnotherArea, entry, "Previous area checked by telephone");
            return;
        }
        var requestDay = Calendar.AddWorkingDays(day, Chance(0.8) ? 1 : 3);
        var request = Add(At(requestDay), Pick(staff.FrontDoorWorkers), new RecordsRequested { FromArea = previousArea, FromAgency = $"{previousArea} Children's Services" }, Significance.Routine, home);
        if (request is null || !Chance(0.9)) return;
        Add(At(Calendar.AddWorkingDays(requestDay, 2 + Random.Next(6))), Pick(staff.FrontDoorWorkers), new RecordsReceived
        {
            RequestEntryId = request.Id,
            FromArea = previousArea,
            Summary = "Previous involvement: early help only",
            OnChildProtectionPlan = Chance(0.03),
        }, Significance.Significant, home);
    }

    private void HouseholdChange(DateOnly day)
    {
        _partner ??= AddPerson(PersonKind.Adult, Pick(Names.Family), null, Sex.Male);
        if (_relationships.All(r => r.PersonId != _partner.Id)) Relate(_partner, RelationshipKind.PartnerOfParent, _mother);
        var joined = _memberships.All(m => m.PersonId != _partner.Id);
        var entry = Add(At(day), _healthVisitor, new HouseholdChange
        {
            PersonId = _partner.Id,
            Change = joined ? HouseholdChangeType.Joined : HouseholdChangeType.Left,
            HouseholdId = _household.Id,
        }, Significance.Significant, [_mother, _partner, .. _children.Where(c => c.Kind == PersonKind.Child)]);
        if (entry is null) return;
        if (joined) _memberships.Add(new HouseholdMembership { Id = NextId(), HouseholdId = _household.Id, PersonId = _partner.Id, From = day, RecordedAt = entry.RecordedAt });
        else foreach (var m in _memberships.Where(m => m.PersonId == _partner.Id && m.To is null && (m.From is null || m.From < day))) m.To = day;
    }

    private void Sharing(Person child, DateOnly day)
    {
        var about = _entries.LastOrDefault(e => e.Entry.IsAbout(child.Id) && e.When.Day() <= day);
        if (about is not null) Share(about, day, [_gp, _school.GetValueOrDefault(child.Id) ?? _healthVisitor]);
    }

    private void Share(CaseEntry about, DateOnly day, Professional[] to)
    {
        var shared = Add(At(day), about.Entry.RecordedByProfessionalId == _police.Id ? Pick(staff.PoliceSafeguarding) : _socialWorker, new InformationShared
        {
            AboutEntryId = about.Id,
            RecipientProfessionalIds = [.. to.Select(p => p.Id)],
            Summary = "Shared with the team around the child",
        }, Significance.Routine, [.. about.Entry.Subjects.Select(s => _people[s.PersonId])]);
        if (shared is not null && Chance(0.7))
            Add(At(day.AddDays(Random.Next(3))), to[0], new InformationAcknowledged { SharedEntryId = shared.Id, ProfessionalId = to[0].Id }, Significance.Routine,
                [.. about.Entry.Subjects.Select(s => _people[s.PersonId])]);
    }

    private void ProfessionalsMeeting(Person child, DateOnly day)
    {
        var type = Chance(0.3) ? MeetingType.Marac : MeetingType.ProfessionalsMeeting;
        var held = Calendar.AddWorkingDays(day, 5 + Random.Next(10));
        var invited = Invitees(held, police: true);
        var scheduled = Add(At(day), _socialWorker, new MeetingScheduled
        {
            Type = type,
            ScheduledFor = At(held),
            ChairProfessionalId = _socialWorker.Id,
            Invited = Invitations(invited),
        }, Significance.Routine, child);
        if (scheduled is null) return;
        Add(At(held), _socialWorker, new MeetingHeld
        {
            Type = type,
            ScheduledEntryId = scheduled.Id,
            ChairProfessionalId = _socialWorker.Id,
            Attendance = Attendance(invited),
            Decisions = ["Continue to share information"],
        }, Significance.Significant, child);
    }

    private void StaffAbsence(Person child, DateOnly day)
    {
        if (!_allocated.ContainsKey(child.Id)) return;
        Add(At(day), staff.ManagerOf(_socialWorker), new StaffAbsence
        {
            ProfessionalId = _socialWorker.Id,
            From = day,
            To = day.AddDays(2 + Random.Next(20)),
            CoveredByProfessionalId = Chance(0.5) ? Pick(staff.SocialWorkers).Id : null,
        }, Significance.Significant, child);
    }

    private void Pregnancy(Person unborn)
    {
        var edd = unborn.ExpectedDateOfDelivery ?? _today.AddDays(60);
        var booked = edd.AddDays(-7 * 28);
        if (booked >= _today) booked = _today.AddDays(-7);
        Add(At(booked), Pick(staff.Midwives), new Pregnancy { MotherPersonId = _mother.Id, UnbornPersonId = unborn.Id, Stage = PregnancyStage.Booked, ExpectedDelivery = edd }, Significance.Significant, _mother, unborn);
        if (Chance(0.5)) Contact(unborn, booked.AddDays(Random.Next(30)), staff.Midwifery, int.MaxValue, preBirth: true);
    }

    // ---- Casework with children's social care, in order ----

    private void Casework(Person child, int target)
    {
        var after = _casework.TryGetValue(child.Id, out var last) ? last : Begin(child);
        var day = after.AddDays(20 + Random.Next(_intensity == 2 ? 120 : 400));
        if (day >= _today.AddDays(-1)) { Universal(child, DayInLife(child)); return; }
        var referrer = Random.Next(5) switch
        {
            0 => staff.Police,
            1 => _school.TryGetValue(child.Id, out var school) ? staff.Agencies[school.AgencyId] : staff.HealthVisiting,
            2 => staff.Agencies[_gp.AgencyId],
            3 => staff.HealthVisiting,
            _ => _hospital,
        };
        Contact(child, day, referrer, target, preBirth: child.Kind == PersonKind.UnbornChild);
    }

    private void Contact(Person child, DateOnly day, Agency referrer, int target, bool preBirth = false)
    {
        if (day >= _today) return;
        var contact = Add(At(day), Pick(staff.FrontDoorWorkers), new ContactReceived
        {
            Type = Chance(0.7) ? ContactType.Referral : ContactType.Contact,
            ReferrerAgencyId = referrer.Id,
            Concerns = Pick(Shared.Concerns),
            PreBirth = preBirth,
            ConcernCategories = Chance(0.3) ? Shared.Neglect : [],
        }, Significance.Significant, child);
        if (contact is null) return;
        Mark(child, day);
        if (Chance(0.015)) return;

        var decisionDay = Calendar.AddWorkingDays(day, Chance(0.9) ? Random.Next(2) : 2 + Random.Next(3));
        var outcome = Outcome(preBirth);
        var decision = Add(At(decisionDay), Pick(staff.FrontDoorManagers), new ContactDecision
        {
            ContactEntryId = Chance(0.9) ? contact.Id : null,
            Decision = outcome,
            Rationale = "Threshold considered against the continuum of need",
        }, Significance.Significant, child);
        if (decision is null) return;
        Mark(child, decisionDay);
        switch (outcome)
        {
            case ContactOutcome.EarlyHelp: EarlyHelp(child, decisionDay); break;
            case ContactOutcome.ChildAndFamilyAssessment or ContactOutcome.PreBirthAssessment: Assessment(child, decisionDay, contact, target, outcome == ContactOutcome.PreBirthAssessment); break;
            case ContactOutcome.StrategyDiscussion: Strategy(child, decisionDay, target); break;
        }
    }

    private ContactOutcome Outcome(bool preBirth)
    {
        if (preBirth) return Chance(0.7) ? ContactOutcome.PreBirthAssessment : ContactOutcome.StrategyDiscussion;
        var roll = Random.NextDouble();
        double[] thresholds = _intensity switch
        {
            0 => [0.45, 0.65, 0.85, 0.98],
            1 => [0.30, 0.40, 0.60, 0.88],
            _ => [0.15, 0.20, 0.35, 0.70],
        };
        return roll < thresholds[0] ? ContactOutcome.NoFurtherAction
            : roll < thresholds[1] ? ContactOutcome.InformationAndAdvice
            : roll < thresholds[2] ? ContactOutcome.EarlyHelp
            : roll < thresholds[3] ? ContactOutcome.ChildAndFamilyAssessment
            : ContactOutcome.StrategyDiscussion;
    }

    private void EarlyHelp(Person child, DateOnly day)
    {
        var start = Calendar.AddWorkingDays(day, 2 + Random.Next(8));
        var started = Add(At(start), _familySupport, new AssessmentStarted { Type = AssessmentType.EarlyHelp, LeadProfessionalId = _familySupport.Id }, Significance.Significant, child);
        if (started is null) return;
        if (_involvements.All(i => i.PersonId != child.Id || i.ProfessionalId != _familySupport.Id))
            Involve(_familySupport, child, start, "early help key worker", to: start.AddDays(180));
        var visit = start;
        for (var i = 0; i < 2 + Random.Next(4); i++)
        {
            visit = visit.AddDays(10 + Random.Next(20));
            Add(At(visit), _familySupport, Pick(Shared.HomeVisits), Significance.Routine, child);
        }
        var done = Calendar.AddWorkingDays(start, 20 + Random.Next(30));
        if (Chance(0.9)) Complete(child, done, _familySupport, AssessmentType.EarlyHelp, started, AssessmentOutcome.EarlyHelp);
        Mark(child, done);
    }

    private void Assessment(Person child, DateOnly day, CaseEntry referral, int target, bool preBirth)
    {
        var social = Allocate(child, day);
        var start = Calendar.AddWorkingDays(day, 1 + Random.Next(5));
        var type = preBirth ? AssessmentType.PreBirth : AssessmentType.ChildAndFamily;
        var started = Add(At(start), social, new AssessmentStarted { Type = type, LeadProfessionalId = social.Id, TriggerEntryId = referral.Id }, Significance.Significant, child);
        if (started is null) return;
        Supervise(child, Calendar.AddWorkingDays(start, 2 + Random.Next(6)), SupervisionPoint.Opening);
        var visits = 1 + Random.Next(3);
        var visit = start;
        for (var i = 0; i < visits; i++) Visit(child, visit = Calendar.AddWorkingDays(visit, 3 + Random.Next(10)));
        var done = Calendar.AddWorkingDays(day, Chance(0.88) ? 15 + Random.Next(30) : 46 + Random.Next(20));
        var roll = Random.NextDouble();
        var outcome = roll < 0.4 ? AssessmentOutcome.NoFurtherAction : roll < 0.6 ? AssessmentOutcome.EarlyHelp : roll < 0.9 ? AssessmentOutcome.ChildInNeedPlan : AssessmentOutcome.StrategyDiscussion;
        if (Complete(child, done, social, type, started, outcome) is null) return;
        Mark(child, done);
        switch (outcome)
        {
            case AssessmentOutcome.NoFurtherAction: Closure(child, done); break;
            case AssessmentOutcome.EarlyHelp: EarlyHelp(child, done); break;
            case AssessmentOutcome.ChildInNeedPlan: ChildInNeedPlan(child, Calendar.AddWorkingDays(done, 2 + Random.Next(8)), target); break;
            case AssessmentOutcome.StrategyDiscussion: Strategy(child, Calendar.AddWorkingDays(done, 1), target); break;
        }
    }

    private CaseEntry? Complete(Person child, DateOnly day, Professional by, AssessmentType type, CaseEntry started, AssessmentOutcome outcome) =>
        Add(At(day), by, new AssessmentCompleted
        {
            Type = type,
            StartedEntryId = started.Id,
            Conclusion = "Needs and risks analysed with the family",
            Outcome = outcome,
            PeopleSeen = PeopleSeen(child, day),
            Considered = _intensity > 0 && Chance(0.6) ? Shared.CumulativeHarm : Pick(Shared.Considered),
        }, Significance.Significant, child);

    private void Strategy(Person child, DateOnly day, int target)
    {
        var social = Allocate(child, day);
        var gp = _gp;
        var decision = Chance(0.8) ? StrategyOutcome.Section47Enquiry : Chance(0.5) ? StrategyOutcome.ChildAndFamilyAssessment : StrategyOutcome.NoFurtherAction;
        var strategy = Add(At(day), social, new StrategyDiscussion
        {
            AgenciesPresent = [staff.ChildrensSocialCare.Id, staff.Police.Id, gp.AgencyId],
            ProfessionalsPresent = [social.Id, _police.Id, gp.Id],
            Decision = decision,
            Rationale = "Reasonable cause to suspect significant harm",
            Actions = Chance(0.5) ? [new ActionItem { Description = "Police checks on the adults in the household", OwnerProfessionalId = _police.Id, Due = Calendar.AddWorkingDays(day, 2) }] : [],
        }, Significance.Critical, child);
        if (strategy is null) return;
        Mark(child, day);
        Settle(child, strategy, day);
        if (Chance(0.02)) PoliceProtection(child, day);
        if (decision == StrategyOutcome.ChildAndFamilyAssessment) { Assessment(child, day, strategy, target, false); return; }
        if (decision != StrategyOutcome.Section47Enquiry) { Closure(child, Calendar.AddWorkingDays(day, 2)); return; }

        var started = Add(At(day, 14, 18), social, new AssessmentStarted { Type = AssessmentType.Section47, LeadProfessionalId = social.Id, TriggerEntryId = strategy.Id }, Significance.Significant, child);
        if (started is null) return;
        if (Chance(0.15)) SafetyPlan(child, Calendar.AddWorkingDays(day, 1));
        Supervise(child, Calendar.AddWorkingDays(day, 1 + Random.Next(7)), SupervisionPoint.Opening);
        Visit(child, Calendar.AddWorkingDays(day, 1));
        var done = Calendar.AddWorkingDays(day, 5 + Random.Next(12));
        var roll = Random.NextDouble();
        var outcome = roll < 0.45 ? AssessmentOutcome.InitialChildProtectionConference : roll < 0.7 ? AssessmentOutcome.ChildInNeedPlan : AssessmentOutcome.NoFurtherAction;
        if (Complete(child, done, social, AssessmentType.Section47, started, outcome) is null) return;
        Mark(child, done);
        if (outcome == AssessmentOutcome.InitialChildProtectionConference) Conference(child, day, target);
        else if (outcome == AssessmentOutcome.ChildInNeedPlan) ChildInNeedPlan(child, Calendar.AddWorkingDays(done, 3), target);
        else Closure(child, Calendar.AddWorkingDays(done, 1));
    }

    private void Conference(Person child, DateOnly strategyDay, int target)
    {
        var chair = Pick(staff.Chairs);
        var held = Calendar.AddWorkingDays(strategyDay, Chance(0.85) ? 10 + Random.Next(6) : 16 + Random.Next(10));
        var invited = Invitees(held, police: true);
        var scheduled = Add(At(Calendar.AddWorkingDays(strategyDay, 3 + Random.Next(4))), _socialWorker, new MeetingScheduled
        {
            Type = MeetingType.InitialChildProtectionConference,
            ScheduledFor = At(held),
            ChairProfessionalId = chair.Id,
            Invited = Invitations(invited),
        }, Significance.Significant, child);
        if (scheduled is null) return;
        var plan = Chance(0.8);
        var conference = Add(At(held), chair, new MeetingHeld
        {
            Type = MeetingType.InitialChildProtectionConference,
            ScheduledEntryId = scheduled.Id,
            ChairProfessionalId = chair.Id,
            Attendance = Attendance(invited),
            Decision = plan ? ConferenceDecision.ChildProtectionPlan : ConferenceDecision.ChildInNeedPlan,
            Actions = [new ActionItem { Description = "Core group to agree the detailed plan", OwnerProfessionalId = _socialWorker.Id }],
        }, Significance.Critical, child);
        if (conference is null) return;
        Mark(child, held);
        Settle(child, conference, held);
        if (plan) ChildProtectionPlan(child, held, chair, target);
        else ChildInNeedPlan(child, held, target);
    }

    private void ChildProtectionPlan(Person child, DateOnly day, Professional chair, int target)
    {
        var plan = Add(At(day, 15, 17), _socialWorker, new PlanStarted
        {
            Type = PlanType.ChildProtection,
            Category = Pick(Shared.Categories),
            Items = Items(day, 0.8),
        }, Significance.Critical, child);
        if (plan is null) return;
        var core = Calendar.AddWorkingDays(day, Chance(0.85) ? 5 + Random.Next(6) : 11 + Random.Next(5));
        var review = Calendar.WorkingDaysBefore(day.AddMonths(3), Random.Next(10)).AddDays(Chance(0.9) ? 0 : 15);
        var visit = Calendar.AddWorkingDays(day, 5 + Random.Next(5));
        var supervision = day.AddDays(20 + Random.Next(20));
        var reviews = 0;
        while (true)
        {
            var next = Min(core, review, visit, supervision);
            if (next >= _today) { Mark(child, _today); return; }
            if (_entries.Count > target + 40) review = next;
            if (next == review)
            {
                reviews++;
                var ends = reviews >= 4 || _entries.Count > target + 40 || Chance(0.4);
                var held = Add(At(review), chair, new MeetingHeld
                {
                    Type = MeetingType.ReviewChildProtectionConference,
                    ChairProfessionalId = chair.Id,
                    Attendance = Attendance(Invitees(review, police: true)),
                    Decision = ends ? ConferenceDecision.PlanEnds : ConferenceDecision.PlanContinues,
                }, Significance.Critical, child);
                if (held is null) return;
                Mark(child, review);
                if (ends)
                {
                    Add(At(review, 15, 18), _socialWorker, new PlanEnded { PlanEntryId = plan.Id, Reason = "Risks reduced: step down" }, Significance.Significant, child);
                    if (Chance(0.5)) ChildInNeedPlan(child, Calendar.AddWorkingDays(review, 1), target);
                    else Closure(child, Calendar.AddWorkingDays(review, 5 + Random.Next(10)));
                    return;
                }
                review = Calendar.WorkingDaysBefore(review.AddMonths(6), Random.Next(15)).AddDays(Chance(0.9) ? 0 : 20);
            }
            else if (next == core)
            {
                CoreGroup(child, core, plan, MeetingType.CoreGroup);
                core = Calendar.AddWorkingDays(core, 20 + Random.Next(10));
            }
            else if (next == visit)
            {
                Visit(child, visit);
                visit = Calendar.AddWorkingDays(visit, 8 + Random.Next(5));
            }
            else
            {
                Supervise(child, supervision, SupervisionPoint.During);
                supervision = supervision.AddDays(25 + Random.Next(15));
            }
        }
    }

    private void ChildInNeedPlan(Person child, DateOnly day, int target)
    {
        if (day >= _today) return;
        Allocate(child, day);
        var plan = Add(At(day), _socialWorker, new PlanStarted { Type = PlanType.ChildInNeed, Items = Items(day, 0.75) }, Significance.Significant, child);
        if (plan is null) return;
        Supervise(child, Calendar.AddWorkingDays(day, 2 + Random.Next(6)), SupervisionPoint.Opening);
        var reviews = 2 + Random.Next(3);
        var review = day;
        for (var i = 0; i < reviews; i++)
        {
            var visit = review;
            for (var v = 0; v < 2; v++) Visit(child, visit = Calendar.AddWorkingDays(visit, 12 + Random.Next(10)));
            review = Calendar.AddWorkingDays(review, 50 + Random.Next(16));
            if (review >= _today) { Mark(child, _today); return; }
            CoreGroup(child, review, plan, MeetingType.ChildInNeedReview);
            Mark(child, review);
            if (_entries.Count > target + 40) break;
        }
        Add(At(review, 15, 18), _socialWorker, new PlanEnded { PlanEntryId = plan.Id, Reason = "Needs met" }, Significance.Significant, child);
        if (Chance(0.7)) Closure(child, Calendar.AddWorkingDays(review, 3 + Random.Next(10)));
    }

    private void CoreGroup(Person child, DateOnly day, CaseEntry plan, MeetingType type)
    {
        var reviewed = Chance(0.85);
        var held = Add(At(day), _socialWorker, new MeetingHeld
        {
            Type = type,
            ChairProfessionalId = _socialWorker.Id,
            Attendance = Attendance(Invitees(day, police: false)),
            PlanReviewed = reviewed ? true : null,
            Actions = Chance(0.3) ? [new ActionItem { Description = "Referral to the parenting programme", OwnerProfessionalId = _familySupport.Id, Due = day.AddDays(14) }] : [],
        }, Significance.Significant, child);
        if (held is null) return;
        Settle(child, held, day);
        if (reviewed && Chance(0.6))
        {
            var items = ((PlanStarted)plan.Details).Items.Count;
            Add(At(day, 16, 19), _socialWorker, new PlanReviewed
            {
                PlanEntryId = plan.Id,
                Progress = [.. Enumerable.Range(0, items).Select(i => Chance(0.3) ? Shared.Achieved[i] : Shared.InProgress[i])],
            }, Significance.Routine, child);
        }
        else if (!reviewed && Chance(0.5))
            Decide(child, Calendar.AddWorkingDays(day, 1 + Random.Next(4)), _socialWorker, DecisionTopic.PlanReview, held, "Plan reviewed at the next core group");
    }

    private void Closure(Person child, DateOnly day)
    {
        if (day >= _today) return;
        if (Chance(0.7)) Supervise(child, day.AddDays(-Random.Next(3)), SupervisionPoint.Closing);
        var proposed = Add(At(day), _socialWorker, new CaseClosure { Stage = ClosureStage.Proposed, Reason = "Needs met; no further role" }, Significance.Significant, child);
        if (proposed is null) return;
        var closed = Calendar.AddWorkingDays(day, 1 + Random.Next(8));
        if (Chance(0.92)) Add(At(closed), staff.ManagerOf(_socialWorker), new CaseClosure { Stage = ClosureStage.Closed, Reason = "Closure agreed" }, Significance.Significant, child);
        Mark(child, closed);
    }

    private void SafetyPlan(Person child, DateOnly day)
    {
        var plan = Add(At(day), _socialWorker, new PlanStarted
        {
            Type = PlanType.Safety,
            Participants = Chance(0.75) ? Shared.CompleteParticipants : Shared.VagueParticipants,
        }, Significance.Critical, child);
        if (plan is not null && Chance(0.8))
            Add(At(Calendar.AddWorkingDays(day, 20 + Random.Next(30))), _socialWorker, new PlanEnded { PlanEntryId = plan.Id, Reason = "Safety plan no longer needed" }, Significance.Significant, child);
    }

    private void PoliceProtection(Person child, DateOnly day)
    {
        var taken = Add(At(day, 19, 23), _police, new PoliceProtection { PlaceOfSafety = "Foster placement" }, Significance.Critical, child);
        if (taken is not null && Chance(0.9))
            Add(At(day.AddDays(1)), _socialWorker, new CourtOrder { Order = CourtOrderType.EmergencyProtectionOrder, Stage = CourtOrderStage.Applied }, Significance.Critical, child);
    }

    private void Visit(Person child, DateOnly day)
    {
        if (day >= _today) return;
        var visit = Pick(Shared.HomeVisits);
        Add(At(day), _socialWorker, visit.ChildSeen ? visit with { PeopleSeen = PeopleSeen(child, day) } : visit, Significance.Routine, child);
    }

    /// <summary>
    /// Who an assessment or visit sees: the child, the mother, the father (most of the time when he lives elsewhere:
    /// Family L's and Child BF's pattern is the rest) and, usually, a partner at home.
    /// </summary>
    private Guid[] PeopleSeen(Person child, DateOnly day)
    {
        var seen = new List<Guid> { child.Id, _mother.Id };
        if (_father is not null && (_memberships.Exists(m => m.PersonId == _father.Id && m.HouseholdId == _household.Id) || Chance(0.85))) seen.Add(_father.Id);
        if (_partner is not null && _memberships.Exists(m => m.PersonId == _partner.Id && m.HouseholdId == _household.Id && m.IsCurrentOn(day)) && Chance(0.85)) seen.Add(_partner.Id);
        return [.. seen];
    }

    private void Supervise(Person child, DateOnly day, SupervisionPoint point)
    {
        if (day >= _today || !Chance(0.92)) return;
        var supervision = Add(At(day), staff.ManagerOf(_socialWorker), new Supervision
        {
            SuperviseeId = _socialWorker.Id,
            SupervisorId = staff.ManagerOf(_socialWorker).Id,
            Point = point,
            Discussion = "Case direction recorded",
            Actions = Chance(0.3) ? [new ActionItem { Description = "Visit the father", OwnerProfessionalId = _socialWorker.Id }] : [],
        }, Significance.Significant, child);
        if (supervision is not null) Settle(child, supervision, day);
    }

    /// <summary>Most actions an entry asks for are done, and a decision about the entry says so.</summary>
    private void Settle(Person child, CaseEntry entry, DateOnly day)
    {
        var actions = entry.Details switch
        {
            StrategyDiscussion s => s.Actions.Count,
            MeetingHeld m => m.Actions.Count,
            Supervision s => s.Actions.Count,
            _ => 0,
        };
        if (actions > 0 && Chance(0.97))
            Decide(child, Calendar.AddWorkingDays(day, 2 + Random.Next(8)), _socialWorker, DecisionTopic.Other, entry, "Actions completed");
    }

    private void Decide(Person child, DateOnly day, Professional by, DecisionTopic topic, CaseEntry about, string decision) =>
        Add(At(day), by, new DecisionRecorded { Topic = topic, Decision = decision, Rationale = "Recorded with reasons", AboutEntryId = about.Id }, Significance.Significant, child);

    private PlanItem[] Items(DateOnly day, double specific)
    {
        var count = 3 + Random.Next(3);
        var items = new PlanItem[count];
        for (var i = 0; i < count; i++)
            items[i] = Chance(specific)
                ? new PlanItem { Concern = Shared.ItemConcerns[i], Action = Shared.ItemActions[i], OwnerProfessionalId = i % 2 == 0 ? _socialWorker.Id : _healthVisitor.Id, Due = day.AddDays(28 * (i + 1)), SuccessMeasure = "Seen in visits and reported at core group" }
                : new PlanItem { Concern = Shared.ItemConcerns[i], Action = Shared.ItemActions[i] };
        return items;
    }

    /// <summary>
    /// Who a meeting about the family invites: every professional working with anyone in the family on the day, and the
    /// police for strategy meetings and conferences. Child BF's pattern, the GP left out, is a small minority.
    /// </summary>
    private List<Professional> Invitees(DateOnly day, bool police)
    {
        var invited = new List<Professional>();
        foreach (var i in _involvements)
            if (i.IsActiveOn(day) && i.ProfessionalId is { } id && !invited.Exists(p => p.Id == id)) invited.Add(staff.Professionals[id]);
        if (police && !invited.Contains(_police)) invited.Add(_police);
        if (Chance(0.04)) invited.RemoveAll(p => p.Role == ProfessionalRole.GeneralPractitioner);
        return invited;
    }

    private static Invitation[] Invitations(List<Professional> invited) => [.. invited.Select(p => new Invitation { ProfessionalId = p.Id })];

    /// <summary>Most invitees attend, and most who cannot send a report; a few do neither.</summary>
    private Attendance[] Attendance(List<Professional> invited) =>
        [.. invited.Select(p => Chance(0.8) ? new Attendance { ProfessionalId = p.Id, Attended = true } : new Attendance { ProfessionalId = p.Id, Attended = false, ReportSent = Chance(0.97) })];

    private IEnumerable<Person> Adults()
    {
        if (_father is not null) yield return _father;
        if (_partner is not null) yield return _partner;
    }

    // ---- Recording ----

    private CaseEntry? Add(DateTimeOffset at, Professional by, EntryDetails details, Significance significance, params Person[] about) =>
        Add(at, by, details, significance, about, null);

    private CaseEntry? Add(DateTimeOffset at, Professional by, EntryDetails details, Significance significance, Person[] about, CaseEntry? correcting)
    {
        var recorded = Chance(0.9) ? at.AddMinutes(5 + Random.Next(240)) : at.AddDays(1 + Random.Next(5));
        if (recorded > options.Now) return null;
        var caseEntry = Keep(at, recorded, by, details, significance, about, correcting);
        if (about.Length > 0) WorkingWith(by, about[0], WorkingDayCalendar.UkDate(at));
        return caseEntry;
    }

    /// <summary>An entry about the people, as the professional recorded it, kept in the family's chronology.</summary>
    private CaseEntry Keep(DateTimeOffset at, DateTimeOffset recorded, Professional by, EntryDetails details, Significance significance, Person[] about, CaseEntry? correcting)
    {
        var entry = new ChronologyEntry
        {
            Id = NextId(),
            PartnershipId = partnership,
            Kind = EntryKinds.Of(details).Code,
            Details = options.JsonDetails ? DetailsReader.Write(details) : DetailsStandIn,
            OccurredAt = at,
            OccurredPrecision = DatePrecision.Exact,
            RecordedAt = recorded,
            RecordedByProfessionalId = by.Id,
            RecordedByAgencyId = by.AgencyId,
            Source = Source.SeenByRecorder,
            Significance = significance,
            SharingLevel = SharingLevel.Team,
            SupersedesEntryId = correcting?.Id,
            CorrectionReason = correcting is null ? null : "Recorded against the wrong sample",
            Subjects = new List<EntrySubject>(about.Length),
        };
        foreach (var person in about) entry.Subjects.Add(new EntrySubject { EntryId = entry.Id, PersonId = person.Id });
        var caseEntry = new CaseEntry(entry, details);
        _entries.Add(caseEntry);
        return caseEntry;
    }

    /// <summary>
    /// An agency records about a family because it works with it: an involvement covers what it records, except in a
    /// small minority of cases (Family L's pattern: professionals working with the adults left out of the team).
    /// </summary>
    private void WorkingWith(Professional by, Person with, DateOnly day)
    {
        if (by.AgencyId == staff.ChildrensSocialCare.Id) return;
        foreach (var i in _involvements)
            if (i.AgencyId == by.AgencyId && i.PersonId == with.Id && i.IsActiveOn(day)) return;
        if (Chance(0.93)) Involve(by, with, day.AddDays(-1), "working with the family", to: day.AddDays(120));
    }

    private void Mark(Person child, DateOnly day)
    {
        if (!_casework.TryGetValue(child.Id, out var last) || last < day) _casework[child.Id] = day;
    }

    private DateOnly Begin(Person child) =>
        child.DateOfBirth is { } born && born > options.From ? born : child.Kind == PersonKind.UnbornChild ? _today.AddDays(-200) : options.From;

    private DateOnly DayInLife(Person child)
    {
        var from = Begin(child);
        return from >= _today ? _today.AddDays(-1) : from.AddDays(Random.Next(_today.DayNumber - from.DayNumber));
    }

    private DateTimeOffset Start() => WorkingDayCalendar.StartOfUkDay(options.From).AddHours(9);

    private DateTimeOffset At(DateOnly day, int fromHour = 9, int toHour = 17) =>
        WorkingDayCalendar.StartOfUkDay(day).AddMinutes(Random.Next(fromHour * 60, toHour * 60));

    private static DateOnly Min(DateOnly a, DateOnly b, DateOnly c, DateOnly d) => new[] { a, b, c, d }.Min();

    private bool Chance(double p) => Random.NextDouble() < p;

    private T Pick<T>(T[] items) => items[Random.Next(items.Length)];

    private Guid NextId() => Ids.Next(Random);
}
