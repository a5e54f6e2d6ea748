namespace Chronicle.Core.Record;

public enum ProfessionalRole
{
    SocialWorker,
    TeamManager,
    FrontDoorWorker,
    ConferenceChair,
    HealthVisitor,
    SchoolNurse,
    Midwife,
    GeneralPractitioner,
    Paediatrician,
    HospitalSafeguardingNurse,
    EmergencyClinician,
    PoliceOfficer,
    PoliceSafeguardingOfficer,
    DesignatedSafeguardingLead,
    SchoolSupportWorker,
    EarlyYearsPractitioner,
    FamilySupportWorker,
    SubstanceMisuseWorker,
    ProbationOfficer,
    MentalHealthWorker,
    AdultSocialWorker,
    HousingOfficer,
    Lawyer,
    BusinessUnitOfficer,
    Reviewer,
    Scrutineer,
    InformationGovernanceOfficer,
    Administrator,
    Other,
}

/// <summary>A person who works for an agency: the recorder of entries, the owner of actions and alerts.</summary>
public sealed class Professional
{
    public Guid Id { get; set; }
    public Guid PartnershipId { get; set; }
    public Guid AgencyId { get; set; }
    public Guid? TeamId { get; set; }
    public required string Name { get; set; }
    public ProfessionalRole Role { get; set; }
    /// <summary>The job title as the agency names it, where it says more than the role.</summary>
    public string? JobTitle { get; set; }
    public Guid? ManagerId { get; set; }
    public string? Email { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
