using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Meetings;
using Chronicle.Core.Validation;
using Chronicle.Web.Forms;
using Chronicle.Web.Security;
using Chronicle.Web.TeamAroundChild;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Chronicle.Web.Pages.TeamAroundChild;

/// <summary>
/// Scheduling a meeting about a child: first its kind, then when, the chair, and who to invite. The invitees
/// proposed are ticked (the team; the GP, health visitor or school nurse and school always; for a strategy discussion,
/// conference or core group every agency involved with the family, as SG-10 expects; police for strategy discussions
/// and conferences); the organiser may untick one only with a reason, and invite anyone else.
/// </summary>
[Permission(Permissions.WorkOnCase), OnlyActsOnCase]
public sealed class ScheduleMeetingModel(CasePages pages, MeetingService meetings) : CasePageModel
{
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    /// <summary>Sent by the first step's form, so that its "Continue" with no kind chosen is told so.</summary>
    [FromQuery(Name = "step")] public string? Step { get; set; }
    public const string KindStep = "kind";
    [BindProperty] public string? ScheduledFor { get; set; }
    [BindProperty] public Guid? ChairProfessionalId { get; set; }
    [BindProperty] public List<string> Invite { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> NotInvitedReason { get; set; } = [];
    [BindProperty] public Guid? AlsoInvite { get; set; }

    public MeetingType? Chosen { get; private set; }
    public IReadOnlyList<ProposedInvitee> Proposed { get; private set; } = [];
    public List<SelectListItem> Types { get; private set; } = [];
    public List<SelectListItem> Chairs { get; private set; } = [];
    public List<SelectListItem> Others { get; private set; } = [];
    public bool Posted { get; private set; }

    public static string KeyOf(ProposedInvitee p) => p.ProfessionalId is { } id ? $"p-{id}" : $"a-{p.AgencyId}";

    public bool IsTicked(ProposedInvitee p) => Posted ? Invite.Contains(KeyOf(p)) : true;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        // The first step's "Continue" with no kind chosen sends no type at all, only its step: an error, not the same page again.
        if ((Type is not null || Step == KindStep) && Chosen is null) ShowErrors([new("type", "Select the kind of meeting")]);
        await pages.AuditReadAsync(Id, ct: ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Posted = true;
        if (!await LoadAsync(ct)) return NotFound();
        var p = new Problems();
        if (Chosen is null) p.Add("type", "Select the kind of meeting");
        var when = Forms.DateText.ReadDateTime(ScheduledFor, "scheduledFor", "The date and time of the meeting", p);
        var invitees = new List<InviteeInput>();
        var notInvited = new List<(string Key, NotInvitedInput Input)>();
        foreach (var proposal in Proposed)
        {
            var key = KeyOf(proposal);
            if (Invite.Contains(key)) invitees.Add(new InviteeInput(proposal.ProfessionalId, proposal.ProfessionalId is null ? proposal.AgencyId : null));
            else notInvited.Add((key, new NotInvitedInput(proposal.ProfessionalId, proposal.ProfessionalId is null ? proposal.AgencyId : null, NotInvitedReason.GetValueOrDefault(key))));
        }
        if (AlsoInvite is { } extra && !invitees.Any(i => i.ProfessionalId == extra)) invitees.Add(new InviteeInput(extra));
        if (p.Any)
        {
            ShowErrors(p.Errors);
            return Page();
        }
        var outcome = await meetings.ScheduleAsync(Case.PartnershipId, new ScheduleMeetingInput
        {
            ChildId = Id, Type = Chosen, ScheduledFor = when, ChairProfessionalId = ChairProfessionalId, OrganiserProfessionalId = Case.Me,
            Invitees = invitees, NotInvited = [.. notInvited.Select(n => n.Input)],
        }, ct);
        if (!outcome.Succeeded)
        {
            // "notInvited[2].reason" is the reason box of the third proposal left unticked.
            ShowErrors(outcome.Errors.Select(e =>
            {
                for (var i = 0; i < notInvited.Count; i++)
                    if (e.Field == $"notInvited[{i}].reason") return e with { Field = $"notInvitedReason-{notInvited[i].Key}" };
                if (AlsoInvite is not null && e.Field.StartsWith($"invitees[{invitees.Count - 1}]", StringComparison.Ordinal)) return e with { Field = "alsoInvite" };
                return e;
            }));
            return Page();
        }
        await pages.AuditWriteAsync(Id, "scheduled a meeting", ct);
        return await FinishAsync("scheduled", RedirectToPage("/TeamAroundChild/Meeting", new { id = Id, meetingId = outcome.Value!.Id, done = "scheduled" }), ct);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var open = Case;
        Chosen = TeamApi.TryParse<MeetingType>(Type, out var type) ? type : null;
        Types = [.. Enum.GetValues<MeetingType>().Select(t => new SelectListItem(Core.Chronology.Labels.Of(t), Code(t), t == Chosen))];
        if (Chosen is { } chosen) Proposed = await meetings.ProposeInviteesAsync(open.PartnershipId, Id, chosen, ct);
        // Only someone who may open the child can chair the meeting or be invited to it: no one else is offered.
        Chairs = ProfessionalChoices.Selecting(await InvitableAsync(await pages.ProfessionalsAsync(open.PartnershipId, open.ChildId, "Choose the chair", [], Everyone, ct), ct), ChairProfessionalId);
        Others = ProfessionalChoices.Selecting(await InvitableAsync(await pages.ProfessionalsAsync(open.PartnershipId, open.ChildId, "No one else", [], Everyone, ct), ct), AlsoInvite);
        return true;
    }

    /// <summary>The prompt and those of these choices who may open the child (<see cref="MeetingService.MayBeInvitedAsync"/>).</summary>
    private async Task<List<SelectListItem>> InvitableAsync(List<SelectListItem> choices, CancellationToken ct)
    {
        var may = await meetings.MayBeInvitedAsync(Id, [.. choices.Select(c => Guid.TryParse(c.Value, out var id) ? id : (Guid?)null).OfType<Guid>()], ct);
        return [.. choices.Where(c => !Guid.TryParse(c.Value, out var id) || may.Contains(id))];
    }

    public static string Code(MeetingType type) => System.Text.Json.JsonSerializer.Serialize(type, Core.ChronicleJson.Options).Trim('"');
}
