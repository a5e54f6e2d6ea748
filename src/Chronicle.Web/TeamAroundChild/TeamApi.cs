using System.Text.Json;
using Chronicle.Core;
using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Sharing;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Web.Api;
using Chronicle.Web.Chronology;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.TeamAroundChild;

/// <summary>A change to the team; <c>teamVersion</c> (optional) is the <c>version</c> of the team the caller read: a change made since is answered 409.</summary>
public sealed record TeamChangeBody(Guid? ProfessionalId, Guid? AgencyId, string? Role, string? Reason, int? TeamVersion = null);

public sealed record NotificationBody(Guid? NotificationId);

/// <summary>An escalation to the caller handled: <c>note</c> says what they did (required).</summary>
public sealed record HandledBody(Guid? NotificationId, string? Note);

public sealed record NotSharingBody(Guid? EntryId, string? Reason, IReadOnlyList<Guid>? WithheldFromProfessionalIds = null, IReadOnlyList<Guid>? WithheldFromAgencyIds = null);

/// <summary>
/// Sharing an entry about the child with chosen people, each of whom may open the child (or is the front door, for whom
/// a contact is opened); <c>needsAcknowledgement</c> asks each to acknowledge a routine entry (a significant one always must).
/// </summary>
public sealed record ShareBody(Guid? EntryId, IReadOnlyList<Guid>? RecipientProfessionalIds, string? Purpose, string? LawfulBasis = null, bool? NeedsAcknowledgement = null);

/// <summary>
/// The API of the team around the child: the team and who is working with the family, the inbox, and sharing
/// decisions. Meetings, plans, actions and casework are in their own files. Every route under a child names the
/// child as {id}; the other things it works on (an entry, a meeting, a plan) travel in the query or the body.
/// </summary>
public static class TeamApi
{
    public static void MapTeamApi(this RouteGroupBuilder api)
    {
        var children = api.MapGroup("/children/{id:guid}").WithTags("Team around the child");
        children.MapGet("/team", GetTeam).Require(Permissions.ReadChild);
        children.MapPost("/team/members", AddMember).WithIdempotency(joinTransaction: false).Require(Permissions.WorkOnCase);
        children.MapPost("/team/removals", RemoveMember).WithIdempotency(joinTransaction: false).Require(Permissions.WorkOnCase);
        children.MapGet("/family-workers", GetFamilyWorkers).Require(Permissions.ReadChild);
        children.MapGet("/shares", GetShares).Require(Permissions.ReadChild);
        children.MapPost("/shares", Share).WithIdempotency(joinTransaction: false).Require(Permissions.WorkOnCase);
        children.MapPost("/decisions-not-to-share", DecideNotToShare).WithIdempotency(joinTransaction: false).Require(Permissions.WorkOnCase);

        // Facts that would widen access, waiting for the lead (docs/security.md, "Who may grant what").
        children.MapGet("/proposals", GetProposals).Require(Permissions.ReadChild);
        children.MapPost("/proposals/decisions", DecideProposal).WithIdempotency(joinTransaction: false).Require(Permissions.WorkOnCase);
        api.MapGet("/proposals/mine", MyProposals).WithTags("Team around the child").Require(Permissions.OwnWork);

        var inbox = api.MapGroup("/inbox").WithTags("Inbox");
        inbox.MapGet("/", GetInbox).Require(Permissions.OwnWork);
        inbox.MapPost("/acknowledgements", Acknowledge).WithIdempotency(joinTransaction: false).Require(Permissions.OwnWork);
        inbox.MapPost("/read", MarkRead).WithIdempotency(joinTransaction: false).Require(Permissions.OwnWork);
        inbox.MapPost("/handled-escalations", Handle).WithIdempotency(joinTransaction: false).Require(Permissions.OwnWork);

        api.MapMeetingsApi();
        api.MapPlansApi();
        api.MapCaseworkApi();
    }

