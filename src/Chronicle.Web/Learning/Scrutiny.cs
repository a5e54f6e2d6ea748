using Chronicle.Core.Learning;
using Chronicle.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Learning;

/// <summary>An action seen across reviews, with the review it belongs to.</summary>
public sealed record ScrutinyAction(Guid ReviewId, string Review, ActionRecord Record);

/// <summary>A theme and the reviews whose findings, lessons or recommendations concern it, in the order they were decided or published.</summary>
public sealed record RecurringTheme(string Code, string Label, IReadOnlyList<(Guid Id, string Title, int? Year)> Reviews);

/// <summary>
/// The independent scrutineer's view across every confirmed review: actions by status, overdue actions, actions done
/// without evidence of impact, themes that recur across reviews, and each review's timeliness against LC-01 to LC-03.
/// The actions of reviews held as history (<see cref="Review.HeldAsHistory"/>) are apart, in <see cref="AsRecorded"/>:
/// their documents say what they were then, not what they are today, so none of them is counted as overdue, not
/// started or done today.
/// </summary>
public sealed record Scrutiny(
    IReadOnlyList<ScrutinyAction> Actions,
    IReadOnlyList<ScrutinyAction> AsRecorded,
    IReadOnlyList<RecurringTheme> Themes,
    IReadOnlyList<(Review Review, IReadOnlyList<LearningClock> Clocks)> Timeliness,
    IReadOnlySet<Guid> Slipped)
{
    /// <summary>The actions of reviews not held as history, by their status today.</summary>
    public IReadOnlyList<(ActionStatus Status, int Count)> ByStatus =>
        [.. Enum.GetValues<ActionStatus>().Select(s => (s, Actions.Count(a => a.Record.Action.Status == s)))];

    public IEnumerable<ScrutinyAction> Overdue => Actions.Where(a => a.Record.Overdue);

    public IEnumerable<ScrutinyAction> DoneWithoutEvidence => Actions.Where(a => a.Record.DoneWithoutEvidence);

    public static async Task<Scrutiny> LoadAsync(ChronicleDb db, Guid partnershipId, DateOnly today, CancellationToken ct = default)
    {
        var reviewIds = await db.Reviews.AsNoTracking().Where(r => r.PartnershipId == partnershipId && r.Status != ReviewStatus.Draft)
            .OrderBy(r => r.CreatedAt).Select(r => r.Id).ToListAsync(ct);
        var records = new List<ReviewRecord>();
        foreach (var id in reviewIds)
            if (await ReviewRecord.LoadAsync(db, partnershipId, id, today, ct) is { } record) records.Add(record);

        var actions = records.SelectMany(r => r.Actions.Select(a => new ScrutinyAction(r.Review.Id, r.Review.Title, a))).ToList();
        var history = records.Where(r => r.Review.HeldAsHistory).Select(r => r.Review.Id).ToHashSet();
        var dated = records.OrderBy(r => Year(r.Review) ?? int.MaxValue).ThenBy(r => r.Review.CreatedAt).ToList();
        var themes = Core.Learning.Themes.All
            .Select(t => new RecurringTheme(t.Code, t.Label, [.. dated.Where(r => r.Themes.Contains(t.Code)).Select(r => (r.Review.Id, r.Review.Title, Year(r.Review)))]))
            .Where(t => t.Reviews.Count > 0)
            .OrderByDescending(t => t.Reviews.Count).ToList();
        var timeliness = records.Select(r => (r.Review, (IReadOnlyList<LearningClock>)r.Clocks)).ToList();
        return new Scrutiny([.. actions.Where(a => !history.Contains(a.ReviewId))], [.. actions.Where(a => history.Contains(a.ReviewId))],
            themes, timeliness, records.Where(r => r.Slippages.Count > 0).Select(r => r.Review.Id).ToHashSet());
    }

    /// <summary>The year a review belongs to: when it was published or decided, where recorded.</summary>
    public static int? Year(Review review) => (review.PublishedOn ?? review.DecidedOn)?.Year;
}
