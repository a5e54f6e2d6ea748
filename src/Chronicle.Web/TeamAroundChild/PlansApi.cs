using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Plans;
using Chronicle.Web.Api;
using Chronicle.Web.Chronology;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chronicle.Web.TeamAroundChild;

public sealed record PlanBody(
    PlanType? Type, AbuseCategory? Category = null, IReadOnlyList<PlanItemInput>? Items = null, IReadOnlyList<SafetyParticipantInput>? Participants = null,
    bool Draft = false, DateTimeOffset? StartedAt = null, Guid? ReplacesDraftEntryId = null);

public sealed record PlanReviewBody(Guid? PlanEntryId, IReadOnlyList<ItemProgressInput>? Progress, string? Summary = null);

public sealed record PlanEndBody(Guid? PlanEntryId, string? Reason);

public sealed record PlanItemResponse(int Index, string Concern, string Action, Guid? OwnerProfessionalId, string? Owner, DateOnly? Due, string? SuccessMeasure, bool IsSpecific);

public sealed record PlanReviewResponse(Guid EntryId, DateTimeOffset At, string RecordedBy, IReadOnlyList<ItemProgress> Progress, string? Summary);

/// <summary>A plan as the pages and the API show it, with owners named.</summary>
public sealed record PlanResponse(
    Guid EntryId, PlanType Type, AbuseCategory? Category, PlanStatus Status, DateTimeOffset Started, string RecordedBy, string Agency,
    IReadOnlyList<PlanItemResponse> Items, IReadOnlyList<SafetyParticipant> Participants, IReadOnlyList<PlanReviewResponse> Reviews, DateTimeOffset? Ended)
{
    /// <summary>The child's plans that the user may see (a draft stays with its agency and the lead), newest first.</summary>
    public static async Task<IReadOnlyList<PlanResponse>> ForChildAsync(PlanService plans, ChronicleDb db, ChildAccess access, Guid partnershipId, Guid childId, CancellationToken ct)
    {
        if (await access.ChildAsync(childId, ct) is not { } child) return [];
        var visible = new List<PlanView>();
        foreach (var v in await plans.ForChildAsync(partnershipId, childId, ct))
            if (await access.MaySeeAsync(child, v.Entry, ct)) visible.Add(v);
        var names = await ChronologyReader.NamesAsync(db, partnershipId, [],
            visible.SelectMany(v => v.Plan.Items.Select(i => i.OwnerProfessionalId).OfType<Guid>()
                .Append(v.Entry.RecordedByProfessionalId).Concat(v.Reviews.Select(r => r.Entry.RecordedByProfessionalId))), ct);
        var shown = new List<PlanResponse>();
        foreach (var v in visible)
        {
            shown.Add(new PlanResponse(v.Entry.Id, v.Plan.Type, v.Plan.Category, v.Status, v.Entry.When, names.Professional(v.Entry.RecordedByProfessionalId), names.Agency(v.Entry.RecordedByAgencyId),
                [.. v.Plan.Items.Select((i, n) => new PlanItemResponse(n, i.Concern, i.Action, i.OwnerProfessionalId, i.OwnerProfessionalId is { } o ? names.Professional(o) : null, i.Due, i.SuccessMeasure, i.IsSpecific))],
                v.Plan.Participants,
                [.. v.Reviews.Select(r => new PlanReviewResponse(r.Entry.Id, r.Entry.When, names.Professional(r.Entry.RecordedByProfessionalId), r.Review.Progress, r.Review.Summary))],
                v.EndedBy?.When));
        }
        return shown;
    }
}

/// <summary>Child in need, child protection and safety plans: starting (or drafting), reviewing and ending them.</summary>
public static class PlansApi
{
    public static void MapPlansApi(this RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/children/{id:guid}/plans").WithTags("Plans");
        plans.MapGet("/", List).Require(Permissions.ReadChild);
        plans.MapPost("/", Start).WithIdempotency(joinTransaction: false).Require(Permissions.WorkOnCase);
        plans.MapPost("/reviews", Review).WithIdempotency(joinTransaction: false).Require(Permissions.WorkOnCase);
        plans.MapPost("/endings", End).WithIdempotency(joinTransaction: false).Require(Permissions.WorkOnCase);
    }

    private static async Task<Ok<PlanResponse[]>> List(Guid id, PlanService plans, ChronicleDb db, ChildAccess access, CurrentPartnership partnership, RecordAudit audit, CancellationToken ct)
    {
        var shown = await PlanResponse.ForChildAsync(plans, db, access, partnership.Id, id, ct);
        await audit.ReadAsync([id], ct: ct);
        return TypedResults.Ok(shown.ToArray());
    }

    private static async Task<Results<Created<EntryResponse>, ValidationProblem>> Start(
        Guid id, PlanBody body, HttpRequest request, PlanService plans, CaseEntries entries, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        var participants = body.Participants ?? [];
        var people = await Attribution.VisibleOrNobodyAsync(access, [.. participants.Select(x => x?.PersonId)]);
        var refused = people.Select((p, i) => p is { } person && person != participants[i]?.PersonId ? new Core.Validation.FieldError($"participants[{i}].personId", "No such person in this partnership") : null)
            .OfType<Core.Validation.FieldError>().ToList();
        if (refused.Count > 0) return ApiResults.Refused(refused);
        var draft = body.ReplacesDraftEntryId is { } d && await entries.VisibleAsync(id, d, ct) is not null ? d : TeamApi.NobodyUnlessMissing(body.ReplacesDraftEntryId);
        var outcome = await plans.StartAsync(partnership.Id, new PlanInput
        {
            ChildId = id, Type = body.Type, Category = body.Category, Items = body.Items ?? [], Participants = participants, Draft = body.Draft,
            RecordedByProfessionalId = me.Professional!.Id, StartedAt = body.StartedAt, ReplacesDraftEntryId = draft,
        }, ct);
        if (outcome.Succeeded) await access.NoteWriteAboutAsync([id], ct);
        return ApiResults.Created(outcome, e => $"/api/entries/{e.Id}", EntryResponse.Of);
    }

    private static async Task<Results<Created<EntryResponse>, ValidationProblem>> Review(
        Guid id, PlanReviewBody body, HttpRequest request, PlanService plans, CaseEntries entries, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        var plan = body.PlanEntryId is { } p && await entries.VisibleAsync(id, p, ct) is not null ? p : TeamApi.NobodyUnlessMissing(body.PlanEntryId);
        var outcome = await plans.ReviewAsync(partnership.Id, new PlanReviewInput(plan, me.Professional!.Id, body.Progress, body.Summary), ct);
        if (outcome.Succeeded) await access.NoteWriteAboutAsync([id], ct);
        return ApiResults.Created(outcome, e => $"/api/entries/{e.Id}", EntryResponse.Of);
    }

    private static async Task<Results<Created<EntryResponse>, ValidationProblem>> End(
        Guid id, PlanEndBody body, PlanService plans, CaseEntries entries, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        var plan = body.PlanEntryId is { } p && await entries.VisibleAsync(id, p, ct) is not null ? p : TeamApi.NobodyUnlessMissing(body.PlanEntryId);
        var outcome = await plans.EndAsync(partnership.Id, new PlanEndInput(plan, me.Professional!.Id, body.Reason), ct);
        if (outcome.Succeeded) await access.NoteWriteAboutAsync([id], ct);
        return ApiResults.Created(outcome, e => $"/api/entries/{e.Id}", EntryResponse.Of);
    }
}
