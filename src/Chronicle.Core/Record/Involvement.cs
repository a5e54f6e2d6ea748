namespace Chronicle.Core.Record;

/// <summary>
/// A professional or agency working with a person (a child, or an adult in the child's family) from one date to
/// another. Involvements with the child and with the adults around the child make up the team around the child.
/// </summary>
public sealed class Involvement
{
    public Guid Id { get; set; }
    public Guid PartnershipId { get; set; }
    public Guid PersonId { get; set; }
    public Guid AgencyId { get; set; }
    public Guid? ProfessionalId { get; set; }
    /// <summary>What they do for this person: "allocated social worker", "GP", "substance misuse key worker".</summary>
    public required string Role { get; set; }
    /// <summary>The lead professional for the child.</summary>
    public bool IsLead { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    public bool IsActiveOn(DateOnly day) => From <= day && (To is null || To >= day);
}
