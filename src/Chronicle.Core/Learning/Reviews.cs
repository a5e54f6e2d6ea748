namespace Chronicle.Core.Learning;

/// <summary>What the partnership decided to do after a rapid review.</summary>
public enum ReviewDecision
{
    /// <summary>A local child safeguarding practice review (CSPR).</summary>
    LocalPracticeReview,
    /// <summary>A local review below the CSPR criteria, such as Bristol's child protection incident reviews (CPIR).</summary>
    LocalLearningReview,
    SingleAgencyReview,
    NoReview,
}

/// <summary>
/// A serious incident: the date the local authority became aware, its notification to the national panel (LC-01),
/// the rapid review (LC-02), and the decision that followed, with its rationale.
/// </summary>
public sealed class SeriousIncident
{
    public Guid Id { get; set; }
    public Guid PartnershipId { get; set; }
    /// <summary>The child or family as the review names them: "Baby R", "Family L".</summary>
    public required string Title { get; set; }
    public required string Summary { get; set; }
    /// <summary>Children on Chronicle's record whom the incident concerns, as comma-separated ids (may be none).</summary>
    public string ChildPersonIds { get; set; } = "";
    public DateOnly AwareOn { get; set; }
    public DateOnly? NotifiedOn { get; set; }
    public DateOnly? RapidReviewCompletedOn { get; set; }
    public ReviewDecision? Decision { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public string? DecisionRationale { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum ReviewType
{
    ChildSafeguardingPracticeReview,
    SeriousCaseReview,
    ChildProtectionIncidentReview,
    SingleAgencyReview,
    Other,
}

public enum ReviewStatus
{
    /// <summary>Imported or being written: a person must check and confirm it.</summary>
    Draft,
    InProgress,
    Published,
}

/// <summary>A review: who leads it, which agencies it scrutinises, the period it covers, and its timescale (LC-03).</summary>
public sealed class Review
{
    public Guid Id { get; set; }
    public Guid PartnershipId { get; set; }
    public Guid? IncidentId { get; set; }
    public required string Title { get; set; }
    public ReviewType Type { get; set; }
    public ReviewStatus Status { get; set; }
    public string? LeadReviewer { get; set; }
    /// <summary>Agencies scrutinised, one a line.</summary>
    public string AgenciesScrutinised { get; set; } = "";
    public DateOnly? PeriodFrom { get; set; }
    public DateOnly? PeriodTo { get; set; }
    public string? Method { get; set; }
    /// <summary>What happened, in the review's words (the briefing's opening section).</summary>
    public string? Summary { get; set; }
    /// <summary>The review's focus (the briefing's second section).</summary>
    public string? Focus { get; set; }
    /// <summary>The date of the decision to hold it, from which the 6-month timescale runs.</summary>
    public DateOnly? DecidedOn { get; set; }
    public DateOnly? ReportCompletedOn { get; set; }
    public DateOnly? PublishedOn { get; set; }
    /// <summary>
    /// What the source document says of the review's dates, in its words, where it gives a month, a season or a year
    /// but no day ("commissioned in the autumn of 2019"): the day fields stay empty rather than hold a day it does not give.
    /// </summary>
    public string? DatesAsGiven { get; set; }
    /// <summary>The seed or source document it was imported from, if any.</summary>
    public string? SourceDocument { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// A finished review held as history: published, with no day on record, only its document's own words for its
    /// dates. What its document says of its actions is what they were then; their state today it cannot say.
    /// </summary>
    public bool HeldAsHistory => Status == ReviewStatus.Published && PublishedOn is null && DatesAsGiven is not null;
}

/// <summary>A recorded slip in a review's timescale, and why.</summary>
public sealed class ReviewSlippage
{
    public Guid Id { get; set; }
    public Guid ReviewId { get; set; }
    public DateOnly RecordedOn { get; set; }
    public DateOnly? NewExpectedOn { get; set; }
    public required string Reason { get; set; }
}

public enum ReviewItemType { Finding, Lesson, Recommendation, GoodPractice }

/// <summary>
/// A finding, lesson, recommendation or piece of good practice, numbered as its source numbers it ("BF4",
/// "BF4.1", "5"), with the themes it concerns. A lesson may sit under a finding, a recommendation under a finding.
/// </summary>
public sealed class ReviewItem
{
    public Guid Id { get; set; }
    public Guid ReviewId { get; set; }
    public ReviewItemType Type { get; set; }
    public string? Number { get; set; }
    public required string Text { get; set; }
    public Guid? ParentItemId { get; set; }
    /// <summary>Theme codes, comma-separated (see docs/themes.md).</summary>
    public string Themes { get; set; } = "";
    /// <summary>Position within its type, as in the source.</summary>
    public int Position { get; set; }

    public IReadOnlyList<string> ThemeCodes => Themes.Length == 0 ? [] : Themes.Split(',');
}

/// <summary>A lesson carried into daily practice by a safeguard of the catalogue.</summary>
public sealed class LessonSafeguard
{
    public Guid LessonItemId { get; set; }
    public required string SafeguardId { get; set; }
}
