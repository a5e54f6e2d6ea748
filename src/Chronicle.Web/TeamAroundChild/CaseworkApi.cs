using Chronicle.Core.Actions;
using Chronicle.Core.Casework;
using Chronicle.Core.Chronology;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Chronicle.Web.Api;
using Chronicle.Web.Chronology;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.TeamAroundChild;

/// <summary>A staff absence as the API answers it: its open actions as <see cref="ActionResponse"/>, hidden children counted, not named.</summary>
public sealed record AbsenceResponse(Guid ProfessionalId, string Name, DateOnly From, DateOnly? To, Guid? CoveredByProfessionalId, Guid EntryId, IReadOnlyList<ActionResponse> OpenActions);

/// <summary>An action as the API answers it: the children it is about that the caller may see, and how many others.</summary>
public sealed record ActionResponse(
    Guid Id, string Description, IReadOnlyList<ActionChildName> Children, int ChildrenYouCannotSee, string Source, Guid SourceEntryId, Guid? OwnerProfessionalId, string? Owner, DateOnly? Due,
    ActionStatus Status, bool IsOverdue, DateTimeOffset? EscalatedAt)
{
    public static ActionResponse Of(SeenAction seen)
    {
        var (v, children) = seen;
        return new(v.Action.Id, seen.Description, children.Visible, children.Hidden, v.SourceLabel, v.Action.SourceEntryId,
            v.Action.OwnerProfessionalId, v.OwnerName, v.Action.Due, v.Action.Status, v.IsOverdue, v.Action.EscalatedAt);
    }

    /// <summary>The child's actions whose source entry the user may see.</summary>
    public static async Task<IReadOnlyList<ActionResponse>> ForChildAsync(ActionService actions, ChronicleDb db, ChildAccess access, Guid partnershipId, Guid childId, bool openOnly, CancellationToken ct)
    {
        if (await access.ChildAsync(childId, ct) is not { } child) return [];
        var views = await actions.ForChildAsync(partnershipId, childId, openOnly, ct);
        var ids = views.Select(v => v.Action.SourceEntryId).Distinct().ToList();
        var entries = await db.Entries.AsNoTracking().Include(e => e.Subjects).Where(e => ids.Contains(e.Id)).ToListAsync(ct);
        var visible = new HashSet<Guid>();
        foreach (var e in entries)
            if (await access.MaySeeAsync(child, e, ct)) visible.Add(e.Id);
        var seen = await ActionChildren.SeenAsync(access, [.. views.Where(v => visible.Contains(v.Action.SourceEntryId))], ct);
        return [.. seen.OrderBy(v => v.View.Action.Status).ThenBy(v => v.View.Action.Due ?? DateOnly.MaxValue).Select(Of)];
    }
}

public sealed record ActionDoneBody(Guid? ActionId, string? Note, Guid? EvidenceEntryId = null);

public sealed record HandOnBody(Guid? ActionId, string? To, string? Reason);

public sealed record AbsenceBody(Guid? ProfessionalId, DateOnly? From, DateOnly? To = null, Guid? CoveredByProfessionalId = null);

public sealed record ReassignBody(Guid? FromProfessionalId, Guid? ToProfessionalId, string? Reason, Guid? ChildId = null);

public sealed record SupervisionBody(Guid? SuperviseeId, SupervisionPoint? Point, string? Discussion, IReadOnlyList<ActionInput>? Actions = null, DateTimeOffset? HeldAt = null);

public sealed record SupervisionResponse(Guid EntryId, DateTimeOffset At, Guid SuperviseeId, string Supervisee, Guid SupervisorId, string Supervisor, SupervisionPoint Point, string Discussion, IReadOnlyList<ActionItem> Actions);

public sealed record ClosureBody(string? Reason, Guid? AgencyId = null, Guid? ManagerProfessionalId = null, IReadOnlyDictionary<string, string>? AcceptedLooseEnds = null);

public sealed record ClosureProposalBody(string? Reason, Guid? AgencyId = null);

public sealed record ClosureProposalResponse(EntryResponse Entry, IReadOnlyList<LooseEnd> LooseEnds);

