using Chronicle.Core.Actions;
using Chronicle.Core.Casework;
using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Meetings;
using Chronicle.Core.Persistence;
using Chronicle.Core.Plans;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Sharing;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Time;
using Chronicle.Testing;

namespace Chronicle.Core.Tests.TeamAroundChild;

/// <summary>
/// A family like Family L on a migrated database: a mother who uses a substance misuse service, a father on
/// probation living elsewhere, F (2) and C (6) at home; a social worker (lead), GP, health visitor, school, a
/// police officer and managers. The clock starts on Monday 2 February 2015 at 09:00.
/// </summary>
public sealed class TeamWorld : IAsyncDisposable
{
    public static readonly DateOnly Since = new(2015, 1, 5);

    private TeamWorld(TestDatabase database, SimulatedClock clock, IReadOnlyList<ISafeguard> safeguards)
    {
        Database = database;
        Clock = clock;
        Engine = new SafeguardEngine(safeguards, WorkingDayCalendar.EnglandAndWales, clock);
        Sharing = new SharingObserver(Chronology, clock);
        Tracker = new ActionTracker(clock);
    }

    public TestDatabase Database { get; }
    public SimulatedClock Clock { get; }
    public SafeguardEngine Engine { get; }
    public SharingObserver Sharing { get; }
    public ActionTracker Tracker { get; }
    public Guid PartnershipId { get; private set; }

    public Agency Csc { get; private set; } = null!;
    public Agency Police { get; private set; } = null!;
    public Agency Gp { get; private set; } = null!;
    public Agency HealthVisiting { get; private set; } = null!;
    public Agency School { get; private set; } = null!;
    public Agency SubstanceMisuse { get; private set; } = null!;
    public Agency Probation { get; private set; } = null!;
    public Agency Hospital { get; private set; } = null!;

    public Professional Manager { get; private set; } = null!;
    public Professional SocialWorker { get; private set; } = null!;
    public Professional OtherSocialWorker { get; private set; } = null!;
    public Professional Chair { get; private set; } = null!;
    public Professional Officer { get; private set; } = null!;
    public Professional PracticeLead { get; private set; } = null!;
    public Professional Doctor { get; private set; } = null!;
    public Professional HealthVisitor { get; private set; } = null!;
    public Professional Teacher { get; private set; } = null!;
    public Professional DrugWorker { get; private set; } = null!;
    public Professional ProbationOfficer { get; private set; } = null!;
    public Professional Paediatrician { get; private set; } = null!;

    public Person F { get; private set; } = null!;
    public Person C { get; private set; } = null!;
    public Person Mother { get; private set; } = null!;
    public Person Father { get; private set; } = null!;

    /// <param name="safeguards">
    /// None by default: the engine runs as it will in the app, but these tests are about the team's own rules and
    /// must not change when a safeguard is added to the catalogue. Tests of how the two work together pass the catalogue.
    /// </param>
    public static async Task<TeamWorld> CreateAsync(Provider provider, IReadOnlyList<ISafeguard>? safeguards = null)
    {
        var world = new TeamWorld(await TestDatabase.CreateAsync(provider), new SimulatedClock(new DateTimeOffset(2015, 2, 2, 9, 0, 0, TimeSpan.Zero)), safeguards ?? []);
        await world.SetUpAsync();
        return world;
    }

    public ChronologyService Chronology(ChronicleDb db) => new(db, Clock, [Sharing, Tracker, Engine]);

    public TeamService Team(ChronicleDb db) => new(db, Chronology(db), Clock);
    public SharingService SharingService(ChronicleDb db) => new(db, Chronology(db), Clock);
    public MeetingService Meetings(ChronicleDb db) => new(db, Chronology(db), Clock);
    public PlanService Plans(ChronicleDb db) => new(db, Chronology(db), Clock);
    public ActionService Actions(ChronicleDb db) => new(db, Chronology(db), Clock);
    public SupervisionService Supervision(ChronicleDb db) => new(db, Chronology(db), Clock);
    public ClosureService Closure(ChronicleDb db) => new(db, Chronology(db), new AlertService(db, Engine, Clock), Clock);

    /// <summary>Records an entry through the chronology with every observer, as the web app will.</summary>
    public async Task<ChronologyEntry> RecordAsync(
        Professional by, EntryDetails details, Significance significance = Significance.Significant, SharingLevel sharing = SharingLevel.Team, params Person[] about)
    {
        await using var db = Database.Open();
        var input = Recording.Input(details, by.Id, (about.Length == 0 ? [F] : about).Select(p => p.Id), Clock.GetUtcNow(), null, significance, sharing);
        return (await Chronology(db).RecordAsync(PartnershipId, input)).Unwrap();
    }

    public async Task InvolveAsync(Professional professional, Person with, string role, bool lead = false)
    {
        await using var db = Database.Open();
        (await new RecordService(db, Clock).AddInvolvementAsync(PartnershipId, new InvolvementInput(with.Id, professional.AgencyId, role, Since, professional.Id, lead))).Unwrap();
    }

