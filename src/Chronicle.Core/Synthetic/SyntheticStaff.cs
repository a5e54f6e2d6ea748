using Chronicle.Core.Record;

namespace Chronicle.Core.Synthetic;

/// <summary>
/// The agencies and professionals of a synthetic partnership the size of a large county: one children's social care
/// service with its front door, teams and chairs, police, 40 GP practices, 60 schools, three hospitals, community
/// health and adult services, and the children's services of three neighbouring areas.
/// </summary>
public sealed class SyntheticStaff
{
    public const string HomeArea = "Northshire";
    public static readonly string[] NeighbouringAreas = ["Southvale", "Eastmoor", "West Dales"];

    private readonly Dictionary<Guid, Agency> _agencies = [];
    private readonly Dictionary<Guid, Professional> _professionals = [];
    private readonly Random _rng;
    private readonly Guid _partnership;
    private int _named;

    public SyntheticStaff(Guid partnership, Random rng)
    {
        _partnership = partnership;
        _rng = rng;

        ChildrensSocialCare = Agency("Northshire Children's Services", AgencyKind.ChildrensSocialCare);
        Police = Agency("Northshire Police", AgencyKind.Police);
        HealthVisiting = Agency("Northshire Health Visiting", AgencyKind.HealthVisiting);
        SchoolNursing = Agency("Northshire School Nursing", AgencyKind.SchoolNursing);
        Midwifery = Agency("Northshire Maternity", AgencyKind.Midwifery);
        CommunityPaediatrics = Agency("Northshire Community Paediatrics", AgencyKind.CommunityPaediatrics);
        EarlyHelp = Agency("Northshire Early Help", AgencyKind.EarlyHelp);
        SubstanceMisuse = Agency("Northshire Recovery Service", AgencyKind.SubstanceMisuseService);
        Probation = Agency("Northshire Probation", AgencyKind.Probation);
        AdultMentalHealth = Agency("Northshire Adult Mental Health", AgencyKind.AdultMentalHealth);
        Housing = Agency("Northshire Housing", AgencyKind.Housing);
        GpPractices = [.. Enumerable.Range(1, 40).Select(i => Agency($"Northshire Surgery {i}", AgencyKind.GeneralPractice))];
        Schools = [.. Enumerable.Range(1, 60).Select(i => Agency($"Northshire School {i}", AgencyKind.School))];
        Hospitals = [Agency("Northshire General Hospital", AgencyKind.Hospital), Agency("Northshire Royal Infirmary", AgencyKind.Hospital)];
        NeighbouringChildrensServices = [.. NeighbouringAreas.Select(a => Agency($"{a} Children's Services", AgencyKind.ChildrensSocialCare, a))];
        NeighbouringHospital = Agency("Southvale District Hospital", AgencyKind.Hospital, NeighbouringAreas[0]);

        var serviceManager = People(1, "Service manager", ProfessionalRole.TeamManager, ChildrensSocialCare)[0];
        TeamManagers = People(40, "Team manager", ProfessionalRole.TeamManager, ChildrensSocialCare, [serviceManager]);
        SocialWorkers = People(400, "Social worker", ProfessionalRole.SocialWorker, ChildrensSocialCare, TeamManagers);
        FrontDoorManagers = People(3, "Front door manager", ProfessionalRole.TeamManager, ChildrensSocialCare, [serviceManager]);
        FrontDoorWorkers = People(30, "Front door worker", ProfessionalRole.FrontDoorWorker, ChildrensSocialCare, FrontDoorManagers);
        Chairs = People(15, "Conference chair", ProfessionalRole.ConferenceChair, ChildrensSocialCare, [serviceManager]);
        var sergeants = People(20, "Police sergeant", ProfessionalRole.Other, Police);
        PoliceOfficers = People(150, "Police officer", ProfessionalRole.PoliceOfficer, Police, sergeants);
        PoliceSafeguarding = People(20, "Police safeguarding officer", ProfessionalRole.PoliceSafeguardingOfficer, Police, sergeants);
        GeneralPractitioners = [.. GpPractices.SelectMany(p => People(3, "GP", ProfessionalRole.GeneralPractitioner, p))];
        var healthManagers = People(8, "Health visiting team leader", ProfessionalRole.TeamManager, HealthVisiting);
        HealthVisitors = People(80, "Health visitor", ProfessionalRole.HealthVisitor, HealthVisiting, healthManagers);
        SchoolNurses = People(40, "School nurse", ProfessionalRole.SchoolNurse, SchoolNursing);
        Midwives = People(40, "Midwife", ProfessionalRole.Midwife, Midwifery);
        Paediatricians = [.. People(10, "Community paediatrician", ProfessionalRole.Paediatrician, CommunityPaediatrics), .. Hospitals.SelectMany(h => People(4, "Paediatrician", ProfessionalRole.Paediatrician, h))];
        SafeguardingNurses = [.. Hospitals.SelectMany(h => People(3, "Hospital safeguarding nurse", ProfessionalRole.HospitalSafeguardingNurse, h))];
        EmergencyClinicians = [.. Hospitals.SelectMany(h => People(15, "Emergency clinician", ProfessionalRole.EmergencyClinician, h))];
        SafeguardingLeads = [.. Schools.Select(s => People(1, "Designated safeguarding lead", ProfessionalRole.DesignatedSafeguardingLead, s)[0])];
        FamilySupportWorkers = People(60, "Family support worker", ProfessionalRole.FamilySupportWorker, EarlyHelp);
        SubstanceMisuseWorkers = People(20, "Recovery worker", ProfessionalRole.SubstanceMisuseWorker, SubstanceMisuse);
        ProbationOfficers = People(25, "Probation officer", ProfessionalRole.ProbationOfficer, Probation);
        MentalHealthWorkers = People(25, "Mental health worker", ProfessionalRole.MentalHealthWorker, AdultMentalHealth);
        HousingOfficers = People(10, "Housing officer", ProfessionalRole.HousingOfficer, Housing);
        NeighbouringSocialWorkers = [.. NeighbouringChildrensServices.Select(a => People(1, "Social worker", ProfessionalRole.SocialWorker, a)[0])];
    }

