using Chronicle.Core.Learning;
using Chronicle.Core.Learning.Import;
using Chronicle.Core.Persistence;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Chronicle.Web.Api;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Learning;

/// <summary>The learning cycle's API: incidents, reviews and their items, actions and evidence, imports, briefings and the scrutineer's view.</summary>
public static class LearningApi
{
    public static void MapLearningApi(this RouteGroupBuilder api)
    {
        var learning = api.MapGroup("/learning").WithTags("Learning");
        learning.MapGet("/incidents", ListIncidents).Require(Permissions.ReadLearning);
        learning.MapPost("/incidents", RecordIncident).WithIdempotency().Require(Permissions.WriteLearning);
        learning.MapGet("/incidents/{id:guid}", GetIncident).Require(Permissions.ReadLearning);
        learning.MapPost("/incidents/{id:guid}/notification", RecordNotification).WithIdempotency().Require(Permissions.WriteLearning);
        learning.MapPost("/incidents/{id:guid}/rapid-review", RecordRapidReview).WithIdempotency().Require(Permissions.WriteLearning);

        learning.MapGet("/reviews", ListReviews).Require(Permissions.ReadLearning);
        learning.MapPost("/reviews", CreateReview).WithIdempotency().Require(Permissions.WriteLearning);
        learning.MapGet("/reviews/{id:guid}", GetReview).Require(Permissions.ReadLearning);
        learning.MapPost("/reviews/{id:guid}/items", AddItem).WithIdempotency().Require(Permissions.WriteLearning);
        learning.MapPost("/reviews/{id:guid}/actions", AddAction).WithIdempotency().Require(Permissions.WriteLearning);
        learning.MapPost("/reviews/{id:guid}/slippages", RecordSlippage).WithIdempotency().Require(Permissions.WriteLearning);
        learning.MapPost("/reviews/{id:guid}/publication", Publish).WithIdempotency().Require(Permissions.WriteLearning);
        learning.MapPost("/reviews/{id:guid}/confirm", Confirm).WithIdempotency().Require(Permissions.WriteLearning);
        learning.MapPost("/reviews/{id:guid}/disseminations", RecordDissemination).WithIdempotency().Require(Permissions.WriteLearning);
        learning.MapPost("/reviews/{id:guid}/feedback", GiveFeedback).WithIdempotency().Require(Permissions.GiveBriefingFeedback);
        learning.MapGet("/reviews/{id:guid}/impact", GetImpact).Require(Permissions.ReadLearning);
        learning.MapGet("/reviews/{id:guid}/briefing", GetBriefing).Require(Permissions.ReadLearning);
        learning.MapPost("/lessons/{id:guid}/safeguards", LinkSafeguards).WithIdempotency().Require(Permissions.WriteLearning);
        learning.MapPost("/actions/{id:guid}/evidence", AddEvidence).WithIdempotency().Require(Permissions.WriteLearning);
        learning.MapPost("/actions/{id:guid}/status", SetStatus).WithIdempotency().Require(Permissions.WriteLearning);
        learning.MapPost("/imports", Import).WithIdempotency().Require(Permissions.WriteLearning);
        learning.MapGet("/scrutiny", GetScrutiny).Require(Permissions.ScrutiniseLearning);
    }

    private static DateOnly Today(TimeProvider clock) => WorkingDayCalendar.UkDate(clock.GetUtcNow());

    private static async Task<Ok<IncidentResponse[]>> ListIncidents(ChronicleDb db, CurrentPartnership partnership, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok((await db.SeriousIncidents.AsNoTracking().Where(i => i.PartnershipId == partnership.Id).OrderByDescending(i => i.AwareOn).ToListAsync(ct))
            .Select(i => IncidentResponse.Of(i, Today(clock))).ToArray());

    private static async Task<Results<Created<IncidentResponse>, ValidationProblem>> RecordIncident(IncidentRequest input, LearningService learning, CurrentPartnership partnership, TimeProvider clock, CancellationToken ct) =>
        ApiResults.Created(await learning.RecordIncidentAsync(partnership.Id, new IncidentInput(input.Title, input.Summary, input.AwareOn), ct),
            i => $"/api/learning/incidents/{i.Id}", i => IncidentResponse.Of(i, Today(clock)));

    private static async Task<Results<Ok<IncidentResponse>, NotFound>> GetIncident(Guid id, ChronicleDb db, CurrentPartnership partnership, TimeProvider clock, CancellationToken ct) =>
        await db.SeriousIncidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.PartnershipId == partnership.Id, ct) is { } incident
            ? TypedResults.Ok(IncidentResponse.Of(incident, Today(clock))) : TypedResults.NotFound();

