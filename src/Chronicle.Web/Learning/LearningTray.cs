using Chronicle.Core.Learning;
using Chronicle.Core.Persistence;
using Chronicle.Core.Time;
using Chronicle.Web.Children;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Learning;

/// <summary>One piece of work on a learning role's home page: the page where it is done (an id in its route), what it is, and why it waits.</summary>
public sealed record TrayRow(string Page, Guid Id, string Text, string Detail, bool Late = false, string? Fragment = null);

/// <summary>A list of a learning role's work: how many there are, and the first of them.</summary>
public sealed record TrayList(string Key, string Title, string None, int Total, IReadOnlyList<TrayRow> Shown)
{
    public static TrayList Of(string key, string title, string none, IReadOnlyList<TrayRow> all) =>
        new(key, title, none, all.Count, [.. all.Take(LearningTray.Limit)]);
}

/// <summary>A theme found in the findings, lessons or recommendations of more than one review.</summary>
public sealed record ThemeCount(string Code, string Label, int Reviews);

/// <summary>
/// The home page of the roles that run and scrutinise the learning cycle, each its own work. The business unit runs
/// the cycle: incidents on their clocks, drafts to check and confirm, reviews in progress and their reports, learning
/// published but not yet shared, briefings shared with no feedback yet, and action owners to chase. A reviewer or
/// independent scrutineer asks for evidence of impact: actions done without it, actions past their deadline, reviews
/// and incidents late against their clocks or slipped, themes recurring across reviews, and the reviews whose lessons
/// the practice side's own figures speak to. Every list is a query with a limit, never a review's whole record; the
/// actions of a review held as history (<see cref="Review.HeldAsHistory"/>) are in none of them, as their state today
/// their document cannot say.
/// </summary>
public static class LearningTray
{
    public const int Limit = 10;
    public const int SoonDays = 14;