    public IReadOnlyDictionary<Guid, Agency> Agencies => _agencies;
    public IReadOnlyDictionary<Guid, Professional> Professionals => _professionals;

    public Agency ChildrensSocialCare { get; }
    public Agency Police { get; }
    public Agency HealthVisiting { get; }
    public Agency SchoolNursing { get; }
    public Agency Midwifery { get; }
    public Agency CommunityPaediatrics { get; }
    public Agency EarlyHelp { get; }
    public Agency SubstanceMisuse { get; }
    public Agency Probation { get; }
    public Agency AdultMentalHealth { get; }
    public Agency Housing { get; }
    public Agency[] GpPractices { get; }
    public Agency[] Schools { get; }
    public Agency[] Hospitals { get; }
    public Agency[] NeighbouringChildrensServices { get; }
    public Agency NeighbouringHospital { get; }

    public Professional[] TeamManagers { get; }
    public Professional[] SocialWorkers { get; }
    public Professional[] FrontDoorManagers { get; }
    public Professional[] FrontDoorWorkers { get; }
    public Professional[] Chairs { get; }
    public Professional[] PoliceOfficers { get; }
    public Professional[] PoliceSafeguarding { get; }
    /// <summary>Three per practice, in the order of <see cref="GpPractices"/>.</summary>
    public Professional[] GeneralPractitioners { get; }
    public Professional[] HealthVisitors { get; }
    public Professional[] SchoolNurses { get; }
    public Professional[] Midwives { get; }
    public Professional[] Paediatricians { get; }
    public Professional[] SafeguardingNurses { get; }
    public Professional[] EmergencyClinicians { get; }
    /// <summary>One per school, in the order of <see cref="Schools"/>.</summary>
    public Professional[] SafeguardingLeads { get; }
    public Professional[] FamilySupportWorkers { get; }
    public Professional[] SubstanceMisuseWorkers { get; }
    public Professional[] ProbationOfficers { get; }
    public Professional[] MentalHealthWorkers { get; }
    public Professional[] HousingOfficers { get; }
    public Professional[] NeighbouringSocialWorkers { get; }

    public Professional ManagerOf(Professional professional) =>
        professional.ManagerId is { } id ? _professionals[id] : professional;

    private Agency Agency(string name, AgencyKind kind, string area = HomeArea)
    {
        var agency = new Agency { Id = Ids.Next(_rng), PartnershipId = _partnership, Name = name, Kind = kind, Area = area };
        _agencies[agency.Id] = agency;
        return agency;
    }

    private Professional[] People(int count, string title, ProfessionalRole role, Agency agency, Professional[]? managers = null)
    {
        var people = new Professional[count];
        for (var i = 0; i < count; i++)
        {
            var name = $"{Names.Given[_named % Names.Given.Length]} {Names.Family[_named / Names.Given.Length % Names.Family.Length]} ({title} {++_named})";
            people[i] = new Professional
            {
                Id = Ids.Next(_rng),
                PartnershipId = _partnership,
                AgencyId = agency.Id,
                Name = name,
                Role = role,
                JobTitle = title,
                ManagerId = managers is null ? null : managers[i % managers.Length].Id,
            };
            _professionals[people[i].Id] = people[i];
        }
        return people;
    }
}

/// <summary>Deterministic identifiers: sixteen bytes from the generator's own random source.</summary>
internal static class Ids
{
    public static Guid Next(Random rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        return new Guid(bytes);
    }
}

internal static class Names
{
    public static readonly string[] Given =
    [
        "Amelia", "Olivia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Sophia", "Grace", "Freya", "Ella", "Evie", "Poppy", "Emily",
        "Ruby", "Daisy", "Layla", "Aisha", "Zara", "Maya", "Noah", "Oliver", "George", "Leo", "Arthur", "Oscar", "Harry",
        "Jack", "Charlie", "Jacob", "Freddie", "Alfie", "Theo", "Henry", "Archie", "Muhammad", "Isaac", "Finley", "Tommy", "Kai",
    ];

    public static readonly string[] Family =
    [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright", "Thompson",
        "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Khan", "Hughes", "Edwards", "Hill",
        "Moore", "Ali", "Begum", "Lewis", "Harris", "Clark", "Cooper", "Ward", "Turner", "Morris", "Kowalski", "Nowak", "Murphy",
    ];

    public static readonly string[] Streets =
    [
        "High Street", "Station Road", "Church Lane", "Mill Road", "Park Avenue", "Queen Street", "Victoria Road", "Green Lane",
        "Manor Close", "The Crescent", "Orchard Way", "Chapel Street", "Meadow View", "North Road", "Castle Street", "Brook Lane",
    ];
}
