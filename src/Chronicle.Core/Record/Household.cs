namespace Chronicle.Core.Record;

/// <summary>The people who live together. Membership changes over time and is kept as dated facts.</summary>
public sealed class Household
{
    public Guid Id { get; set; }
    public Guid PartnershipId { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<HouseholdMembership> Members { get; set; } = [];
}

/// <summary>A person living in a household from one date to another, as reported by an agency.</summary>
public sealed class HouseholdMembership
{
    public Guid Id { get; set; }
    public Guid HouseholdId { get; set; }
    public Guid PersonId { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public Guid? ReportedByAgencyId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    public bool IsCurrentOn(DateOnly day) => (From is null || From <= day) && (To is null || To >= day);
}