    public static async Task<IReadOnlyList<TrayList>> CycleAsync(ChronicleDb db, Guid partnershipId, DateOnly today, CancellationToken ct = default)
    {
        var incidents = await db.SeriousIncidents.AsNoTracking()
            .Where(i => i.PartnershipId == partnershipId && i.RapidReviewCompletedOn == null).ToListAsync(ct);
        var clocks = incidents.SelectMany(i => LearningClocks.ForIncident(i, today, WorkingDayCalendar.EnglandAndWales))
            .Where(c => c.State is ClockState.Running or ClockState.Overdue).OrderBy(c => c.Due).ToList();

        var drafts = await db.Reviews.AsNoTracking().Where(r => r.PartnershipId == partnershipId && r.Status == ReviewStatus.Draft)
            .OrderBy(r => r.CreatedAt).Select(r => new { r.Id, r.Title, r.CreatedAt }).ToListAsync(ct);

        var inProgress = await db.Reviews.AsNoTracking().Where(r => r.PartnershipId == partnershipId && r.Status == ReviewStatus.InProgress)
            .OrderBy(r => r.DecidedOn).ToListAsync(ct);
        var reports = inProgress.Select(r => (Review: r, Clock: LearningClocks.ForReview(r, today)))
            .OrderBy(x => x.Clock?.Due ?? DateOnly.MaxValue).ToList();

        // Learning issued on a day on record (never a review held as history): shared yet, and heard back from.
        var published = db.Reviews.AsNoTracking().Where(r => r.PartnershipId == partnershipId && r.Status == ReviewStatus.Published && r.PublishedOn != null);
        var unshared = await published.Where(r => !db.Disseminations.Any(d => d.ReviewId == r.Id))
            .OrderBy(r => r.PublishedOn).Select(r => new { r.Id, r.Title, r.PublishedOn }).Take(Limit + 1).ToListAsync(ct);
        var unsharedTotal = await published.CountAsync(r => !db.Disseminations.Any(d => d.ReviewId == r.Id), ct);
        var unheard = published.Where(r => db.Disseminations.Any(d => d.ReviewId == r.Id) && !db.BriefingFeedback.Any(f => f.ReviewId == r.Id));
        var noFeedback = await unheard.OrderBy(r => r.PublishedOn)
            .Select(r => new { r.Id, r.Title, Shared = db.Disseminations.Count(d => d.ReviewId == r.Id), Reach = db.Disseminations.Where(d => d.ReviewId == r.Id).Sum(d => d.Reach) })
            .Take(Limit).ToListAsync(ct);
        var noFeedbackTotal = await unheard.CountAsync(ct);

        var soon = today.AddDays(SoonDays);
        var chase = await CurrentActions(db, partnershipId)
            .Where(a => (a.Status == ActionStatus.NotStarted || a.Status == ActionStatus.InProgress) && a.Deadline != null && a.Deadline <= soon)
            .OrderBy(a => a.Deadline).Select(a => new { a.Id, a.Description, a.Owner, a.Deadline }).ToListAsync(ct);

        return
        [
            TrayList.Of("incidents", "Serious incidents on their clocks", "No notification to the national panel or rapid review is due.",
                [.. clocks.Select(c => new TrayRow("/Learning/Incidents/Update", c.SubjectId, c.Subject,
                    $"{ClockWords(c.Id)} {(c.State == ClockState.Overdue ? "overdue since" : "due by")} {Display.Date(c.Due)}".Capitalised(), c.State == ClockState.Overdue))]),
            TrayList.Of("drafts", "Imported drafts to check and confirm", "No imported document is waiting to be checked.",
                [.. drafts.Select(d => new TrayRow("/Learning/Reviews/Draft", d.Id, d.Title, $"Imported {Display.Date(WorkingDayCalendar.UkDate(d.CreatedAt))}"))]),
            TrayList.Of("in-progress", "Reviews in progress", "No review is in progress.",
                [.. reports.Select(x => new TrayRow("/Learning/Reviews/Review", x.Review.Id, x.Review.Title,
                    x.Clock is not { } c ? "No decision date recorded, so no report date"
                    : c.State == ClockState.Overdue ? $"Report overdue since {Display.Date(c.Due)}"
                    : c.State == ClockState.Running ? $"Report due by {Display.Date(c.Due)}"
                    : $"Report completed {Display.Date(c.DoneOn!.Value)}", x.Clock?.State == ClockState.Overdue))]),
            new TrayList("to-share", "Published learning to share", "Every review published has had its learning shared.", unsharedTotal,
                [.. unshared.Take(Limit).Select(r => new TrayRow("/Learning/Reviews/Disseminations", r.Id, r.Title,
                    $"Published {Display.Date(r.PublishedOn!.Value)}; no briefing, newsletter or workshop recorded yet"))]),
            new TrayList("feedback", "Feedback to gather", "Every review whose learning was shared has feedback from practitioners.", noFeedbackTotal,
                [.. noFeedback.Select(r => new TrayRow("/Learning/Reviews/Briefing", r.Id, r.Title,
                    $"Shared {Times(r.Shared)}{(r.Reach is { } reach ? $", reaching {reach}" : "")}; no practitioner has given feedback yet"))]),
            TrayList.Of("to-chase", "Action owners to chase", $"No open action is past its deadline or due in the next {SoonDays} days.",
                [.. chase.Select(a => new TrayRow("/Learning/Actions/Action", a.Id, a.Description,
                    $"{a.Owner ?? "No owner recorded"}: {(a.Deadline < today ? "past its deadline of" : "due by")} {Display.Date(a.Deadline!.Value)}", a.Deadline < today))]),
        ];
    }