    private static async Task<Results<Ok<IncidentResponse>, NotFound, ValidationProblem>> RecordNotification(Guid id, NotificationRequest input, LearningService learning, CurrentPartnership partnership, TimeProvider clock, CancellationToken ct) =>
        Answer(await learning.RecordNotificationAsync(partnership.Id, id, input.NotifiedOn, ct), "incidentId", i => IncidentResponse.Of(i, Today(clock)));

    private static async Task<Results<Ok<IncidentResponse>, NotFound, ValidationProblem>> RecordRapidReview(Guid id, RapidReviewInput input, LearningService learning, CurrentPartnership partnership, TimeProvider clock, CancellationToken ct) =>
        Answer(await learning.RecordRapidReviewAsync(partnership.Id, id, input, ct), "incidentId", i => IncidentResponse.Of(i, Today(clock)));

    private static async Task<Ok<ReviewSummaryResponse[]>> ListReviews(ChronicleDb db, CurrentPartnership partnership, CurrentUser user, CancellationToken ct)
    {
        var manages = LearningAccess.Manages(await user.RequireAsync(ct));
        return TypedResults.Ok((await db.Reviews.AsNoTracking().Where(r => r.PartnershipId == partnership.Id).ReadableBy(manages).OrderBy(r => r.CreatedAt).ToListAsync(ct))
            .Select(ReviewSummaryResponse.Of).ToArray());
    }

    private static async Task<Results<Created<ReviewSummaryResponse>, ValidationProblem>> CreateReview(ReviewInput input, LearningService learning, CurrentPartnership partnership, CancellationToken ct) =>
        ApiResults.Created(await learning.CreateReviewAsync(partnership.Id, input with { Status = input.Status == ReviewStatus.Published ? ReviewStatus.InProgress : input.Status }, ct),
            r => $"/api/learning/reviews/{r.Id}", ReviewSummaryResponse.Of);