/// <summary>Actions (mine, done, handed on; absences and reassignment for managers), supervision, and closing a case.</summary>
public static class CaseworkApi
{
    public static void MapCaseworkApi(this RouteGroupBuilder api)
    {
        var actions = api.MapGroup("/actions").WithTags("Actions");
        actions.MapGet("/mine", Mine).Require(Permissions.OwnWork);
        actions.MapPost("/done", Done).WithIdempotency(joinTransaction: false).Require(Permissions.OwnWork);
        actions.MapPost("/handed-on", HandOn).WithIdempotency(joinTransaction: false).Require(Permissions.OwnWork);
        actions.MapGet("/absences", Absences).Require(Permissions.ManageStaff);
        actions.MapPost("/absences", RecordAbsence).WithIdempotency(joinTransaction: false).Require(Permissions.ManageStaff);
        actions.MapPost("/reassignments", Reassign).WithIdempotency(joinTransaction: false).Require(Permissions.ManageStaff);

        var child = api.MapGroup("/children/{id:guid}").WithTags("Casework");
        child.MapGet("/actions", ChildActions).Require(Permissions.ReadChild);
        child.MapGet("/supervision", Supervisions).Require(Permissions.ReadChild);
        child.MapPost("/supervision", RecordSupervision).WithIdempotency(joinTransaction: false).Require(Permissions.WorkOnCase);
        child.MapGet("/closure", LooseEnds).Require(Permissions.ReadChild);
        child.MapPost("/closure/proposals", Propose).WithIdempotency(joinTransaction: false).Require(Permissions.WorkOnCase);
        child.MapPost("/closure", Close).WithIdempotency(joinTransaction: false).Require(Permissions.WorkOnCase);
    }

    private static async Task<Ok<ActionResponse[]>> Mine(ActionService actions, CurrentPartnership partnership, CurrentUser user, ChildAccess access, RecordAudit audit, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        var mine = await ActionChildren.SeenAsync(access, await actions.MyActionsAsync(partnership.Id, me.Professional!.Id, ct), ct);
        await audit.ReadAsync([.. mine.SelectMany(v => v.Children.Visible).Select(c => c.Id).Distinct()], "my actions", ct);
        return TypedResults.Ok(mine.Select(ActionResponse.Of).ToArray());
    }

    private static async Task<Results<Ok<ActionResponse>, ValidationProblem>> Done(ActionDoneBody body, ActionService actions, ChronicleDb db, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        if (body.ActionId is not { } id) return ApiResults.Refused("actionId", "Select the action");
        if (!await ActionVisibleAsync(db, access, partnership.Id, id, ct)) return ApiResults.Refused("actionId", "There is no such action");
        if (body.EvidenceEntryId is { } evidence && await access.VisibleEntryAsync(evidence, ct) is null) return ApiResults.Refused("evidenceEntryId", "There is no such entry");
        var me = await user.RequireAsync(ct);
        return await ActedAsync(await actions.CompleteAsync(partnership.Id, id, new CompleteActionInput(me.Professional!.Id, body.Note, body.EvidenceEntryId), ct), actions, partnership.Id, access, ct);
    }

    private static async Task<Results<Ok<ActionResponse>, ValidationProblem>> HandOn(HandOnBody body, ActionService actions, ChronicleDb db, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        if (body.ActionId is not { } id) return ApiResults.Refused("actionId", "Select the action");
        if (!await ActionVisibleAsync(db, access, partnership.Id, id, ct)) return ApiResults.Refused("actionId", "There is no such action");
        var me = await user.RequireAsync(ct);
        return await ActedAsync(await actions.HandOnAsync(partnership.Id, id, new HandOnInput(me.Professional!.Id, body.To, body.Reason), ct), actions, partnership.Id, access, ct);
    }

    /// <summary>
    /// An action the user may act on is about a child they may see (or about no child): any other is answered as one
    /// that does not exist. An action about a family they see part of (a sibling since moved beyond their reach) is still
    /// theirs to settle, as their list shows it.
    /// </summary>
    public static async Task<bool> ActionVisibleAsync(ChronicleDb db, ChildAccess access, Guid partnershipId, Guid actionId, CancellationToken ct)
    {
        if (!await db.Actions.AsNoTracking().AnyAsync(a => a.Id == actionId && a.PartnershipId == partnershipId, ct)) return true; // the service says there is no such action
        var children = await db.ActionChildren.AsNoTracking().Where(c => c.ActionId == actionId).Select(c => c.ChildPersonId).ToListAsync(ct);
        return children.Count == 0 || (await access.VisibleAmongAsync(children, ct)).Count > 0;
    }

