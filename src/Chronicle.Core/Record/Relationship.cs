namespace Chronicle.Core.Record;

public enum RelationshipKind
{
    Mother,
    Father,
    StepParent,
    PartnerOfParent,
    Sibling,
    HalfSibling,
    Grandparent,
    Carer,
    Other,
}

/// <summary>"<see cref="PersonId"/> is the <see cref="Kind"/> of <see cref="RelatedPersonId"/>", as an agency recorded it.</summary>
public sealed class Relationship
{
    public Guid Id { get; set; }
    public Guid PartnershipId { get; set; }
    public Guid PersonId { get; set; }
    public Guid RelatedPersonId { get; set; }
    public RelationshipKind Kind { get; set; }
    /// <summary>Free words where the kind says too little ("maternal aunt", "mother's new partner").</summary>
    public string? Description { get; set; }
    public bool HasParentalResponsibility { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public Guid? RecordedByAgencyId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    public static bool IsParental(RelationshipKind kind) =>
        kind is RelationshipKind.Mother or RelationshipKind.Father or RelationshipKind.StepParent or RelationshipKind.Carer;
}