    private static async Task<Results<Ok<ReviewResponse>, NotFound>> GetReview(Guid id, ChronicleDb db, CurrentPartnership partnership, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
        await ReadableAsync(db, partnership, user, id, clock, ct) is { } record ? TypedResults.Ok(ReviewResponse.Of(record)) : TypedResults.NotFound();

    /// <summary>The review the route names, as the caller may read it: a draft only by those who manage learning.</summary>
    private static async Task<ReviewRecord?> ReadableAsync(ChronicleDb db, CurrentPartnership partnership, CurrentUser user, Guid id, TimeProvider clock, CancellationToken ct) =>
        await ReviewRecord.LoadAsync(db, partnership.Id, id, Today(clock), ct) is { } record && LearningAccess.MayRead(record.Review, LearningAccess.Manages(await user.RequireAsync(ct)))
            ? record : null;

    private static async Task<Results<Created<ItemResponse>, NotFound, ValidationProblem>> AddItem(Guid id, ItemInput input, LearningService learning, CurrentPartnership partnership, CancellationToken ct) =>
        CreatedOr(await learning.AddItemAsync(partnership.Id, id, input, ct), "reviewId", i => $"/api/learning/reviews/{id}", i => ItemResponse.Of(i));

    private static async Task<Results<Created<ActionResponse>, NotFound, ValidationProblem>> AddAction(Guid id, ActionInput input, LearningService learning, CurrentPartnership partnership, CancellationToken ct) =>
        CreatedOr(await learning.AddActionAsync(partnership.Id, id, input, ct), "reviewId", a => $"/api/learning/reviews/{id}", ActionResponse.Of);

    private static async Task<Results<Created<SlippageResponse>, NotFound, ValidationProblem>> RecordSlippage(Guid id, SlippageRequest input, LearningService learning, CurrentPartnership partnership, CancellationToken ct) =>
        CreatedOr(await learning.RecordSlippageAsync(partnership.Id, id, input.Reason, input.NewExpectedOn, ct), "reviewId", s => $"/api/learning/reviews/{id}", SlippageResponse.Of);

    private static async Task<Results<Ok<ReviewSummaryResponse>, NotFound, ValidationProblem>> Confirm(Guid id, LearningService learning, ChronicleDb db, CurrentPartnership partnership, CancellationToken ct) =>
        await db.Reviews.AnyAsync(r => r.Id == id && r.PartnershipId == partnership.Id, ct)
            ? Answer(await learning.ConfirmDraftAsync(partnership.Id, id, ct), "-", ReviewSummaryResponse.Of)
            : TypedResults.NotFound();

    private static async Task<Results<Ok<ReviewSummaryResponse>, NotFound, ValidationProblem>> Publish(Guid id, PublicationRequest input, LearningService learning, CurrentPartnership partnership, TimeProvider clock, CancellationToken ct)
    {
        if (input.PublishedOn > Today(clock)) return ApiResults.Refused("publishedOn", "The date of publication must be today or in the past");
        return Answer(await learning.PublishAsync(partnership.Id, id, input.PublishedOn, ct), "reviewId", ReviewSummaryResponse.Of);
    }

    private static async Task<Results<Created<DisseminationResponse>, NotFound, ValidationProblem>> RecordDissemination(Guid id, DisseminationInput input, LearningService learning, CurrentPartnership partnership, CancellationToken ct) =>
        CreatedOr(await learning.RecordDisseminationAsync(partnership.Id, id, input, ct), "reviewId", d => $"/api/learning/reviews/{id}", DisseminationResponse.Of);

    private static async Task<Results<Created<FeedbackResponse>, NotFound, ValidationProblem>> GiveFeedback(Guid id, FeedbackRequest input, LearningService learning, CurrentPartnership partnership, CurrentUser user, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        return CreatedOr(await learning.GiveFeedbackAsync(partnership.Id, id, new FeedbackInput(input.Usefulness, input.PracticeChange, input.Comment, me.Professional?.Id), ct),
            "reviewId", f => $"/api/learning/reviews/{id}", FeedbackResponse.Of);
    }

    private static async Task<Results<Ok<SafeguardImpact[]>, NotFound>> GetImpact(Guid id, ChronicleDb db, CurrentPartnership partnership, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (await ReadableAsync(db, partnership, user, id, clock, ct) is not { } record) return TypedResults.NotFound();
        return TypedResults.Ok((await ImpactFigures.ForAsync(db, partnership.Id, record.AllSafeguards, await ImpactPeriod.OfAsync(db, record.Review, ct), ct)).ToArray());
    }

    /// <summary>A draft has no briefing yet, for anyone, as the briefing page answers.</summary>
    private static async Task<Results<Ok<Briefing>, NotFound>> GetBriefing(Guid id, ChronicleDb db, CurrentPartnership partnership, TimeProvider clock, CancellationToken ct) =>
        await ReviewRecord.LoadAsync(db, partnership.Id, id, Today(clock), ct) is { } record && LearningAccess.MayRead(record.Review, manages: false)
            ? TypedResults.Ok(Briefing.From(record, $"/learning/reviews/{id}/feedback", $"/learning/reviews/{id}"))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<string>>, NotFound, ValidationProblem>> LinkSafeguards(Guid id, SafeguardLinksRequest input, LearningService learning, CurrentPartnership partnership, CancellationToken ct)
    {
        if (input.SafeguardIds is not { Count: > 0 } ids) return ApiResults.Refused("safeguardIds", "Name at least one safeguard");
        return Answer(await learning.LinkSafeguardsAsync(partnership.Id, id, ids, ct), "lessonItemId", x => x);
    }

    private static async Task<Results<Created<EvidenceResponse>, NotFound, ValidationProblem>> AddEvidence(Guid id, EvidenceInput input, LearningService learning, CurrentPartnership partnership, CurrentUser user, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        return CreatedOr(await learning.AddEvidenceAsync(partnership.Id, id, input with { RecordedByProfessionalId = me.Professional?.Id }, ct),
            "actionId", e => $"/api/learning/actions/{id}", EvidenceResponse.Of);
    }

    private static async Task<Results<Ok<ActionResponse>, NotFound, ValidationProblem>> SetStatus(Guid id, StatusRequest input, LearningService learning, CurrentPartnership partnership, CancellationToken ct) =>
        Answer(await learning.SetActionStatusAsync(partnership.Id, id, input.Status, input.DoneOn, ct), "actionId", ActionResponse.Of);

    private static async Task<Results<Created<DraftResponse>, ValidationProblem>> Import(ImportRequest input, ChronicleDb db, CurrentPartnership partnership, TimeProvider clock, CancellationToken ct)
    {
        var imported = BriefImporter.Import(input.Text);
        if (!imported.Succeeded) return ApiResults.Refused(imported.Errors);
        var review = await DraftReviews.CreateAsync(db, clock, partnership.Id, imported.Value!, string.IsNullOrWhiteSpace(input.SourceDocument) ? null : input.SourceDocument.Trim(), ct);
        var record = (await ReviewRecord.LoadAsync(db, partnership.Id, review.Id, Today(clock), ct))!;
        var recurrence = await LearningRecurrence.ForDraftAsync(db, partnership.Id, record, ct);
        return TypedResults.Created($"/api/learning/reviews/{review.Id}",
            new DraftResponse(ReviewResponse.Of(record), imported.Value!.Themes, [.. recurrence.Values.SelectMany(v => v).DistinctBy(f => (f.Review, f.Text)).OrderByDescending(f => f.WordingSimilarity)]));
    }

    private static async Task<Ok<ScrutinyResponse>> GetScrutiny(ChronicleDb db, CurrentPartnership partnership, TimeProvider clock, CancellationToken ct)
    {
        var s = await Scrutiny.LoadAsync(db, partnership.Id, Today(clock), ct);
        return TypedResults.Ok(new ScrutinyResponse(
            s.ByStatus.ToDictionary(x => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(x.Status.ToString()), x => x.Count),
            [.. s.Overdue.Select(a => new ScrutinyActionResponse(a.ReviewId, a.Review, ActionResponse.Of(a.Record)))],
            [.. s.DoneWithoutEvidence.Select(a => new ScrutinyActionResponse(a.ReviewId, a.Review, ActionResponse.Of(a.Record)))],
            [.. s.Themes.Select(t => new ThemeResponse(t.Code, t.Label, [.. t.Reviews.Select(r => r.Id)]))],
            [.. s.Timeliness.Select(t => new TimelinessResponse(t.Review.Id, t.Review.Title, [.. t.Clocks.Select(ClockResponse.Of)]))],
            [.. s.AsRecorded.Select(a => new ScrutinyActionResponse(a.ReviewId, a.Review, ActionResponse.Of(a.Record)))]));
    }

    /// <summary>A refusal about the thing the route names is a 404; any other refusal a 400 by field.</summary>
    private static Results<Ok<TResponse>, NotFound, ValidationProblem> Answer<T, TResponse>(Outcome<T> outcome, string routeField, Func<T, TResponse> response) =>
        outcome.Succeeded ? TypedResults.Ok(response(outcome.Value!))
        : outcome.Errors.Any(e => e.Field == routeField) ? TypedResults.NotFound()
        : ApiResults.Refused(outcome.Errors);

    private static Results<Created<TResponse>, NotFound, ValidationProblem> CreatedOr<T, TResponse>(Outcome<T> outcome, string routeField, Func<T, string> location, Func<T, TResponse> response) =>
        outcome.Succeeded ? TypedResults.Created(location(outcome.Value!), response(outcome.Value!))
        : outcome.Errors.Any(e => e.Field == routeField) ? TypedResults.NotFound()
        : ApiResults.Refused(outcome.Errors);
}

public sealed record FeedbackRequest(int? Usefulness, string? PracticeChange, string? Comment);

public sealed record ScrutinyActionResponse(Guid ReviewId, string Review, ActionResponse Action);

public sealed record ThemeResponse(string Code, string Label, IReadOnlyList<Guid> Reviews);

public sealed record TimelinessResponse(Guid ReviewId, string Review, IReadOnlyList<ClockResponse> Clocks);

public sealed record ScrutinyResponse(
    IReadOnlyDictionary<string, int> ActionsByStatus, IReadOnlyList<ScrutinyActionResponse> OverdueActions,
    IReadOnlyList<ScrutinyActionResponse> DoneWithoutEvidence, IReadOnlyList<ThemeResponse> RecurringThemes, IReadOnlyList<TimelinessResponse> Timeliness,
    IReadOnlyList<ScrutinyActionResponse> ActionsAsRecorded);