    /// <summary>The action as the caller's lists show it: a child they may not see counted, never named or given by id.</summary>
    private static async Task<Results<Ok<ActionResponse>, ValidationProblem>> ActedAsync(Outcome<TrackedAction> outcome, ActionService actions, Guid partnershipId, ChildAccess access, CancellationToken ct)
    {
        if (!outcome.Succeeded) return ApiResults.Refused(outcome.Errors);
        if (outcome.Value!.ChildIds.Count > 0) await access.NoteWriteAboutAsync(outcome.Value.ChildIds.ToList(), ct);
        var seen = await ActionChildren.SeenAsync(access, [await actions.ViewAsync(partnershipId, outcome.Value, ct)], ct);
        return TypedResults.Ok(ActionResponse.Of(seen[0]));
    }

    /// <summary>The absences of the manager's staff, each open action's children named only where the manager may see them.</summary>
    private static async Task<Ok<AbsenceResponse[]>> Absences(ActionService actions, CurrentPartnership partnership, CurrentUser user, ChildAccess access, RecordAudit audit, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        var absences = await actions.AbsencesAsync(partnership.Id, me.Professional!.Id, ct);
        var seen = (await ActionChildren.SeenAsync(access, [.. absences.SelectMany(a => a.OpenActions)], ct)).ToDictionary(s => s.View.Action.Id);
        await audit.ReadAsync([.. seen.Values.SelectMany(s => s.Children.Visible).Select(c => c.Id).Distinct()], "staff absences", ct);
        return TypedResults.Ok(absences.Select(a => new AbsenceResponse(a.ProfessionalId, a.Name, a.From, a.To, a.CoveredByProfessionalId, a.EntryId,
            [.. a.OpenActions.Select(v => ActionResponse.Of(seen[v.Action.Id]))])).ToArray());
    }

    private static async Task<Results<Created<EntryResponse>, ValidationProblem>> RecordAbsence(
        AbsenceBody body, HttpRequest request, StaffAbsences absences, CurrentUser user, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        var outcome = await absences.RecordAsync(me, body, null, ct);
        return ApiResults.Created(outcome, e => $"/api/entries/{e.Id}", EntryResponse.Of);
    }

    private static async Task<Results<Ok<int>, ValidationProblem>> Reassign(ReassignBody body, ActionService actions, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        if (body.ChildId is { } c && await access.ChildAsync(c, ct) is null) return ApiResults.Refused("childId", "No such child in this partnership");
        var outcome = await actions.ReassignAllAsync(partnership.Id, new ReassignAllInput(body.FromProfessionalId, body.ToProfessionalId, me.Professional!.Id, body.Reason, body.ChildId), ct);
        if (!outcome.Succeeded) return ApiResults.Refused(outcome.Errors);
        if (body.ChildId is { } child) await access.NoteWriteAboutAsync([child], ct);
        return TypedResults.Ok(outcome.Value);
    }

    private static async Task<Ok<ActionResponse[]>> ChildActions(Guid id, bool? openOnly, ActionService actions, ChronicleDb db, ChildAccess access, CurrentPartnership partnership, RecordAudit audit, CancellationToken ct)
    {
        var shown = await ActionResponse.ForChildAsync(actions, db, access, partnership.Id, id, openOnly ?? false, ct);
        await audit.ReadAsync([id], ct: ct);
        return TypedResults.Ok(shown.ToArray());
    }

    private static async Task<Ok<SupervisionResponse[]>> Supervisions(Guid id, SupervisionService supervision, ChronicleDb db, ChildAccess access, CurrentPartnership partnership, RecordAudit audit, CancellationToken ct)
    {
        var shown = await SupervisionsAsync(supervision, db, access, partnership.Id, id, ct);
        await audit.ReadAsync([id], ct: ct);
        return TypedResults.Ok(shown.ToArray());
    }

