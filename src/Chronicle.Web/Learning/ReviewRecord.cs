using Chronicle.Core.Learning;
using Chronicle.Core.Persistence;
using Chronicle.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Learning;

/// <summary>
/// An action of the response with its evidence and its clocks (LC-04, LC-05). An action <see cref="AsRecorded"/>
/// belongs to a review held as history: its status is what its document recorded then, so it runs no clock and is
/// never said to be overdue or done without evidence today.
/// </summary>
public sealed record ActionRecord(ResponseAction Action, IReadOnlyList<EvidenceItem> Evidence, IReadOnlyList<LearningClock> Clocks, bool AsRecorded = false)
{
    public bool DoneWithoutEvidence => !AsRecorded && Action.Status == ActionStatus.Done && Evidence.Count == 0;
    public bool Overdue => !AsRecorded && Clocks.Any(c => c.Id == "LC-04" && c.State == ClockState.Overdue);
}

/// <summary>
/// A review as its pages and the API show it: its incident, items numbered as the source numbers them, each lesson's
/// safeguards, the response actions with their evidence, the sharing of its learning, feedback, and its clocks.
/// </summary>
public sealed record ReviewRecord(
    Review Review,
    SeriousIncident? Incident,
    IReadOnlyList<ReviewItem> Items,
    IReadOnlyDictionary<Guid, IReadOnlyList<string>> SafeguardsByLesson,
    IReadOnlyList<ActionRecord> Actions,
    IReadOnlyList<ReviewSlippage> Slippages,
    IReadOnlyList<Dissemination> Disseminations,
    IReadOnlyList<BriefingFeedback> Feedback,
    IReadOnlyList<LearningClock> Clocks)
{
    public IEnumerable<ReviewItem> Of(ReviewItemType type) => Items.Where(i => i.Type == type).OrderBy(i => i.Position);

    public IReadOnlyList<string> SafeguardsOf(Guid lessonId) => SafeguardsByLesson.GetValueOrDefault(lessonId) ?? [];

    /// <summary>Every safeguard linked to any of the review's lessons.</summary>
    public IReadOnlyList<string> AllSafeguards => [.. SafeguardsByLesson.Values.SelectMany(s => s).Distinct().Order(StringComparer.Ordinal)];

    public IReadOnlyList<string> Themes => [.. Items.SelectMany(i => i.ThemeCodes).Distinct().OrderBy(c => Core.Learning.Themes.All.ToList().FindIndex(t => t.Code == c))];

    public ReviewItem? Item(Guid? id) => id is null ? null : Items.FirstOrDefault(i => i.Id == id);

    public static async Task<ReviewRecord?> LoadAsync(ChronicleDb db, Guid partnershipId, Guid reviewId, DateOnly today, CancellationToken ct = default)
    {
        var review = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == reviewId && r.PartnershipId == partnershipId, ct);
        if (review is null) return null;
        var incident = review.IncidentId is { } incidentId ? await db.SeriousIncidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == incidentId, ct) : null;
        var items = await db.ReviewItems.AsNoTracking().Where(i => i.ReviewId == reviewId).OrderBy(i => i.Type).ThenBy(i => i.Position).ToListAsync(ct);
        var itemIds = items.Select(i => i.Id).ToList();
        var links = await db.LessonSafeguards.AsNoTracking().Where(l => itemIds.Contains(l.LessonItemId)).ToListAsync(ct);
        var actions = await db.ResponseActions.AsNoTracking().Where(a => a.ReviewId == reviewId).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(ct);
        var actionIds = actions.Select(a => a.Id).ToList();
        var evidence = (await db.EvidenceItems.AsNoTracking().Where(e => actionIds.Contains(e.ActionId)).ToListAsync(ct)).OrderBy(e => e.RecordedOn).ToLookup(e => e.ActionId);
        var slippages = (await db.ReviewSlippages.AsNoTracking().Where(s => s.ReviewId == reviewId).ToListAsync(ct)).OrderBy(s => s.RecordedOn).ToList();
        var disseminations = (await db.Disseminations.AsNoTracking().Where(d => d.ReviewId == reviewId).ToListAsync(ct)).OrderBy(d => d.HeldOn).ToList();
        var feedback = (await db.BriefingFeedback.AsNoTracking().Where(f => f.ReviewId == reviewId).ToListAsync(ct)).OrderBy(f => f.GivenAt).ToList();

        var clocks = new List<LearningClock>();
        if (incident is not null) clocks.AddRange(LearningClocks.ForIncident(incident, today, WorkingDayCalendar.EnglandAndWales));
        if (LearningClocks.ForReview(review, today) is { } reportClock) clocks.Add(reportClock);
        return new ReviewRecord(
            review, incident, items,
            links.GroupBy(l => l.LessonItemId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(l => l.SafeguardId).Order(StringComparer.Ordinal)]),
            [.. actions.Select(a => review.HeldAsHistory
                ? new ActionRecord(a, [.. evidence[a.Id]], [], AsRecorded: true)
                : new ActionRecord(a, [.. evidence[a.Id]], [.. LearningClocks.ForAction(a, evidence[a.Id].Count(), today)]))],
            slippages, disseminations, feedback, clocks);
    }
}
