using Chronicle.Core.Validation;

namespace Chronicle.Core.Chronology.Details;

public enum SupervisionPoint { Opening, During, Closing }

/// <summary>Management supervision of the work on a case.</summary>
public sealed record Supervision : EntryDetails
{
    [Names(ReferenceTarget.Professional)]
    public required Guid SuperviseeId { get; init; }
    [Names(ReferenceTarget.Professional)]
    public required Guid SupervisorId { get; init; }
    public required SupervisionPoint Point { get; init; }
    public required string Discussion { get; init; }
    public IReadOnlyList<ActionItem> Actions { get; init; } = [];

    public override void Validate(Problems problems)
    {
        problems.Required("discussion", Discussion, "Enter what the supervision discussed and decided");
        for (var i = 0; i < Actions.Count; i++) Actions[i].Validate(problems.For($"actions[{i}]"));
    }
}

/// <summary>A professional away from work. The reason is not recorded: it is their personal data, not the child's.</summary>
public sealed record StaffAbsence : EntryDetails
{
    [Names(ReferenceTarget.Professional)]
    public required Guid ProfessionalId { get; init; }
    public required DateOnly From { get; init; }
    public DateOnly? To { get; init; }
    [Names(ReferenceTarget.Professional)]
    public Guid? CoveredByProfessionalId { get; init; }

    public override void Validate(Problems problems)
    {
        if (To is { } to && to < From) problems.Add("to", "The end of the absence must be on or after its start");
    }
}

public enum ClosureStage { Proposed, Closed }

/// <summary>A case proposed for closure, or closed.</summary>
public sealed record CaseClosure : EntryDetails
{
    public required ClosureStage Stage { get; init; }
    public required string Reason { get; init; }
    /// <summary>The agency whose involvement is closing; children's social care when absent.</summary>
    [Names(ReferenceTarget.Agency)]
    public Guid? AgencyId { get; init; }

    public override void Validate(Problems problems) =>
        problems.Required("reason", Reason, "Enter why the case is closing");
}

/// <summary>Information passed to named professionals, with the lawful basis for sharing it.</summary>
public sealed record InformationShared : EntryDetails
{
    [Names(ReferenceTarget.Entry)]
    public Guid? AboutEntryId { get; init; }
    [Names(ReferenceTarget.Professional)]
    public IReadOnlyList<Guid> RecipientProfessionalIds { get; init; } = [];
    [Names(ReferenceTarget.Agency)]
    public IReadOnlyList<Guid> RecipientAgencyIds { get; init; } = [];
    public required string Summary { get; init; }
    public string LawfulBasis { get; init; } = "Safeguarding of children (UK GDPR Art 6(1)(e); DPA 2018 Sch 1 para 18)";

    public override void Validate(Problems problems)
    {
        problems.Required("summary", Summary, "Enter what was shared");
        if (RecipientProfessionalIds.Count == 0 && RecipientAgencyIds.Count == 0)
            problems.Add("recipientProfessionalIds", "Select who the information was shared with");
    }
}

/// <summary>A recipient confirming they have received and read shared information.</summary>
public sealed record InformationAcknowledged : EntryDetails
{
    [Names(ReferenceTarget.Entry)]
    public required Guid SharedEntryId { get; init; }
    [Names(ReferenceTarget.Professional)]
    public required Guid ProfessionalId { get; init; }
}
