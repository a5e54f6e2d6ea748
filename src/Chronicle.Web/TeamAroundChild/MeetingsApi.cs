using Chronicle.Core.Actions;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Meetings;
using Chronicle.Core.Persistence;
using Chronicle.Core.Plans;
using Chronicle.Core.Sharing;
using Chronicle.Web.Api;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.TeamAroundChild;

public sealed record ScheduleMeetingBody(
    MeetingType? Type, DateTimeOffset? ScheduledFor, Guid? ChairProfessionalId, IReadOnlyList<InviteeInput>? Invitees = null, IReadOnlyList<NotInvitedInput>? NotInvited = null);

public sealed record InvitationBody(Guid? MeetingId, Guid? ProfessionalId = null, Guid? AgencyId = null, string? Name = null);

public sealed record ReplyBody(Guid? MeetingId, Guid? InviteeId, MeetingReply? Reply, string? ApologyReason = null);

public sealed record ReportBody(Guid? MeetingId, Guid? InviteeId);

public sealed record MoveMeetingBody(Guid? MeetingId, DateTimeOffset? ScheduledFor, string? Reason);

public sealed record CancelMeetingBody(Guid? MeetingId, string? Reason);

public sealed record MeetingRecordBody(
    Guid? MeetingId, DateTimeOffset? HeldAt = null, IReadOnlyList<AttendanceInput>? Attendance = null, ConferenceDecision? Decision = null,
    IReadOnlyList<string>? Decisions = null, IReadOnlyList<ActionInput>? Actions = null, IReadOnlyList<ItemProgressInput>? PlanProgress = null,
    string? PlanReviewSummary = null, string? DelayReason = null, string? Narrative = null);

/// <summary>A meeting as the chair and organiser see it, with who has acknowledged its record once it is held.</summary>
public sealed record MeetingDetail(ChairView ChairView, IReadOnlyList<ShareStatus> RecordDistribution);

/// <summary>Meetings about a child: proposed invitees, scheduling, invitations, replies, reports, the record and the chair's view.</summary>
public static class MeetingsApi
{
    public static void MapMeetingsApi(this RouteGroupBuilder api)
    {
        var meetings = api.MapGroup("/children/{id:guid}/meetings").WithTags("Meetings");
        meetings.MapGet("/", List).Require(Permissions.ReadChild);
        meetings.MapGet("/proposed-invitees", Proposed).Require(Permissions.ReadChild);
        meetings.MapGet("/detail", Detail).Require(Permissions.ReadChild);
        meetings.MapPost("/", Schedule).WithIdempotency(joinTransaction: false).Require(Permissions.WorkOnCase);
        meetings.MapPost("/invitations", Invite).WithIdempotency(joinTransaction: false).Require(Permissions.WorkOnCase);
        meetings.MapPost("/replies", Reply).WithIdempotency(joinTransaction: false).Require(Permissions.WorkOnCase);
        meetings.MapPost("/reports", Report).WithIdempotency(joinTransaction: false).Require(Permissions.WorkOnCase);
        meetings.MapPost("/moves", Move).WithIdempotency(joinTransaction: false).Require(Permissions.WorkOnCase);
        meetings.MapPost("/cancellations", Cancel).WithIdempotency(joinTransaction: false).Require(Permissions.WorkOnCase);
        meetings.MapPost("/records", RecordHeld).WithIdempotency(joinTransaction: false).Require(Permissions.WorkOnCase);
    }

    private static async Task<Ok<Meeting[]>> List(Guid id, MeetingService meetings, CurrentPartnership partnership, RecordAudit audit, CancellationToken ct)
    {
        var list = await meetings.ForChildAsync(partnership.Id, id, ct);
        await audit.ReadAsync([id], ct: ct);
        return TypedResults.Ok(list.ToArray());
    }