    private static async Task<Results<Ok<TeamView>, NotFound>> GetTeam(Guid id, TeamService team, CurrentPartnership partnership, RecordAudit audit, CancellationToken ct)
    {
        var view = await team.TeamAsync(partnership.Id, id, ct: ct);
        if (view is null) return TypedResults.NotFound();
        await audit.ReadAsync([id], ct: ct);
        return TypedResults.Ok(view);
    }

    private static Task<Results<Created<TeamChange>, Accepted<ProposalResponse>, ValidationProblem>> AddMember(Guid id, TeamChangeBody body, AccessGrants grants, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct) =>
        ChangeAsync(id, body, true, grants, partnership, user, access, ct);

    private static Task<Results<Created<TeamChange>, Accepted<ProposalResponse>, ValidationProblem>> RemoveMember(Guid id, TeamChangeBody body, AccessGrants grants, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct) =>
        ChangeAsync(id, body, false, grants, partnership, user, access, ct);

    /// <summary>A change to the team: an addition the user may not grant waits for the lead (202), a removal of someone else needs the same authority.</summary>
    private static async Task<Results<Created<TeamChange>, Accepted<ProposalResponse>, ValidationProblem>> ChangeAsync(
        Guid id, TeamChangeBody body, bool add, AccessGrants grants, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        var input = new TeamChangeInput(id, body.ProfessionalId, body.AgencyId, body.Role, body.Reason, me.Professional!.Id, body.TeamVersion);
        var granted = await grants.ChangeTeamAsync(partnership.Id, input, add, ct);
        if (granted.Proposal is not null || granted.Outcome!.Succeeded) await access.NoteWriteAboutAsync([id], ct);
        return GrantResults.Of(granted, _ => $"/api/children/{id}/team", c => c);
    }

    private static async Task<Ok<ProposalSummary[]>> GetProposals(Guid id, AccessGrants grants, RecordAudit audit, CancellationToken ct)
    {
        var list = await grants.ForChildAsync(id, ct);
        await audit.ReadAsync([id], "access proposals", ct);
        return TypedResults.Ok(list.Select(ProposalSummary.Of).ToArray());
    }

    private static async Task<Ok<ProposalSummary[]>> MyProposals(AccessGrants grants, RecordAudit audit, CancellationToken ct)
    {
        var list = await grants.AwaitingMeAsync(ct);
        await audit.ReadAsync([.. list.Select(p => p.Proposal.ChildPersonId).Distinct()], "access proposals awaiting my decision", ct);
        return TypedResults.Ok(list.Select(ProposalSummary.Of).ToArray());
    }

    private static async Task<Results<Ok<ProposalSummary>, ValidationProblem>> DecideProposal(Guid id, ProposalDecisionBody body, AccessGrants grants, CancellationToken ct)
    {
        if (body.Accept is not { } accept) return ApiResults.Refused("accept", "Say whether the proposal is accepted or declined");
        var outcome = await grants.DecideAsync(id, body.ProposalId, accept, body.Reason, ct);
        if (!outcome.Succeeded) return ApiResults.Refused(outcome.Errors);
        var view = (await grants.ForChildAsync(id, ct)).FirstOrDefault(v => v.Proposal.Id == outcome.Value!.Id);
        return TypedResults.Ok(view is null
            ? new ProposalSummary(outcome.Value!.Id, outcome.Value.Kind, id, "", outcome.Value.Summary, "", outcome.Value.ProposedAt, outcome.Value.Status, outcome.Value.DecidedAt, outcome.Value.DecisionReason, false)
            : ProposalSummary.Of(view));
    }

    private static async Task<Results<Ok<FamilyWorkers>, NotFound>> GetFamilyWorkers(Guid id, TeamService team, CurrentPartnership partnership, ChildAccess access, RecordAudit audit, CancellationToken ct)
    {
        var view = await team.WhoIsWorkingWithFamilyAsync(partnership.Id, id, ct: ct);
        if (view is null) return TypedResults.NotFound();
        var shown = new List<FamilyMemberWorkers>();
        foreach (var person in view.People)
            if (await access.MaySeePersonAsync(person.PersonId, ct)) shown.Add(person);
        await audit.ReadAsync([id], ct: ct);
        return TypedResults.Ok(view with { People = shown });
    }

