using Chronicle.Core.Learning;
using Chronicle.Core.Learning.Import;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Time;
using Chronicle.Testing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Tests.Learning;

public sealed class LearningServiceTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    private static async Task<(TestDatabase Database, Guid Partnership, SimulatedClock Clock)> SetUpAsync(Provider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var clock = new SimulatedClock(new DateTimeOffset(2021, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var db = database.Open();
        var partnership = (await new RecordService(db, clock).CreatePartnershipAsync("Cumbria", "cumbria")).Unwrap();
        return (database, partnership.Id, clock);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_incident_runs_from_notification_through_rapid_review_to_a_decision(Provider provider)
    {
        var (database, partnership, clock) = await SetUpAsync(provider);
        await using var _ = database;
        await using var db = database.Open();
        var service = new LearningService(db, clock);

        var refused = await service.RecordIncidentAsync(partnership, new IncidentInput("", null, new DateOnly(2030, 1, 1)));
        Assert.Equal(["title", "summary", "awareOn"], refused.Errors.Select(e => e.Field));

        var incident = (await service.RecordIncidentAsync(partnership, new IncidentInput("Emily", "Head injury at six weeks", new DateOnly(2019, 9, 2)))).Unwrap();
        Assert.Contains("notification", Assert.Single((await service.RecordRapidReviewAsync(partnership, incident.Id, new RapidReviewInput(new DateOnly(2019, 9, 20), ReviewDecision.LocalPracticeReview, "Two agencies", null))).Errors).Message);
        (await service.RecordNotificationAsync(partnership, incident.Id, new DateOnly(2019, 9, 6))).Unwrap();
        var decided = (await service.RecordRapidReviewAsync(partnership, incident.Id, new RapidReviewInput(new DateOnly(2019, 9, 20), ReviewDecision.LocalPracticeReview, "Concerns about how agencies worked together", null))).Unwrap();
        Assert.Equal((ReviewDecision.LocalPracticeReview, new DateOnly(2019, 9, 20)), (decided.Decision!.Value, decided.DecidedOn!.Value));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Impact_evidenced_needs_evidence_on_record(Provider provider)
    {
        var (database, partnership, clock) = await SetUpAsync(provider);
        await using var _ = database;
        await using var db = database.Open();
        var service = new LearningService(db, clock);
        var review = (await service.CreateReviewAsync(partnership, new ReviewInput { Title = "Child BF", Type = ReviewType.SeriousCaseReview })).Unwrap();
        var action = (await service.AddActionAsync(partnership, review.Id, new ActionInput("Thematic audit of injuries to immobile babies", Owner: "CSCP Board", HowWeWillKnow: "Audit shows police informed"))).Unwrap();

        Assert.Equal(ActionStatus.Done, (await service.SetActionStatusAsync(partnership, action.Id, ActionStatus.Done)).Unwrap().Status);
        var refused = await service.SetActionStatusAsync(partnership, action.Id, ActionStatus.ImpactEvidenced);
        Assert.Contains("evidence of impact", Assert.Single(refused.Errors).Message);

        (await service.AddEvidenceAsync(partnership, action.Id, new EvidenceInput(EvidenceKind.MultiAgencyAudit, "12 of 12 cases: police told the same day", new DateOnly(2021, 2, 1)))).Unwrap();
        Assert.Equal(ActionStatus.ImpactEvidenced, (await service.SetActionStatusAsync(partnership, action.Id, ActionStatus.ImpactEvidenced)).Unwrap().Status);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Evidence_is_checked_whole_with_what_the_form_found_and_an_over_long_text_is_named_in_the_forms_words_and_nothing_is_written(Provider provider)
    {
        var (database, partnership, clock) = await SetUpAsync(provider);
        await using var _ = database;
        await using var db = database.Open();
        var service = new LearningService(db, clock);
        var review = (await service.CreateReviewAsync(partnership, new ReviewInput { Title = "Child BF", Type = ReviewType.SeriousCaseReview })).Unwrap();
        var action = (await service.AddActionAsync(partnership, review.Id, new ActionInput("Thematic audit"))).Unwrap();
        var unreadable = new Chronicle.Core.Validation.FieldError("recordedOn", "The date of the evidence must be a real date, like 27/1/2015");

        // A form that could not read the date still has the rest checked, and nothing is kept while anything is wrong.
        var refused = await service.AddEvidenceAsync(partnership, action.Id, new EvidenceInput(null, new string('x', 20_001), null), new[] { unreadable });
        var valid = await service.AddEvidenceAsync(partnership, action.Id, new EvidenceInput(EvidenceKind.StaffSurvey, "82% know the protocol", null), new[] { unreadable });

        Assert.Equal([("recordedOn", unreadable.Message), ("kind", "Select the kind of evidence"), ("summary", "What the evidence shows must be 20,000 characters or fewer")],
            refused.Errors.Where(e => e.Field != "recordedOn" || e.Message == unreadable.Message).Select(e => (e.Field, e.Message)));
        Assert.Contains(unreadable, valid.Errors);
        Assert.False(await db.EvidenceItems.AnyAsync());
        var longOwner = await service.AddActionAsync(partnership, review.Id, new ActionInput("Audit", Owner: new string('o', 201)));
        Assert.Equal("The owner must be 200 characters or fewer", Assert.Single(longOwner.Errors).Message);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Items_keep_their_source_numbers_and_a_number_is_used_once_per_type(Provider provider)
    {
        var (database, partnership, clock) = await SetUpAsync(provider);
        await using var _ = database;
        await using var db = database.Open();
        var service = new LearningService(db, clock);
        var review = (await service.CreateReviewAsync(partnership, new ReviewInput { Title = "Child BF", Type = ReviewType.SeriousCaseReview })).Unwrap();
        var finding = (await service.AddItemAsync(partnership, review.Id, new ItemInput(ReviewItemType.Finding, "Delays in starting the assessment", "BF4", Themes: ["pre-birth"]))).Unwrap();
        var lesson = (await service.AddItemAsync(partnership, review.Id, new ItemInput(ReviewItemType.Lesson, "Without a prompt response...", "BF4.1", finding.Id))).Unwrap();
        Assert.Equal((finding.Id, "BF4.1"), (lesson.ParentItemId!.Value, lesson.Number));
        var duplicate = await service.AddItemAsync(partnership, review.Id, new ItemInput(ReviewItemType.Finding, "Again", "BF4"));
        Assert.Equal("number", Assert.Single(duplicate.Errors).Field);
        var feedback = await service.GiveFeedbackAsync(partnership, review.Id, new FeedbackInput(6));
        // Out of range, and from no practitioner of the partnership: both named.
        Assert.Equal(["usefulness", "professionalId"], feedback.Errors.Select(e => e.Field));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_child_BF_document_becomes_a_draft_review_with_its_structure(Provider provider)
    {
        var (database, partnership, clock) = await SetUpAsync(provider);
        await using var _ = database;
        await using var db = database.Open();
        var brief = BriefImporter.Parse(SeedFiles.Read(SeedFiles.ChildBF));
        var review = await DraftReviews.CreateAsync(db, clock, partnership, brief, SeedFiles.ChildBF);

        Assert.Equal((ReviewStatus.Draft, ReviewType.SeriousCaseReview), (review.Status, review.Type));
        var items = await db.ReviewItems.AsNoTracking().Where(i => i.ReviewId == review.Id).ToListAsync();
        Assert.Equal(7, items.Count(i => i.Type == ReviewItemType.Finding));
        Assert.Equal(9, items.Count(i => i.Type == ReviewItemType.Recommendation));
        var bf4 = items.Single(i => i.Number == "BF4");
        Assert.Equal(["BF4.1", "BF4.2"], items.Where(i => i.ParentItemId == bf4.Id && i.Type == ReviewItemType.Lesson).OrderBy(i => i.Position).Select(i => i.Number));
        var actions = await db.ResponseActions.AsNoTracking().Where(a => a.ReviewId == review.Id).ToListAsync();
        Assert.Equal(brief.Actions.Count, actions.Count);
        Assert.Contains(actions, a => a.HowWeWillKnow is not null && a.HowWeWillKnow.Contains("Police are informed", StringComparison.Ordinal));
        var links = await db.LessonSafeguards.AsNoTracking().ToListAsync();
        var bf71 = items.Single(i => i.Number == "BF7.1");
        Assert.Contains(links, l => l.LessonItemId == bf71.Id && l.SafeguardId == "SG-02");
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Impact_figures_count_what_the_practice_side_did_with_each_safeguard(Provider provider)
    {
        var (database, partnership, clock) = await SetUpAsync(provider);
        await using var _ = database;
        await using var db = database.Open();
        var child = (await new RecordService(db, clock).CreatePersonAsync(partnership, new PersonInput { Kind = PersonKind.Child, KnownAs = "C" })).Unwrap();
        var raised = new DateTimeOffset(2020, 1, 6, 9, 0, 0, TimeSpan.Zero);
        Alert Make(string cause, AlertStatus status, DateTimeOffset at) => new()
        {
            Id = Guid.NewGuid(), PartnershipId = partnership, SafeguardId = "SG-02", SubjectPersonId = child.Id, CauseKey = cause, Summary = "s", AskFor = "a",
            RaisedAt = at, DueAt = at.AddDays(1), Status = status,
        };
        var resolved = Make("a", AlertStatus.Resolved, raised);
        db.Alerts.AddRange(resolved, Make("b", AlertStatus.Closed, raised.AddMonths(2)), Make("c", AlertStatus.Open, raised.AddMonths(3)));
        db.AlertEvents.Add(new AlertEvent { Id = Guid.NewGuid(), AlertId = resolved.Id, Type = AlertEventType.Resolved, At = raised.AddDays(2) });
        await db.SaveChangesAsync();

        var all = Assert.Single(await ImpactFigures.ForAsync(db, partnership, ["SG-02"], new ImpactPeriod(new DateOnly(2020, 1, 1), ImpactBasis.Published, WorkingDayCalendar.StartOfUkDay(new DateOnly(2020, 1, 1)))));
        Assert.Equal((3, 1, 1, 1, 2.0), (all.Raised, all.Resolved, all.ClosedWithoutAction, all.Open, all.MedianDaysToResolve!.Value));
        Assert.Equal([new DateOnly(2020, 1, 1), new DateOnly(2020, 3, 1), new DateOnly(2020, 4, 1)], all.Trend.Select(t => t.Month));

        // Since publication on 1 February 2020: the alert raised in January, and its resolution, are not counted.
        var since = Assert.Single(await ImpactFigures.ForAsync(db, partnership, ["SG-02"], new ImpactPeriod(new DateOnly(2020, 2, 1), ImpactBasis.Published, WorkingDayCalendar.StartOfUkDay(new DateOnly(2020, 2, 1)))));
        Assert.Equal((2, 0, 1, 1), (since.Raised, since.Resolved, since.ClosedWithoutAction, since.Open));
        Assert.Null(since.MedianDaysToResolve);
        Assert.Equal([new DateOnly(2020, 3, 1), new DateOnly(2020, 4, 1)], since.Trend.Select(t => t.Month));
    }

    [Fact]
    public void Impact_figures_start_at_the_reviews_own_day_and_never_before_the_partnership_began_in_Chronicle()
    {
        var began = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
        Review Make(ReviewStatus status, DateOnly? decided = null, DateOnly? published = null, string? given = null) => new()
        {
            Title = "R", PartnershipId = Guid.NewGuid(), Status = status, DecidedOn = decided, PublishedOn = published, DatesAsGiven = given,
            CreatedAt = began.AddHours(1),
        };

        // Published on a day on record, after the partnership began: from that day's start.
        var published = ImpactPeriod.Of(Make(ReviewStatus.Published, new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 4)), began);
        Assert.Equal((new DateOnly(2027, 1, 4), ImpactBasis.Published, WorkingDayCalendar.StartOfUkDay(new DateOnly(2027, 1, 4)), false),
            (published.From, published.Basis, published.Since, published.FromPartnershipStart));

        // Held as history, its document giving no day: from when Chronicle began holding it, not the years before.
        var history = ImpactPeriod.Of(Make(ReviewStatus.Published, given: "published in May 2020"), began);
        Assert.Equal((new DateOnly(2026, 12, 7), ImpactBasis.RecordedInChronicle, began, true), (history.From, history.Basis, history.Since, history.FromPartnershipStart));

        // In progress, decided before the partnership began in Chronicle: what was loaded as it began is not practice it saw.
        var running = ImpactPeriod.Of(Make(ReviewStatus.InProgress, new DateOnly(2026, 8, 3)), began);
        Assert.Equal((new DateOnly(2026, 8, 3), ImpactBasis.Decided, began, true), (running.From, running.Basis, running.Since, running.FromPartnershipStart));
    }
}
