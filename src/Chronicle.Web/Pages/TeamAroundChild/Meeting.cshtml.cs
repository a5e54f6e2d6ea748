using Chronicle.Core.Actions;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Meetings;
using Chronicle.Core.Persistence;
using Chronicle.Core.Plans;
using Chronicle.Core.Sharing;
using Chronicle.Core.Validation;
using Chronicle.Web.Security;
using Chronicle.Web.TeamAroundChild;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.TeamAroundChild;

/// <summary>
/// One meeting: the chair's view (who was not invited, has not replied or sent no report), replies, reports and
/// late invitations as they come, then the record of the meeting (attendance, decisions, actions and, at a core
/// group or CIN review, every plan item's progress), which goes to every invitee to acknowledge. An invitee records
/// their own reply and report; the chair and the person who arranged the meeting record anyone's; the record of the
/// meeting is offered, from its day, to those who may write it (<see cref="MeetingService.MayRecordHeldAsync"/>), and so
/// are moving and cancelling it (<c>?change=move</c>, <c>?change=cancel</c>), each with a reason; its history (when it
/// was first arranged for, and each move or cancellation: by whom, when and why) is shown with it.
/// </summary>
[Permission(Permissions.WorkOnCase)]
public sealed class MeetingModel(CasePages pages, MeetingService meetings, SharingService sharing, PlanService plans, ChronicleDb db) : CasePageModel
{
    public const int ActionRows = 3;

    [BindProperty(SupportsGet = true)] public Guid? MeetingId { get; set; }
    [BindProperty] public Guid? InviteeId { get; set; }
    [BindProperty] public string? Reply { get; set; }
    [BindProperty] public string? ApologyReason { get; set; }
    [BindProperty] public bool ReportReceived { get; set; }
    /// <summary>The invitee whose reply and report the one form below the table records (<c>?invitee=</c>).</summary>
    [FromQuery(Name = "invitee")] public Guid? ChosenInvitee { get; set; }
    public InviteeView? Chosen => (InviteeId ?? ChosenInvitee) is { } id ? Detail.ChairView.Invitees.FirstOrDefault(v => v.Invitee.Id == id && v.Invitee.Invited && MayRecordReplyOf(v)) : null;
    [BindProperty] public List<Guid> Attended { get; set; } = [];
    [BindProperty] public List<Guid> Reported { get; set; } = [];
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Decisions { get; set; }
    [BindProperty] public List<string?> ActionDescription { get; set; } = [];
    [BindProperty] public List<Guid?> ActionOwner { get; set; } = [];
    [BindProperty] public List<string?> ActionDue { get; set; } = [];
    [BindProperty] public List<string?> Progress { get; set; } = [];
    [BindProperty] public List<int> Achieved { get; set; } = [];
    [BindProperty] public string? PlanSummary { get; set; }
    [BindProperty] public string? Narrative { get; set; }
    /// <summary>The form for moving or cancelling the meeting, when asked for: "move" or "cancel".</summary>
    [BindProperty(SupportsGet = true)] public string? Change { get; set; }
    [BindProperty] public string? NewTime { get; set; }
    [BindProperty] public string? Reason { get; set; }
    /// <summary>The names of those who moved or cancelled the meeting, by professional id.</summary>
    public IReadOnlyDictionary<Guid, string> ChangedBy { get; private set; } = new Dictionary<Guid, string>();

    public MeetingDetail Detail { get; private set; } = null!;
    public PlanView? Plan { get; private set; }
    public List<SelectListItem> Owners { get; private set; } = [];
    /// <summary>Whether the user may record the meeting as held: its chair, the person who arranged it, or the child's lead social worker.</summary>
    public bool MayRecordHeld { get; private set; }
    /// <summary>Why the meeting cannot be recorded as held yet (its day has not come), or null.</summary>
    public string? NotYet { get; private set; }
    /// <summary>Whether the user records every invitee's reply and report (the chair, the person who arranged the meeting), not only their own.</summary>
    public bool RecordsEveryReply { get; private set; }
    /// <summary>The invitees who are the user (by name, or their agency invited without a named professional).</summary>
    public IReadOnlySet<Guid> Own { get; private set; } = new HashSet<Guid>();