    /// <summary>The supervision on the child's case that the user may see (it stays with the agency and the lead professional).</summary>
    public static async Task<IReadOnlyList<SupervisionResponse>> SupervisionsAsync(SupervisionService supervision, ChronicleDb db, ChildAccess access, Guid partnershipId, Guid childId, CancellationToken ct)
    {
        if (await access.ChildAsync(childId, ct) is not { } child) return [];
        var visible = new List<(ChronologyEntry Entry, Supervision Supervision)>();
        foreach (var (entry, s) in await supervision.ForChildAsync(partnershipId, childId, ct))
            if (await access.MaySeeAsync(child, entry, ct)) visible.Add((entry, s));
        var names = await ChronologyReader.NamesAsync(db, partnershipId, [], visible.SelectMany(v => new[] { v.Supervision.SuperviseeId, v.Supervision.SupervisorId }), ct);
        return [.. visible.Select(v => new SupervisionResponse(v.Entry.Id, v.Entry.When, v.Supervision.SuperviseeId, names.Professional(v.Supervision.SuperviseeId),
            v.Supervision.SupervisorId, names.Professional(v.Supervision.SupervisorId), v.Supervision.Point, v.Supervision.Discussion, v.Supervision.Actions))];
    }

    private static async Task<Results<Created<EntryResponse>, ValidationProblem>> RecordSupervision(
        Guid id, SupervisionBody body, HttpRequest request, SupervisionService supervision, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        var outcome = await supervision.RecordAsync(partnership.Id, new SupervisionInput
        {
            ChildId = id, SuperviseeId = body.SuperviseeId, SupervisorId = me.Professional!.Id, Point = body.Point, Discussion = body.Discussion,
            Actions = body.Actions ?? [], HeldAt = body.HeldAt,
        }, ct);
        if (outcome.Succeeded) await access.NoteWriteAboutAsync([id], ct);
        return ApiResults.Created(outcome, e => $"/api/entries/{e.Id}", EntryResponse.Of);
    }

    private static async Task<Ok<LooseEnd[]>> LooseEnds(Guid id, ClosureService closure, CurrentPartnership partnership, ChildAccess access, RecordAudit audit, CancellationToken ct)
    {
        var loose = await WithheldAsync(access, id, await closure.LooseEndsAsync(partnership.Id, id, ct), ct);
        await audit.ReadAsync([id], ct: ct);
        return TypedResults.Ok(loose.ToArray());
    }

    /// <summary>A case's loose ends as the reader may see them: an open alert's text names no one around the child they may not see.</summary>
    public static async Task<IReadOnlyList<LooseEnd>> WithheldAsync(ChildAccess access, Guid childId, IReadOnlyList<LooseEnd> loose, CancellationToken ct)
    {
        var withheld = await access.NamesWithheldAroundAsync(childId, ct);
        return [.. loose.Select(l => l with { Description = withheld.In(l.Description) })];
    }

    private static async Task<Results<Created<ClosureProposalResponse>, ValidationProblem>> Propose(
        Guid id, ClosureProposalBody body, ClosureService closure, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        var outcome = await closure.ProposeAsync(partnership.Id, new ProposeClosureInput(id, me.Professional!.Id, body.Reason, body.AgencyId), ct);
        if (outcome.Succeeded) await access.NoteWriteAboutAsync([id], ct);
        var loose = outcome.Succeeded ? await WithheldAsync(access, id, outcome.Value!.LooseEnds, ct) : [];
        return ApiResults.Created(outcome, p => $"/api/entries/{p.Entry.Id}", p => new ClosureProposalResponse(EntryResponse.Of(p.Entry), loose));
    }

    private static async Task<Results<Created<EntryResponse>, ValidationProblem>> Close(
        Guid id, ClosureBody body, ClosureService closure, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        var outcome = await closure.CloseAsync(partnership.Id, new CloseCaseInput
        {
            ChildId = id, RecordedByProfessionalId = me.Professional!.Id, Reason = body.Reason, AgencyId = body.AgencyId,
            ManagerProfessionalId = body.ManagerProfessionalId, AcceptedLooseEnds = body.AcceptedLooseEnds ?? new Dictionary<string, string>(),
        }, ct);
        if (outcome.Succeeded) await access.NoteWriteAboutAsync([id], ct);
        return ApiResults.Created(outcome, e => $"/api/entries/{e.Id}", EntryResponse.Of);
    }
}

