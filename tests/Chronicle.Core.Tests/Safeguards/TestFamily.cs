using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Time;
using Chronicle.Testing;

namespace Chronicle.Core.Tests.Safeguards;

/// <summary>
/// A family and the agencies around it, for safeguard tests: a baby (born Monday 19 January 2015), mother and father
/// living together, and a social worker leading from the start of 2015. Times are UK local.
/// </summary>
internal sealed class TestFamily
{
    public static readonly DateOnly Born = new(2015, 1, 19);
    public static readonly DateOnly From = new(2015, 1, 1);

    public CaseFileBuilder Case { get; } = new();
    public Agency SocialCare { get; }
    public Agency HealthVisiting { get; }
    public Agency Gp { get; }
    public Agency Police { get; }
    public Agency Hospital { get; }
    public Agency School { get; }
    public Professional Manager { get; }
    public Professional SocialWorker { get; }
    public Professional DutyWorker { get; }
    public Professional HealthVisitor { get; }
    public Professional Doctor { get; }
    public Professional PoliceOfficer { get; }
    public Professional Paediatrician { get; }
    public Professional Clinician { get; }
    public Professional Teacher { get; }
    public Person Child { get; }
    public Person Mother { get; }
    public Person Father { get; }

    public TestFamily(DateOnly? born = null, bool bornKnown = true)
    {
        SocialCare = Case.Agency("Children's Social Care", AgencyKind.ChildrensSocialCare, "Bristol");
        HealthVisiting = Case.Agency("Health Visiting", AgencyKind.HealthVisiting, "Bristol");
        Gp = Case.Agency("Riverside Surgery", AgencyKind.GeneralPractice, "Bristol");
        Police = Case.Agency("Avon and Somerset Police", AgencyKind.Police, "Bristol");
        Hospital = Case.Agency("Children's Hospital", AgencyKind.Hospital, "Bristol");
        School = Case.Agency("Hillside Primary", AgencyKind.School, "Bristol");
        Manager = Case.Professional("Team manager", ProfessionalRole.TeamManager, SocialCare);
        SocialWorker = Case.Professional("Social worker", ProfessionalRole.SocialWorker, SocialCare, Manager);
        DutyWorker = Case.Professional("Duty social worker", ProfessionalRole.SocialWorker, SocialCare, Manager);
        HealthVisitor = Case.Professional("Health visitor", ProfessionalRole.HealthVisitor, HealthVisiting);
        Doctor = Case.Professional("GP", ProfessionalRole.GeneralPractitioner, Gp);
        PoliceOfficer = Case.Professional("Police officer", ProfessionalRole.PoliceOfficer, Police);
        Paediatrician = Case.Professional("Paediatrician", ProfessionalRole.Paediatrician, Hospital);
        Clinician = Case.Professional("A&E clinician", ProfessionalRole.EmergencyClinician, Hospital);
        Teacher = Case.Professional("Designated safeguarding lead", ProfessionalRole.DesignatedSafeguardingLead, School);

        Child = Case.Child("Baby", bornKnown ? born ?? Born : null);
        Mother = Case.Adult("Mother");
        Father = Case.Adult("Father");
        Case.Relate(Mother, RelationshipKind.Mother, Child);
        Case.Relate(Father, RelationshipKind.Father, Child);
        Case.Involve(SocialWorker, Child, From, "allocated social worker", lead: true);
    }

    public static DateTime At(int month, int day, int hour = 9, int minute = 0, int year = 2015) => new(year, month, day, hour, minute, 0);

    /// <summary>The end of a UK day, as the calendar gives due times.</summary>
    public static DateTimeOffset EndOf(int month, int day, int year = 2015) => WorkingDayCalendar.EndOfUkDay(new DateOnly(year, month, day));

    public CaseEntry Record(DateTime at, Professional by, EntryDetails details, params Person[] about) => Case.Record(at, by, details, about);

    public IReadOnlyList<Finding> Evaluate(ISafeguard safeguard, DateTime now) => Case.Evaluate(safeguard, now);

    /// <summary>A section 47 enquiry opened by a strategy discussion (recorded as routine, so that it is not itself news to share).</summary>
    public CaseEntry OpenEnquiry(DateTime at) =>
        Routine(Record(at, SocialWorker, new StrategyDiscussion { Decision = StrategyOutcome.Section47Enquiry }));

    /// <summary>A plan started (recorded as routine, so that it is not itself news to share).</summary>
    public CaseEntry StartPlan(DateTime at, PlanType type = PlanType.ChildProtection) =>
        Routine(Record(at, SocialWorker, new PlanStarted { Type = type, Category = type == PlanType.ChildProtection ? AbuseCategory.PhysicalAbuse : null }));

    public static CaseEntry Routine(CaseEntry entry)
    {
        entry.Entry.Significance = Significance.Routine;
        return entry;
    }

    public CaseEntry Share(DateTime at, Professional by, CaseEntry about, params Professional[] to) =>
        Record(at, by, new InformationShared { AboutEntryId = about.Id, Summary = "Shared", RecipientProfessionalIds = [.. to.Select(p => p.Id)] });

    public CaseEntry Acknowledge(DateTime at, Professional by, CaseEntry share) =>
        Record(at, by, new InformationAcknowledged { SharedEntryId = share.Id, ProfessionalId = by.Id });

    public CaseEntry Decide(DateTime at, Professional by, DecisionTopic topic, Guid? aboutEntry = null, Guid? aboutPerson = null, Guid? aboutAgency = null) =>
        Record(at, by, new DecisionRecorded { Topic = topic, Decision = "Decided", Rationale = "Because", AboutEntryId = aboutEntry, AboutPersonId = aboutPerson, AboutAgencyId = aboutAgency });
}