    private static async Task<Results<Ok<ProposedInvitee[]>, ValidationProblem>> Proposed(Guid id, string? type, MeetingService meetings, CurrentPartnership partnership, RecordAudit audit, CancellationToken ct)
    {
        if (!TeamApi.TryParse<MeetingType>(type, out var kind)) return ApiResults.Refused("type", "Give the kind of meeting, such as initial-child-protection-conference");
        var proposed = await meetings.ProposeInviteesAsync(partnership.Id, id, kind, ct);
        await audit.ReadAsync([id], ct: ct);
        return TypedResults.Ok(proposed.ToArray());
    }

    private static async Task<Results<Ok<MeetingDetail>, ValidationProblem>> Detail(
        Guid id, Guid? meetingId, MeetingService meetings, SharingService sharing, ChronicleDb db, CurrentPartnership partnership, RecordAudit audit, CancellationToken ct)
    {
        var detail = await DetailAsync(id, meetingId, meetings, sharing, db, partnership.Id, ct);
        if (detail is null) return ApiResults.Refused("meetingId", "There is no such meeting for this child");
        await audit.ReadAsync([id], ct: ct);
        return TypedResults.Ok(detail);
    }

    /// <summary>The chair's view of a meeting about this child, and who has acknowledged its record; null if there is no such meeting for the child.</summary>
    public static async Task<MeetingDetail?> DetailAsync(Guid childId, Guid? meetingId, MeetingService meetings, SharingService sharing, ChronicleDb db, Guid partnershipId, CancellationToken ct)
    {
        if (!await BelongsAsync(db, partnershipId, childId, meetingId, ct)) return null;
        var view = (await meetings.ChairViewAsync(partnershipId, meetingId!.Value, ct))!;
        var shares = view.Meeting.HeldEntryId is { } held ? await sharing.SharesOfEntryAsync(partnershipId, held, ct) : [];
        return new MeetingDetail(view, shares);
    }

    private static async Task<Results<Created<Meeting>, ValidationProblem>> Schedule(
        Guid id, ScheduleMeetingBody body, MeetingService meetings, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        var me = await user.RequireAsync(ct);
        var outcome = await meetings.ScheduleAsync(partnership.Id, new ScheduleMeetingInput
        {
            ChildId = id, Type = body.Type, ScheduledFor = body.ScheduledFor, ChairProfessionalId = body.ChairProfessionalId, OrganiserProfessionalId = me.Professional!.Id,
            Invitees = body.Invitees ?? [], NotInvited = body.NotInvited ?? [],
        }, ct);
        if (outcome.Succeeded) await access.NoteWriteAboutAsync([id], ct);
        return ApiResults.Created(outcome, m => $"/api/children/{id}/meetings/detail?meetingId={m.Id}", m => m);
    }

    private static async Task<Results<Ok<MeetingInvitee>, ValidationProblem>> Invite(
        Guid id, InvitationBody body, MeetingService meetings, ChronicleDb db, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        if (!await BelongsAsync(db, partnership.Id, id, body.MeetingId, ct)) return NoSuchMeeting(body.MeetingId);
        var me = await user.RequireAsync(ct);
        return await OkAsync(await meetings.InviteAsync(partnership.Id, body.MeetingId!.Value, new InviteeInput(body.ProfessionalId, body.AgencyId, body.Name, me.Professional!.Id), ct), id, access, ct);
    }

    /// <summary>An invitee's reply: their own, or anyone's for the meeting's chair and the person who arranged it.</summary>
    private static async Task<Results<Ok<MeetingInvitee>, ValidationProblem>> Reply(
        Guid id, ReplyBody body, MeetingService meetings, ChronicleDb db, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        if (!await BelongsAsync(db, partnership.Id, id, body.MeetingId, ct)) return NoSuchMeeting(body.MeetingId);
        if (body.InviteeId is not { } invitee) return ApiResults.Refused("inviteeId", "Select who replied");
        var me = await user.RequireAsync(ct);
        return await OkAsync(await meetings.RecordReplyAsync(partnership.Id, body.MeetingId!.Value, invitee, new ReplyInput(body.Reply, body.ApologyReason, me.Professional!.Id), ct), id, access, ct);
    }