    public static DateTimeOffset Uk(int month, int day, int hour = 9, int minute = 0) => CaseFileBuilder.At(new DateTime(2015, month, day, hour, minute, 0));

    private async Task SetUpAsync()
    {
        await using var db = Database.Open();
        var record = new RecordService(db, Clock);
        PartnershipId = (await record.CreatePartnershipAsync("Bristol", "bristol")).Unwrap().Id;
        async Task<Agency> AgencyAsync(string name, AgencyKind kind) => (await record.CreateAgencyAsync(PartnershipId, new AgencyInput(name, kind, "Bristol"))).Unwrap();
        async Task<Professional> ProfessionalAsync(string name, Agency agency, ProfessionalRole role, Professional? manager = null) =>
            (await record.CreateProfessionalAsync(PartnershipId, new ProfessionalInput(name, agency.Id, role, ManagerId: manager?.Id,
                Email: $"{name.ToLowerInvariant().Replace(' ', '.')}@example.org"))).Unwrap();
        Csc = await AgencyAsync("Bristol Children's Social Care", AgencyKind.ChildrensSocialCare);
        Police = await AgencyAsync("Avon and Somerset Police", AgencyKind.Police);
        Gp = await AgencyAsync("Hillside Surgery", AgencyKind.GeneralPractice);
        HealthVisiting = await AgencyAsync("Bristol Health Visiting", AgencyKind.HealthVisiting);
        School = await AgencyAsync("St Anne's Primary", AgencyKind.School);
        SubstanceMisuse = await AgencyAsync("Bristol Drugs Project", AgencyKind.SubstanceMisuseService);
        Probation = await AgencyAsync("Probation Service", AgencyKind.Probation);
        Hospital = await AgencyAsync("Bristol Royal Hospital for Children", AgencyKind.Hospital);

        Manager = await ProfessionalAsync("Mo Manager", Csc, ProfessionalRole.TeamManager);
        SocialWorker = await ProfessionalAsync("Sam Social", Csc, ProfessionalRole.SocialWorker, Manager);
        OtherSocialWorker = await ProfessionalAsync("Olu Other", Csc, ProfessionalRole.SocialWorker, Manager);
        Chair = await ProfessionalAsync("Cass Chair", Csc, ProfessionalRole.ConferenceChair);
        Officer = await ProfessionalAsync("Pat Police", Police, ProfessionalRole.PoliceOfficer);
        PracticeLead = await ProfessionalAsync("Lee Lead", Gp, ProfessionalRole.GeneralPractitioner);
        Doctor = await ProfessionalAsync("Gita Doctor", Gp, ProfessionalRole.GeneralPractitioner, PracticeLead);
        HealthVisitor = await ProfessionalAsync("Hana Visitor", HealthVisiting, ProfessionalRole.HealthVisitor);
        Teacher = await ProfessionalAsync("Tom Teacher", School, ProfessionalRole.DesignatedSafeguardingLead);
        DrugWorker = await ProfessionalAsync("Dee Worker", SubstanceMisuse, ProfessionalRole.SubstanceMisuseWorker);
        ProbationOfficer = await ProfessionalAsync("Pip Probation", Probation, ProfessionalRole.ProbationOfficer);
        Paediatrician = await ProfessionalAsync("Dr Paed", Hospital, ProfessionalRole.Paediatrician);

        async Task<Person> PersonAsync(string name, PersonKind kind, DateOnly? born) =>
            (await record.CreatePersonAsync(PartnershipId, new PersonInput { Kind = kind, KnownAs = name, DateOfBirth = born })).Unwrap();
        F = await PersonAsync("F", PersonKind.Child, new DateOnly(2012, 10, 1));
        C = await PersonAsync("C", PersonKind.Child, new DateOnly(2008, 9, 1));
        Mother = await PersonAsync("Mother L", PersonKind.Adult, null);
        Father = await PersonAsync("Father L", PersonKind.Adult, null);
        foreach (var child in new[] { F, C })
        {
            (await record.AddRelationshipAsync(PartnershipId, new RelationshipInput(Mother.Id, RelationshipKind.Mother, child.Id))).Unwrap();
            (await record.AddRelationshipAsync(PartnershipId, new RelationshipInput(Father.Id, RelationshipKind.Father, child.Id))).Unwrap();
        }
        (await record.AddRelationshipAsync(PartnershipId, new RelationshipInput(C.Id, RelationshipKind.Sibling, F.Id))).Unwrap();
        (await record.CreateHouseholdAsync(PartnershipId, new HouseholdInput("L family home", [new(Mother.Id), new(F.Id), new(C.Id)]))).Unwrap();

        await InvolveAsync(SocialWorker, F, "allocated social worker", lead: true);
        await InvolveAsync(SocialWorker, C, "allocated social worker", lead: true);
        await InvolveAsync(Doctor, F, "GP");
        await InvolveAsync(Doctor, Mother, "GP");
        await InvolveAsync(HealthVisitor, F, "health visitor");
        await InvolveAsync(Teacher, C, "designated safeguarding lead");
        await InvolveAsync(DrugWorker, Mother, "substance misuse key worker");
        await InvolveAsync(ProbationOfficer, Father, "offender manager");
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