    private static async Task<Results<Ok<ShareStatus[]>, NotFound, ValidationProblem>> GetShares(
        Guid id, Guid? entryId, SharingService sharing, CaseEntries entries, CurrentPartnership partnership, RecordAudit audit, CancellationToken ct)
    {
        if (entryId is null) return ApiResults.Refused("entryId", "Give the entry whose sharing you want to see");
        if (await entries.VisibleAsync(id, entryId.Value, ct) is null) return TypedResults.NotFound();
        await audit.ReadAsync([id], ct: ct);
        return TypedResults.Ok((await sharing.SharesOfEntryAsync(partnership.Id, entryId.Value, ct)).ToArray());
    }

    private static async Task<Results<Created<EntryResponse>, ValidationProblem>> Share(
        Guid id, ShareBody body, SharingService sharing, CaseEntries entries, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        var entryId = body.EntryId is { } e && await entries.VisibleAsync(id, e, ct) is not null ? e : NobodyUnlessMissing(body.EntryId);
        var outcome = await sharing.ShareAsync(partnership.Id, new ShareInput(entryId, me.Professional!.Id, body.RecipientProfessionalIds, body.Purpose, body.LawfulBasis, id, body.NeedsAcknowledgement), ct);
        if (outcome.Succeeded) await access.NoteWriteAboutAsync([id], ct);
        return ApiResults.Created(outcome, x => $"/api/entries/{x.Id}", EntryResponse.Of);
    }

    private static async Task<Results<Created<EntryResponse>, ValidationProblem>> DecideNotToShare(
        Guid id, NotSharingBody body, HttpRequest request, SharingService sharing, CaseEntries entries, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        var entryId = body.EntryId is { } e && await entries.VisibleAsync(id, e, ct) is not null ? e : NobodyUnlessMissing(body.EntryId);
        var outcome = await sharing.RecordDecisionNotToShareAsync(partnership.Id,
            new NotSharingInput(entryId, me.Professional!.Id, body.Reason, body.WithheldFromProfessionalIds, body.WithheldFromAgencyIds), ct);
        if (outcome.Succeeded) await access.NoteWriteAboutAsync([id], ct);
        return ApiResults.Created(outcome, x => $"/api/entries/{x.Id}", EntryResponse.Of);
    }

    private static async Task<Results<Ok<Inbox>, ValidationProblem>> GetInbox(string? filter, SharingService sharing, CurrentPartnership partnership, CurrentUser user, ChildAccess access, RecordAudit audit, CancellationToken ct)
    {
        if (!TryParse<InboxFilter>(filter ?? "all", out var chosen)) return ApiResults.Refused("filter", "Choose all, unread, needs-acknowledgement or overdue");
        var me = await user.RequireAsync(ct);
        var inbox = await sharing.InboxAsync(partnership.Id, me.Professional!.Id, entries => access.HiddenPeopleInAsync(entries, ct), chosen,
            child => access.NamesWithheldAroundAsync(child, ct), ct);
        await audit.ReadAsync([.. inbox.Items.Select(i => i.Notification.ChildPersonId).OfType<Guid>().Distinct()], "inbox", ct);
        return TypedResults.Ok(inbox);
    }

    private static async Task<Results<Ok<Notification>, ValidationProblem>> Acknowledge(
        NotificationBody body, SharingService sharing, CurrentPartnership partnership, CurrentUser user, ChildAccess access, Core.Chronology.IRecordGate gate, CancellationToken ct)
    {
        if (body.NotificationId is not { } id) return ApiResults.Refused("notificationId", "Give the notification to acknowledge");
        var me = await user.RequireAsync(ct);
        // The service checks the notification is the user's own; the entry and child it names are the share's, not the user's.
        using var _ = ((RecordGate)gate).OnBehalfOfSystem(await sharing.NamedByAcknowledgementAsync(partnership.Id, id, me.Professional!.Id, ct));
        var outcome = await sharing.AcknowledgeAsync(partnership.Id, id, me.Professional!.Id, ct);
        return await OwnNotificationAsync(outcome, access, ct);
    }

