namespace Chronicle.Core.Record;

public enum AgencyKind
{
    ChildrensSocialCare,
    Police,
    GeneralPractice,
    HealthVisiting,
    SchoolNursing,
    Midwifery,
    Hospital,
    CommunityPaediatrics,
    School,
    EarlyYears,
    EarlyHelp,
    SubstanceMisuseService,
    Probation,
    Prison,
    AdultMentalHealth,
    AdultSocialCare,
    Housing,
    VoluntarySector,
    Ambulance,
    LegalServices,
    PartnershipBusinessUnit,
    Other,
}

/// <summary>An organisation that works with children and families and records what it knows.</summary>
public sealed class Agency
{
    public Guid Id { get; set; }
    public Guid PartnershipId { get; set; }
    public required string Name { get; set; }
    public AgencyKind Kind { get; set; }
    /// <summary>The local authority area the agency serves, so moves between areas can be recognised.</summary>
    public string? Area { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class Team
{
    public Guid Id { get; set; }
    public Guid AgencyId { get; set; }
    public required string Name { get; set; }
}
