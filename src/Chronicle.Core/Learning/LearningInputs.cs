namespace Chronicle.Core.Learning;

public sealed record IncidentInput(string? Title, string? Summary, DateOnly? AwareOn, IReadOnlyList<Guid>? ChildPersonIds = null);

public sealed record RapidReviewInput(DateOnly? CompletedOn, ReviewDecision? Decision, string? Rationale, DateOnly? DecidedOn);

public sealed record ReviewInput
{
    public Guid? IncidentId { get; init; }
    public string? Title { get; init; }
    public ReviewType? Type { get; init; }
    public ReviewStatus Status { get; init; } = ReviewStatus.InProgress;
    public string? LeadReviewer { get; init; }
    public IReadOnlyList<string> AgenciesScrutinised { get; init; } = [];
    public DateOnly? PeriodFrom { get; init; }
    public DateOnly? PeriodTo { get; init; }
    public string? Method { get; init; }
    public string? Summary { get; init; }
    public string? Focus { get; init; }
    public DateOnly? DecidedOn { get; init; }
    public DateOnly? PublishedOn { get; init; }
    public string? SourceDocument { get; init; }
}

public sealed record ItemInput(ReviewItemType? Type, string? Text, string? Number = null, Guid? ParentItemId = null, IReadOnlyList<string>? Themes = null);

public sealed record ActionInput(string? Description, Guid? ItemId = null, string? Owner = null, DateOnly? Deadline = null, string? ExpectedImpact = null, string? HowWeWillKnow = null);

public sealed record EvidenceInput(EvidenceKind? Kind, string? Summary, DateOnly? RecordedOn, Guid? RecordedByProfessionalId = null);

public sealed record DisseminationInput(DisseminationChannel? Channel, DateOnly? HeldOn, int? Reach = null, string? Audience = null, string? Notes = null);

public sealed record FeedbackInput(int? Usefulness, string? PracticeChange = null, string? Comment = null, Guid? ProfessionalId = null);