    public static async Task<(IReadOnlyList<TrayList> Lists, IReadOnlyList<ThemeCount> Themes)> ScrutinyAsync(ChronicleDb db, Guid partnershipId, DateOnly today, CancellationToken ct = default)
    {
        var current = CurrentActions(db, partnershipId);
        var undone = current.Where(a => a.Status == ActionStatus.Done && !db.EvidenceItems.Any(e => e.ActionId == a.Id));
        var doneWithout = await undone.OrderBy(a => a.DoneOn).Select(a => new { a.Id, a.Description, a.Owner, a.DoneOn }).Take(Limit).ToListAsync(ct);
        var late = current.Where(a => (a.Status == ActionStatus.NotStarted || a.Status == ActionStatus.InProgress) && a.Deadline != null && a.Deadline < today);
        var pastDeadline = await late.OrderBy(a => a.Deadline).Select(a => new { a.Id, a.Description, a.Owner, a.Deadline }).Take(Limit).ToListAsync(ct);

        // Reviews and incidents late against their clocks, or whose timescale slipped: not a review held as history,
        // whose slippage its document told of years before.
        var reviews = await db.Reviews.AsNoTracking()
            .Where(r => r.PartnershipId == partnershipId && r.Status != ReviewStatus.Draft
                && !(r.Status == ReviewStatus.Published && r.PublishedOn == null && r.DatesAsGiven != null)
                && (r.DecidedOn != null || db.ReviewSlippages.Any(s => s.ReviewId == r.Id)))
            .Select(r => new { Review = r, Slipped = db.ReviewSlippages.Count(s => s.ReviewId == r.Id) }).ToListAsync(ct);
        var lateReviews = reviews.Select(x => (x.Review, x.Slipped, Clock: LearningClocks.ForReview(x.Review, today)))
            .Where(x => x.Slipped > 0 || x.Clock?.State is ClockState.Overdue or ClockState.MetLate)
            .OrderBy(x => x.Clock?.Due ?? DateOnly.MaxValue)
            .Select(x => new TrayRow("/Learning/Reviews/Review", x.Review.Id, x.Review.Title,
                string.Join("; ", new[]
                {
                    x.Clock?.State == ClockState.Overdue ? $"Report overdue since {Display.Date(x.Clock.Due)}"
                    : x.Clock?.State == ClockState.MetLate ? $"Report due by {Display.Date(x.Clock.Due)}, completed late on {Display.Date(x.Clock.DoneOn!.Value)}"
                    : null,
                    x.Slipped > 0 ? $"timescale slipped ({Times(x.Slipped)} recorded)" : null,
                }.OfType<string>()).Capitalised(), x.Clock?.State == ClockState.Overdue)).ToList();
        var since = today.AddYears(-2);
        var incidents = (await db.SeriousIncidents.AsNoTracking().Where(i => i.PartnershipId == partnershipId && i.AwareOn >= since).ToListAsync(ct))
            .SelectMany(i => LearningClocks.ForIncident(i, today, WorkingDayCalendar.EnglandAndWales))
            .Where(c => c.State is ClockState.Overdue or ClockState.MetLate).OrderBy(c => c.Due)
            .Select(c => new TrayRow("/Learning/Incidents/Incident", c.SubjectId, c.Subject,
                c.State == ClockState.Overdue ? $"{ClockWords(c.Id)} overdue since {Display.Date(c.Due)}".Capitalised()
                : $"{ClockWords(c.Id)} due by {Display.Date(c.Due)}, done late on {Display.Date(c.DoneOn!.Value)}".Capitalised(), c.State == ClockState.Overdue)).ToList();

        // Themes: the theme codes of the confirmed reviews' items, two columns, counted by review.
        var themed = await db.ReviewItems.AsNoTracking()
            .Where(i => i.Themes != "" && db.Reviews.Any(r => r.Id == i.ReviewId && r.PartnershipId == partnershipId && r.Status != ReviewStatus.Draft))
            .Select(i => new { i.ReviewId, i.Themes }).Distinct().ToListAsync(ct);
        var themes = themed.SelectMany(i => i.Themes.Split(',').Select(code => (i.ReviewId, Code: code))).Distinct()
            .GroupBy(t => t.Code).Select(g => (Code: g.Key, Count: g.Count())).Where(t => t.Count > 1)
            .Select(t => new ThemeCount(t.Code, LearningLabels.Theme(t.Code), t.Count))
            .OrderByDescending(t => t.Reviews).ThenBy(t => t.Label, StringComparer.Ordinal).ToList();

        // The reviews whose lessons or recommendations the practice side's safeguards carry: their figures are on their page.
        var carried = db.Reviews.AsNoTracking().Where(r => r.PartnershipId == partnershipId && r.Status != ReviewStatus.Draft
            && db.ReviewItems.Any(i => i.ReviewId == r.Id && db.LessonSafeguards.Any(l => l.LessonItemId == i.Id)));
        var figures = await carried.OrderByDescending(r => r.CreatedAt)
            .Select(r => new { r.Id, r.Title, Safeguards = db.LessonSafeguards.Where(l => db.ReviewItems.Any(i => i.Id == l.LessonItemId && i.ReviewId == r.Id)).Select(l => l.SafeguardId).Distinct().Count() })
            .Take(Limit).ToListAsync(ct);

        return (
        [
            new TrayList("done-without-evidence", "Actions marked done without evidence of impact", "Every action marked done has evidence of impact.",
                await undone.CountAsync(ct),
                [.. doneWithout.Select(a => new TrayRow("/Learning/Actions/Action", a.Id, a.Description,
                    $"{a.Owner ?? "No owner recorded"}: marked done{(a.DoneOn is { } d ? $" on {Display.Date(d)}" : "")}, with no evidence that practice changed"))]),
            new TrayList("past-deadline", "Actions past their deadline", "No open action is past its deadline.", await late.CountAsync(ct),
                [.. pastDeadline.Select(a => new TrayRow("/Learning/Actions/Action", a.Id, a.Description,
                    $"{a.Owner ?? "No owner recorded"}: deadline {Display.Date(a.Deadline!.Value)}", Late: true))]),
            TrayList.Of("late", "Reviews and incidents late against their clocks or slipped", "No review or incident of the last two years is late against its clocks, and no timescale has slipped.",
                [.. lateReviews, .. incidents]),
            new TrayList("impact", "What the practice side's figures show", "No review's lessons are carried by a safeguard yet.", await carried.CountAsync(ct),
                [.. figures.Select(r => new TrayRow("/Learning/Reviews/Review", r.Id, r.Title,
                    $"{r.Safeguards} {(r.Safeguards == 1 ? "safeguard carries" : "safeguards carry")} its learning: how often {(r.Safeguards == 1 ? "it has" : "they have")} fired since the review, and what was done", Fragment: "impact"))]),
        ], themes);
    }

    /// <summary>The actions of confirmed reviews whose state Chronicle holds today: not a draft's, nor those of a review held as history.</summary>
    private static IQueryable<ResponseAction> CurrentActions(ChronicleDb db, Guid partnershipId) =>
        db.ResponseActions.AsNoTracking().Where(a => db.Reviews.Any(r => r.Id == a.ReviewId && r.PartnershipId == partnershipId && r.Status != ReviewStatus.Draft
            && !(r.Status == ReviewStatus.Published && r.PublishedOn == null && r.DatesAsGiven != null)));

    /// <summary>What an incident's clock asks for, in words.</summary>
    private static string ClockWords(string clock) => clock switch
    {
        "LC-01" => "notification to the national panel",
        "LC-02" => "rapid review",
        _ => "report",
    };

    private static string Times(int n) => n == 1 ? "once" : n == 2 ? "twice" : $"{n} times";

    private static string Capitalised(this string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}

/// <summary>A learning role's work as its home page shows it: a heading, what the work is for, its lists and, for scrutiny, the recurring themes.</summary>
public sealed record LearningTrayView(string Id, string Heading, string Intro, IReadOnlyList<TrayList> Lists, IReadOnlyList<ThemeCount>? Themes, string AllPage, string AllText);
