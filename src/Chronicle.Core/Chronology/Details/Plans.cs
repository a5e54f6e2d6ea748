using Chronicle.Core.Validation;

namespace Chronicle.Core.Chronology.Details;

public enum PlanType { ChildInNeed, ChildProtection, Safety }

public enum AbuseCategory { Neglect, PhysicalAbuse, EmotionalAbuse, SexualAbuse }

/// <summary>One line of a plan: the concern, the action, who, by when, and how success will be measured.</summary>
public sealed record PlanItem
{
    public required string Concern { get; init; }
    public required string Action { get; init; }
    [Names(ReferenceTarget.Professional)]
    public Guid? OwnerProfessionalId { get; init; }
    public DateOnly? Due { get; init; }
    public string? SuccessMeasure { get; init; }

    public bool IsSpecific => OwnerProfessionalId is not null && Due is not null && !string.IsNullOrWhiteSpace(SuccessMeasure);
}

/// <summary>What one participant in a safety plan does if concerns escalate, and if the child cannot be seen.</summary>
public sealed record SafetyParticipant
{
    [Names(ReferenceTarget.Professional)]
    public Guid? ProfessionalId { get; init; }
    [Names(ReferenceTarget.Person)]
    public Guid? PersonId { get; init; }
    public required string Role { get; init; }
    public string? IfConcernsEscalate { get; init; }
    public string? IfChildCannotBeSeen { get; init; }

    public bool HasContingencies => !string.IsNullOrWhiteSpace(IfConcernsEscalate) && !string.IsNullOrWhiteSpace(IfChildCannotBeSeen);
}

/// <summary>
/// A CIN, CP or safety plan started. The chronology holds a plan as it was written, vague items included, so that
/// SG-23 can notice them; writing a plan through Chronicle's own plan pages refuses such items unless saved as a draft.
/// </summary>
public sealed record PlanStarted : EntryDetails
{
    public required PlanType Type { get; init; }
    public AbuseCategory? Category { get; init; }
    public IReadOnlyList<PlanItem> Items { get; init; } = [];
    public IReadOnlyList<SafetyParticipant> Participants { get; init; } = [];
    public bool Draft { get; init; }
    /// <summary>
    /// The entries already on record (a parent's history, earlier incidents) whose risk the plan weighed. Null when not
    /// recorded: older entries did not say.
    /// </summary>
    [Names(ReferenceTarget.Entry)]
    public IReadOnlyList<Guid>? RisksAnalysed { get; init; }
    /// <summary>
    /// The adults the plan assessed in their role as a parent or carer of the child. Null when not recorded: older
    /// entries did not say, and an adult is then never read as assessed by it.
    /// </summary>
    [Names(ReferenceTarget.Person)]
    public IReadOnlyList<Guid>? ParentingAssessed { get; init; }

    public override void Validate(Problems problems)
    {
        if (Type == PlanType.ChildProtection && Category is null && !Draft)
            problems.Add("category", "Select the category of abuse for the child protection plan");
        if (Type != PlanType.ChildProtection && Category is not null)
            problems.Add("category", "Only a child protection plan has a category of abuse");
        for (var i = 0; i < Items.Count; i++)
        {
            var item = Items[i];
            var p = problems.For($"items[{i}]");
            p.Required("concern", item.Concern, "Enter the concern this item addresses");
            p.Required("action", item.Action, "Enter the action");
        }
        for (var i = 0; i < Participants.Count; i++)
            problems.For($"participants[{i}]").Required("role", Participants[i].Role, "Enter the participant's role in the plan");
    }
}

/// <summary>Progress on one item of a plan, or on one action of another entry (a child protection medical's actions).</summary>
public sealed record ItemProgress
{
    public required int ItemIndex { get; init; }
    public required string Progress { get; init; }
    public bool Achieved { get; init; }
    /// <summary>Who now owns the item, where the review gives it an owner.</summary>
    [Names(ReferenceTarget.Professional)]
    public Guid? OwnerProfessionalId { get; init; }
    /// <summary>When the item is now due, where the review gives it a new date.</summary>
    public DateOnly? Due { get; init; }
}

/// <summary>A plan's items reviewed; or the actions of another entry (such as a child protection medical) given owners or marked done.</summary>
public sealed record PlanReviewed : EntryDetails
{
    [Names(ReferenceTarget.Entry)]
    public required Guid PlanEntryId { get; init; }
    public IReadOnlyList<ItemProgress> Progress { get; init; } = [];
    public string? Summary { get; init; }
    /// <summary>
    /// The entries already on record (a parent's history, earlier incidents) whose risk the review weighed. Null when not
    /// recorded: older entries did not say.
    /// </summary>
    [Names(ReferenceTarget.Entry)]
    public IReadOnlyList<Guid>? RisksAnalysed { get; init; }
}

public sealed record PlanEnded : EntryDetails
{
    [Names(ReferenceTarget.Entry)]
    public required Guid PlanEntryId { get; init; }
    public required string Reason { get; init; }

    public override void Validate(Problems problems) =>
        problems.Required("reason", Reason, "Enter why the plan ended");
}