    public bool MayRecordReplyOf(InviteeView v) => RecordsEveryReply || Own.Contains(v.Invitee.Id);

    /// <summary>Whether the reply form speaks to the user about their own reply ("Your reply") rather than another's.</summary>
    public bool IsOwn(InviteeView v) => Own.Contains(v.Invitee.Id);
    public bool IsConference => Detail.ChairView.Meeting.Type is MeetingType.InitialChildProtectionConference or MeetingType.ReviewChildProtectionConference or MeetingType.TransferInConference;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (MeetingId is null) return RedirectToPage("/TeamAroundChild/Meetings", new { id = Id });
        if (!await LoadAsync(ct)) return NotFound();
        await pages.AuditReadAsync(Id, ct: ct);
        return Page();
    }

    /// <summary>One invitee's reply, their report received, or both, from the one form for the invitee chosen in the table.</summary>
    public async Task<IActionResult> OnPostReplyAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var reply = Reply switch { "attending" => MeetingReply.Attending, "not-attending" => MeetingReply.NotAttending, _ => (MeetingReply?)null };
        if (reply is null && !ReportReceived)
            return await AfterAsync([new FieldError("reply", "Select their reply, or that their report has been received")], "reply", ct);
        var errors = new List<FieldError>();
        if (reply is not null || !string.IsNullOrWhiteSpace(ApologyReason))
            errors.AddRange((await meetings.RecordReplyAsync(Case.PartnershipId, MeetingId!.Value, InviteeId ?? Guid.Empty, new ReplyInput(reply, ApologyReason, Case.Me), ct)).Errors);
        if (errors.Count == 0 && ReportReceived)
            errors.AddRange((await meetings.RecordReportReceivedAsync(Case.PartnershipId, MeetingId!.Value, InviteeId ?? Guid.Empty, Case.Me, ct)).Errors);
        if (errors.Count > 0) await LoadAsync(ct);
        return await AfterAsync(errors, reply is null ? "report" : "reply", ct);
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var row = Detail.ChairView.Invitees.FirstOrDefault(v => v.Invitee.Id == InviteeId)?.Invitee;
        if (row is null) return await AfterAsync([new FieldError("inviteeId", "Select who to invite")], "invited", ct);
        var outcome = await meetings.InviteAsync(Case.PartnershipId, MeetingId!.Value, new InviteeInput(row.ProfessionalId, row.ProfessionalId is null ? row.AgencyId : null, row.Name, Case.Me), ct);
        return await AfterAsync(outcome.Errors, "invited", ct);
    }

    public async Task<IActionResult> OnPostMoveAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Change = "move";
        var p = new Problems();
        var when = Forms.DateText.ReadDateTime(NewTime, "scheduledFor", "The new date and time of the meeting", p);
        if (p.Any)
        {
            // The service's own checks too (the reason), so that every error shows at once.
            var rest = string.IsNullOrWhiteSpace(Reason) ? [new FieldError("reason", "Enter why the meeting is moved")] : Array.Empty<FieldError>();
            return await AfterAsync([.. p.Errors, .. rest], "moved", ct);
        }
        var outcome = await meetings.MoveAsync(Case.PartnershipId, MeetingId!.Value, new MoveMeetingInput(when, Reason, Case.Me), ct);
        return await AfterAsync(outcome.Errors, "moved", ct);
    }

    public async Task<IActionResult> OnPostCancelAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Change = "cancel";
        var outcome = await meetings.CancelAsync(Case.PartnershipId, MeetingId!.Value, new CancelMeetingInput(Reason, Case.Me), ct);
        return await AfterAsync(outcome.Errors, "cancelled", ct);
    }

    public async Task<IActionResult> OnPostRecordAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var p = new Problems();
        var actions = new List<ActionInput>();
        for (var i = 0; i < ActionRows; i++)
        {
            var description = ActionDescription.ElementAtOrDefault(i);
            var owner = ActionOwner.ElementAtOrDefault(i);
            var dueText = ActionDue.ElementAtOrDefault(i);
            if (string.IsNullOrWhiteSpace(description) && owner is null && string.IsNullOrWhiteSpace(dueText)) continue;
            var due = Forms.DateText.Read(dueText, $"actions[{actions.Count}].due", $"The due date of action {actions.Count + 1}", p);
            actions.Add(new ActionInput(description, owner, due));
        }
        ConferenceDecision? decision = TeamApi.TryParse<ConferenceDecision>(Decision, out var d) ? d : null;
        var progress = Plan is null ? null : Plan.Plan.Items.Select((_, i) => new ItemProgressInput(i, Progress.ElementAtOrDefault(i), Achieved.Contains(i))).ToList();
        if (p.Any)
        {
            ShowErrors(p.Errors);
            return Page();
        }
        var attendance = Detail.ChairView.Invitees.Where(v => v.Invitee.Invited).Select(v =>
            new AttendanceInput(v.Invitee.Id, Attended: Attended.Contains(v.Invitee.Id), ReportSent: Reported.Contains(v.Invitee.Id))).ToList();
        var outcome = await meetings.RecordHeldAsync(Case.PartnershipId, MeetingId!.Value, new MeetingRecordInput
        {
            RecordedByProfessionalId = Case.Me, Attendance = attendance, Decision = decision,
            Decisions = [.. (Decisions ?? "").Split('\n').Select(x => x.Trim()).Where(x => x.Length > 0)],
            Actions = actions, PlanProgress = progress, PlanReviewSummary = PlanSummary, Narrative = string.IsNullOrWhiteSpace(Narrative) ? null : Narrative.Trim(),
        }, ct);
        return await AfterAsync(outcome.Errors, "recorded", ct);
    }

    private async Task<IActionResult> AfterAsync(IEnumerable<FieldError> errors, string done, CancellationToken ct)
    {
        var list = errors.ToList();
        if (list.Count > 0)
        {
            ShowErrors(list);
            return Page();
        }
        await pages.AuditWriteAsync(Id, $"meeting {done}", ct);
        return RedirectToPage("/TeamAroundChild/Meeting", new { id = Id, meetingId = MeetingId, done });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var open = Case;
        if (await MeetingsApi.DetailAsync(Id, MeetingId, meetings, sharing, db, open.PartnershipId, ct) is not { } detail) return false;
        Detail = detail;
        var meeting = detail.ChairView.Meeting;
        MayRecordHeld = await meetings.MayRecordHeldAsync(meeting, open.Me, ct);
        NotYet = meetings.HeldTooEarly(meeting);
        RecordsEveryReply = MeetingService.RecordsEveryReply(meeting, open.Me);
        var own = new HashSet<Guid>();
        foreach (var invitee in meeting.Invitees.Where(i => i.Invited))
            if (await meetings.IsOwnAsync(invitee, open.Me, ct)) own.Add(invitee.Id);
        Own = own;
        var types = detail.ChairView.Meeting.Type switch
        {
            MeetingType.CoreGroup => [PlanType.ChildProtection],
            MeetingType.ChildInNeedReview => [PlanType.ChildInNeed],
            _ => Array.Empty<PlanType>(),
        };
        Plan = types.Length == 0 ? null : await plans.ActivePlanForChildAsync(open.PartnershipId, Id, types, ct);
        Owners = await pages.ProfessionalsAsync(open.PartnershipId, open.ChildId, "Choose who owns it", ActionOwner, Everyone, ct);
        var changers = meeting.Changes.Select(c => c.ByProfessionalId).Distinct().ToList();
        ChangedBy = changers.Count == 0 ? new Dictionary<Guid, string>()
            : await db.Professionals.AsNoTracking().Where(x => x.PartnershipId == open.PartnershipId && changers.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        return true;
    }
}
