using Chronicle.Core.Learning;
using Chronicle.Core.Learning.Import;

namespace Chronicle.Web.Learning;

// What the learning API answers. Incidents carry no child ids: the business unit and reviewers do not see children's records.

public sealed record IncidentRequest(string? Title, string? Summary, DateOnly? AwareOn);

public sealed record NotificationRequest(DateOnly? NotifiedOn);

public sealed record PublicationRequest(DateOnly? PublishedOn);

public sealed record SlippageRequest(string? Reason, DateOnly? NewExpectedOn);

public sealed record SafeguardLinksRequest(IReadOnlyList<string>? SafeguardIds);

public sealed record StatusRequest(ActionStatus? Status, DateOnly? DoneOn);

public sealed record ImportRequest(string? Text, string? SourceDocument);

public sealed record ClockResponse(string Id, string Name, DateOnly Due, DateOnly? DoneOn, ClockState State)
{
    public static ClockResponse Of(LearningClock c) => new(c.Id, c.Name, c.Due, c.DoneOn, c.State);
}

public sealed record IncidentResponse(
    Guid Id, string Title, string Summary, DateOnly AwareOn, DateOnly? NotifiedOn, DateOnly? RapidReviewCompletedOn,
    ReviewDecision? Decision, DateOnly? DecidedOn, string? DecisionRationale, IReadOnlyList<ClockResponse> Clocks)
{
    public static IncidentResponse Of(SeriousIncident i, DateOnly today) => new(
        i.Id, i.Title, i.Summary, i.AwareOn, i.NotifiedOn, i.RapidReviewCompletedOn, i.Decision, i.DecidedOn, i.DecisionRationale,
        [.. LearningClocks.ForIncident(i, today, Core.Time.WorkingDayCalendar.EnglandAndWales).Select(ClockResponse.Of)]);
}

public sealed record ReviewSummaryResponse(Guid Id, string Title, ReviewType Type, ReviewStatus Status, DateOnly? DecidedOn, DateOnly? PublishedOn, string? SourceDocument)
{
    public static ReviewSummaryResponse Of(Review r) => new(r.Id, r.Title, r.Type, r.Status, r.DecidedOn, r.PublishedOn, r.SourceDocument);
}

public sealed record ItemResponse(Guid Id, ReviewItemType Type, string? Number, string Text, Guid? ParentItemId, IReadOnlyList<string> Themes, IReadOnlyList<string>? Safeguards)
{
    public static ItemResponse Of(ReviewItem i, IReadOnlyList<string>? safeguards = null) =>
        new(i.Id, i.Type, i.Number, i.Text, i.ParentItemId, i.ThemeCodes, i.Type is ReviewItemType.Lesson or ReviewItemType.Recommendation ? safeguards ?? [] : null);
}

public sealed record EvidenceResponse(Guid Id, Guid ActionId, EvidenceKind Kind, string Summary, DateOnly RecordedOn)
{
    public static EvidenceResponse Of(EvidenceItem e) => new(e.Id, e.ActionId, e.Kind, e.Summary, e.RecordedOn);
}

public sealed record ActionResponse(
    Guid Id, Guid ReviewId, Guid? ItemId, string Description, string? Owner, DateOnly? Deadline, string? ExpectedImpact, string? HowWeWillKnow,
    ActionStatus Status, DateOnly? DoneOn, IReadOnlyList<EvidenceResponse>? Evidence = null, IReadOnlyList<ClockResponse>? Clocks = null)
{
    public static ActionResponse Of(ResponseAction a) =>
        new(a.Id, a.ReviewId, a.ItemId, a.Description, a.Owner, a.Deadline, a.ExpectedImpact, a.HowWeWillKnow, a.Status, a.DoneOn);

    public static ActionResponse Of(ActionRecord r) =>
        Of(r.Action) with { Evidence = [.. r.Evidence.Select(EvidenceResponse.Of)], Clocks = [.. r.Clocks.Select(ClockResponse.Of)] };
}

public sealed record SlippageResponse(Guid Id, DateOnly RecordedOn, DateOnly? NewExpectedOn, string Reason)
{
    public static SlippageResponse Of(ReviewSlippage s) => new(s.Id, s.RecordedOn, s.NewExpectedOn, s.Reason);
}

public sealed record DisseminationResponse(Guid Id, DisseminationChannel Channel, DateOnly HeldOn, int? Reach, string? Audience, string? Notes)
{
    public static DisseminationResponse Of(Dissemination d) => new(d.Id, d.Channel, d.HeldOn, d.Reach, d.Audience, d.Notes);
}

public sealed record FeedbackResponse(Guid Id, int Usefulness, string? PracticeChange, string? Comment, DateTimeOffset GivenAt)
{
    public static FeedbackResponse Of(BriefingFeedback f) => new(f.Id, f.Usefulness, f.PracticeChange, f.Comment, f.GivenAt);
}

public sealed record ReviewResponse(
    Guid Id, string Title, ReviewType Type, ReviewStatus Status, Guid? IncidentId, string? LeadReviewer, IReadOnlyList<string> AgenciesScrutinised,
    DateOnly? PeriodFrom, DateOnly? PeriodTo, string? Method, string? Summary, string? Focus, DateOnly? DecidedOn, DateOnly? ReportCompletedOn,
    DateOnly? PublishedOn, string? SourceDocument, IReadOnlyList<string> Themes, IReadOnlyList<ItemResponse> Items, IReadOnlyList<ActionResponse> Actions,
    IReadOnlyList<SlippageResponse> Slippages, IReadOnlyList<DisseminationResponse> Disseminations, IReadOnlyList<ClockResponse> Clocks)
{
    public static ReviewResponse Of(ReviewRecord r)
    {
        var v = r.Review;
        return new(v.Id, v.Title, v.Type, v.Status, v.IncidentId, v.LeadReviewer, v.AgenciesScrutinised.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            v.PeriodFrom, v.PeriodTo, v.Method, v.Summary, v.Focus, v.DecidedOn, v.ReportCompletedOn, v.PublishedOn, v.SourceDocument, r.Themes,
            [.. r.Items.Select(i => ItemResponse.Of(i, r.SafeguardsOf(i.Id)))], [.. r.Actions.Select(ActionResponse.Of)],
            [.. r.Slippages.Select(SlippageResponse.Of)], [.. r.Disseminations.Select(DisseminationResponse.Of)], [.. r.Clocks.Select(ClockResponse.Of)]);
    }
}

public sealed record DraftResponse(ReviewResponse Review, IReadOnlyList<ThemeSuggestion> SuggestedThemes, IReadOnlyList<EarlierFinding> Recurrence);

public sealed record FeedbackSummary(int Count, double? AverageUsefulness, IReadOnlyList<int> ByUsefulness, IReadOnlyList<string> PracticeChanges)
{
    /// <summary>Each person counted once, by their latest answer.</summary>
    public static FeedbackSummary Of(IReadOnlyList<BriefingFeedback> all) => Summarise(BriefingFeedback.Current(all));

    private static FeedbackSummary Summarise(IReadOnlyList<BriefingFeedback> feedback) => new(
        feedback.Count, feedback.Count == 0 ? null : Math.Round(feedback.Average(f => f.Usefulness), 1),
        [.. Enumerable.Range(1, 5).Select(n => feedback.Count(f => f.Usefulness == n))],
        [.. feedback.Where(f => f.PracticeChange is not null).Select(f => f.PracticeChange!)]);
}