/// <summary>
/// A manager records that someone they manage is absent: a staff-absence entry about the children whose work they
/// hold (their open actions and their involvements), which tells the manager what needs reassigning (SG-20). Someone
/// who holds nothing now is recorded as absent all the same, about no child: there is nothing to reassign now, and the
/// absence is on record for work that comes later.
/// </summary>
public sealed class StaffAbsences(ChronicleDb db, ChronologyService chronology, ChildAccess access, CurrentPartnership partnership, TimeProvider clock)
{
    public async Task<Outcome<ChronologyEntry>> RecordAsync(SignedInUser me, AbsenceBody body, string? idempotencyKey, CancellationToken ct)
    {
        var p = new Problems();
        var partnershipId = partnership.Id;
        Professional? who = null;
        if (body.ProfessionalId is not { } id) p.Add("professionalId", "Select who is absent");
        else if ((who = await db.Professionals.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.PartnershipId == partnershipId, ct)) is null || who.ManagerId != me.Professional!.Id)
            p.Add("professionalId", "Select someone you manage");
        p.Required("from", body.From, "Enter the date the absence starts");
        if (body.CoveredByProfessionalId is { } cover && !await db.Professionals.AnyAsync(x => x.Id == cover && x.PartnershipId == partnershipId, ct))
            p.Add("coveredByProfessionalId", "No such professional in this partnership");
        if (p.Any) return Outcome<ChronologyEntry>.Refused(p.Errors);
        var children = await ChildrenAsync(who!.Id, ct);
        if (children.Count > 0) await access.NoteWriteAboutAsync(children, ct);
        var details = new StaffAbsence { ProfessionalId = who!.Id, From = body.From!.Value, To = body.To, CoveredByProfessionalId = body.CoveredByProfessionalId };
        // The chronology refuses a cover who may not open each child (as an action's owner): named here by the form's field.
        var recorded = await chronology.RecordAsync(partnershipId, new EntryInput
        {
            Kind = EntryKinds.StaffAbsence.Code,
            Details = System.Text.Json.JsonSerializer.SerializeToElement(details, Core.ChronicleJson.Options),
            OccurredAt = clock.GetUtcNow(),
            RecordedByProfessionalId = me.Professional!.Id,
            Subjects = children,
            Source = Source.SeenByRecorder,
            Significance = Significance.Routine,
            SharingLevel = SharingLevel.AgencyOnly,
            IdempotencyKey = idempotencyKey,
        }, ct);
        return recorded.Succeeded ? recorded
            : Outcome<ChronologyEntry>.Refused([.. recorded.Errors.Select(e => e.Field == "details.coveredByProfessionalId" ? e with { Field = "coveredByProfessionalId" } : e)]);
    }

    /// <summary>
    /// Of the candidates, those who may cover the absence of someone the user manages: the rule the chronology asks of
    /// the cover recorded (<see cref="StaffCover"/>), over the children the absence would be about.
    /// </summary>
    public async Task<IReadOnlySet<Guid>> MayCoverAsync(Guid absentId, IReadOnlyCollection<Guid> candidates, CancellationToken ct)
    {
        var blind = await StaffCover.ChildrenBlindToAsync(db, await ChildrenAsync(absentId, ct), candidates, clock.GetUtcNow(), ct);
        return blind.Where(b => b.Value.Count == 0).Select(b => b.Key).ToHashSet();
    }

    /// <summary>The children whose work the absent person holds (their open actions and involvements) that the user may see.</summary>
    private async Task<List<Guid>> ChildrenAsync(Guid absentId, CancellationToken ct)
    {
        var partnershipId = partnership.Id;
        var today = WorkingDayCalendar.UkDate(clock.GetUtcNow());
        var fromActions = await db.ActionChildren.AsNoTracking()
            .Where(c => db.Actions.Any(a => a.Id == c.ActionId && a.PartnershipId == partnershipId && a.OwnerProfessionalId == absentId && a.Status == ActionStatus.Open))
            .Select(c => c.ChildPersonId).Distinct().ToListAsync(ct);
        var fromInvolvements = (await db.Involvements.AsNoTracking().Where(i => i.ProfessionalId == absentId).ToListAsync(ct)).Where(i => i.IsActiveOn(today)).Select(i => i.PersonId);
        var children = new List<Guid>();
        foreach (var child in fromActions.Concat(fromInvolvements).Distinct())
            if (await access.ChildAsync(child, ct) is not null) children.Add(child);
        return children;
    }
}
