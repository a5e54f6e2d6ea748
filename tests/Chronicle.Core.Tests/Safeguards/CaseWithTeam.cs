using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Testing;

namespace Chronicle.Core.Tests.Safeguards;

/// <summary>
/// A child in Bristol with their mother and the professionals around them: children's social care (a front door
/// worker and manager, an allocated social worker and team manager), health visiting, a hospital and police.
/// </summary>
internal sealed class CaseWithTeam
{
    public CaseFileBuilder Builder { get; } = new();
    public Agency SocialCare { get; }
    public Agency HealthVisiting { get; }
    public Agency Hospital { get; }
    public Agency Police { get; }
    public Professional TeamManager { get; }
    public Professional SocialWorker { get; }
    public Professional FrontDoorManager { get; }
    public Professional FrontDoorWorker { get; }
    public Professional HealthVisitor { get; }
    public Professional SafeguardingNurse { get; }
    public Professional PoliceOfficer { get; }
    public Person Child { get; }
    public Person Mother { get; }

    public CaseWithTeam(DateOnly? childBorn = null, PersonKind kind = PersonKind.Child, bool allocated = true)
    {
        SocialCare = Builder.Agency("Bristol Children's Social Care", AgencyKind.ChildrensSocialCare, "Bristol");
        HealthVisiting = Builder.Agency("Bristol Health Visiting", AgencyKind.HealthVisiting, "Bristol");
        Hospital = Builder.Agency("Bristol Royal Hospital for Children", AgencyKind.Hospital, "Bristol");
        Police = Builder.Agency("Avon and Somerset Police", AgencyKind.Police, "Bristol");
        TeamManager = Builder.Professional("Team manager", ProfessionalRole.TeamManager, SocialCare);
        SocialWorker = Builder.Professional("Social worker", ProfessionalRole.SocialWorker, SocialCare, TeamManager);
        FrontDoorManager = Builder.Professional("Front door manager", ProfessionalRole.TeamManager, SocialCare);
        FrontDoorWorker = Builder.Professional("Front door worker", ProfessionalRole.FrontDoorWorker, SocialCare, FrontDoorManager);
        HealthVisitor = Builder.Professional("Health visitor", ProfessionalRole.HealthVisitor, HealthVisiting);
        SafeguardingNurse = Builder.Professional("Hospital safeguarding nurse", ProfessionalRole.HospitalSafeguardingNurse, Hospital);
        PoliceOfficer = Builder.Professional("Police officer", ProfessionalRole.PoliceOfficer, Police);
        Child = Builder.Child("Child", kind == PersonKind.UnbornChild ? null : childBorn ?? new DateOnly(2013, 6, 1), kind);
        Mother = Builder.Adult("Mother");
        Builder.Relate(Mother, RelationshipKind.Mother, Child);
        if (allocated) Builder.Involve(SocialWorker, Child, new DateOnly(2010, 1, 1), "allocated social worker", lead: true);
    }

    public Dictionary<string, string> Policy => Builder.Policy;

    public CaseEntry Record(DateTime at, Professional by, EntryDetails details, params Person[] about) => Builder.Record(at, by, details, about);

    /// <summary>An entry that happened at one moment and was recorded at another.</summary>
    public CaseEntry RecordLate(DateTime happened, DateTime recorded, Professional by, EntryDetails details, params Person[] about) =>
        Builder.Record(CaseFileBuilder.At(happened), CaseFileBuilder.At(recorded), by, details, about);

    public IReadOnlyList<Finding> Evaluate(ISafeguard safeguard, DateTime now) => Builder.Evaluate(safeguard, now);

    public CaseEntry Contact(DateTime at, params Person[] about) =>
        Record(at, FrontDoorWorker, new ContactReceived { Concerns = "Concern for the children's welfare" }, about);

    public CaseEntry Decision(DateTime at, Professional by, DecisionTopic topic, Guid? about = null) =>
        Record(at, by, new DecisionRecorded { Topic = topic, Decision = "Decided", Rationale = "Because", AboutEntryId = about });

    public CaseEntry Plan(DateTime at, PlanType type, params PlanItem[] items) =>
        Record(at, SocialWorker, new PlanStarted { Type = type, Category = type == PlanType.ChildProtection ? AbuseCategory.Neglect : null, Items = items });

    public CaseEntry Meeting(DateTime at, MeetingType type, ConferenceDecision? decision = null, bool? planReviewed = null, params ActionItem[] actions) =>
        Record(at, SocialWorker, new MeetingHeld { Type = type, Decision = decision, PlanReviewed = planReviewed, Actions = actions });

    public CaseEntry Supervision(DateTime at) =>
        Record(at, TeamManager, new Supervision { SuperviseeId = SocialWorker.Id, SupervisorId = TeamManager.Id, Point = SupervisionPoint.During, Discussion = "Reviewed the case" });

    public static PlanItem SpecificItem(Professional owner) => new()
    {
        Concern = "Home conditions",
        Action = "Weekly visits",
        OwnerProfessionalId = owner.Id,
        Due = new DateOnly(2015, 12, 1),
        SuccessMeasure = "Home is clean",
    };

    /// <summary>The end of a UK day: the due time of a working-day clock.</summary>
    public static DateTimeOffset EndOf(int year, int month, int day) => CaseFileBuilder.At(new DateTime(year, month, day, 23, 59, 59, 999));
}