    /// <summary>An invitee's report received, asked as a reply is.</summary>
    private static async Task<Results<Ok<MeetingInvitee>, ValidationProblem>> Report(
        Guid id, ReportBody body, MeetingService meetings, ChronicleDb db, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        if (!await BelongsAsync(db, partnership.Id, id, body.MeetingId, ct)) return NoSuchMeeting(body.MeetingId);
        if (body.InviteeId is not { } invitee) return ApiResults.Refused("inviteeId", "Select who sent the report");
        var me = await user.RequireAsync(ct);
        return await OkAsync(await meetings.RecordReportReceivedAsync(partnership.Id, body.MeetingId!.Value, invitee, me.Professional!.Id, ct), id, access, ct);
    }

    /// <summary>A meeting moved to a new date and time, with a reason: by its chair, the person who arranged it or the lead social worker.</summary>
    private static async Task<Results<Ok<Meeting>, ValidationProblem>> Move(
        Guid id, MoveMeetingBody body, MeetingService meetings, ChronicleDb db, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        if (!await BelongsAsync(db, partnership.Id, id, body.MeetingId, ct)) return NoSuchMeeting(body.MeetingId);
        var me = await user.RequireAsync(ct);
        return await OkAsync(await meetings.MoveAsync(partnership.Id, body.MeetingId!.Value, new MoveMeetingInput(body.ScheduledFor, body.Reason, me.Professional!.Id), ct), id, access, ct);
    }

    /// <summary>A meeting cancelled, with a reason: by its chair, the person who arranged it or the lead social worker.</summary>
    private static async Task<Results<Ok<Meeting>, ValidationProblem>> Cancel(
        Guid id, CancelMeetingBody body, MeetingService meetings, ChronicleDb db, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        if (!await BelongsAsync(db, partnership.Id, id, body.MeetingId, ct)) return NoSuchMeeting(body.MeetingId);
        var me = await user.RequireAsync(ct);
        return await OkAsync(await meetings.CancelAsync(partnership.Id, body.MeetingId!.Value, new CancelMeetingInput(body.Reason, me.Professional!.Id), ct), id, access, ct);
    }

    private static async Task<Results<Ok<Meeting>, ValidationProblem>> RecordHeld(
        Guid id, MeetingRecordBody body, MeetingService meetings, ChronicleDb db, CurrentPartnership partnership, CurrentUser user, ChildAccess access, CancellationToken ct)
    {
        if (!await BelongsAsync(db, partnership.Id, id, body.MeetingId, ct)) return NoSuchMeeting(body.MeetingId);
        var me = await user.RequireAsync(ct);
        var outcome = await meetings.RecordHeldAsync(partnership.Id, body.MeetingId!.Value, new MeetingRecordInput
        {
            RecordedByProfessionalId = me.Professional!.Id, HeldAt = body.HeldAt, Attendance = body.Attendance ?? [], Decision = body.Decision,
            Decisions = body.Decisions ?? [], Actions = body.Actions ?? [], PlanProgress = body.PlanProgress, PlanReviewSummary = body.PlanReviewSummary,
            DelayReason = body.DelayReason, Narrative = body.Narrative,
        }, ct);
        return await OkAsync(outcome, id, access, ct);
    }

    /// <summary>Whether the meeting is one about this child in the partnership.</summary>
    public static async Task<bool> BelongsAsync(ChronicleDb db, Guid partnershipId, Guid childId, Guid? meetingId, CancellationToken ct) =>
        meetingId is { } m && await db.Meetings.AnyAsync(x => x.Id == m && x.PartnershipId == partnershipId && x.ChildPersonId == childId, ct);

    private static ValidationProblem NoSuchMeeting(Guid? given) =>
        ApiResults.Refused("meetingId", given is null ? "Select the meeting" : "There is no such meeting for this child");

    private static async Task<Results<Ok<T>, ValidationProblem>> OkAsync<T>(Core.Validation.Outcome<T> outcome, Guid childId, ChildAccess access, CancellationToken ct)
    {
        if (!outcome.Succeeded) return ApiResults.Refused(outcome.Errors);
        await access.NoteWriteAboutAsync([childId], ct);
        return TypedResults.Ok(outcome.Value!);
    }
}