    private static async Task<Results<Ok<Notification>, ValidationProblem>> MarkRead(NotificationBody body, SharingService sharing, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        if (body.NotificationId is not { } id) return ApiResults.Refused("notificationId", "Give the notification that was read");
        var me = await user.RequireAsync(ct);
        return await OwnNotificationAsync(await sharing.MarkReadAsync(partnership.Id, id, me.Professional!.Id, ct), access, ct);
    }

    /// <summary>
    /// The caller handles an escalation sent to them, saying what they did: answered with the item as the inbox shows
    /// it. Anything but the caller's own escalation is no such notification; one handled already is refused saying by
    /// whom and when, and one another manager handles at the same moment is a 409.
    /// </summary>
    private static async Task<Results<Ok<InboxItem>, ValidationProblem>> Handle(
        HandledBody body, SharingService sharing, CurrentPartnership partnership, CurrentUser user, ChildAccess access, RecordAudit audit, CancellationToken ct)
    {
        if (body.NotificationId is not { } id) return ApiResults.Refused("notificationId", "Give the escalation you handled");
        var me = (await user.RequireAsync(ct)).Professional!.Id;
        var outcome = await sharing.HandleEscalationAsync(partnership.Id, id, me, body.Note, ct);
        if (!outcome.Succeeded) return ApiResults.Refused(outcome.Errors);
        if (outcome.Value!.ChildPersonId is { } child) await access.NoteWriteAboutAsync([child], ct);
        await audit.AppendAsync(Core.Audit.AuditAction.Write, outcome.Value.ChildPersonId, $"escalation {id} handled", ct: ct);
        var item = await sharing.ItemAsync(partnership.Id, me, id, entries => access.HiddenPeopleInAsync(entries, ct), child => access.NamesWithheldAroundAsync(child, ct), ct);
        return TypedResults.Ok(item!);
    }

    /// <summary>Someone else's notification is answered as one that does not exist.</summary>
    private static async Task<Results<Ok<Notification>, ValidationProblem>> OwnNotificationAsync(Core.Validation.Outcome<Notification> outcome, ChildAccess access, CancellationToken ct)
    {
        if (outcome.Errors.Any(e => e.Field == "professionalId")) return ApiResults.Refused("notificationId", "There is no such notification");
        if (!outcome.Succeeded) return ApiResults.Refused(outcome.Errors);
        if (outcome.Value!.ChildPersonId is { } child) await access.NoteWriteAboutAsync([child], ct);
        return TypedResults.Ok(outcome.Value);
    }

    /// <summary>An id that exists nowhere, so that the service refuses it as it refuses a missing one; null stays null.</summary>
    public static Guid? NobodyUnlessMissing(Guid? given) => given is null ? null : Guid.NewGuid();

    /// <summary>Reads a kebab-case enum value ("needs-acknowledgement") as the JSON does.</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        try
        {
            value = JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(text.Trim()), ChronicleJson.Options);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

/// <summary>The entries of a child's case the signed-in user may see, for the pages and endpoints that act on one.</summary>
public sealed class CaseEntries(ChronicleDb db, ChildAccess access, CurrentPartnership partnership)
{
    /// <summary>The entry, if it concerns this child and the user may see it through them; null otherwise.</summary>
    public async Task<ChronologyEntry?> VisibleAsync(Guid childId, Guid entryId, CancellationToken ct = default)
    {
        if (await access.ChildAsync(childId, ct) is not { } child) return null;
        var entry = await db.Entries.AsNoTracking().Include(e => e.Subjects).FirstOrDefaultAsync(e => e.Id == entryId && e.PartnershipId == partnership.Id, ct);
        if (entry is null) return null;
        var concerned = await Family.ChildrenConcernedAsync(db, [.. entry.Subjects.Select(s => s.PersonId)], ct);
        return concerned.Contains(childId) && await access.MaySeeAsync(child, entry, ct) ? entry : null;
    }
}
