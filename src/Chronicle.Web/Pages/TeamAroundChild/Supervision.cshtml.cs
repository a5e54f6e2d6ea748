using Chronicle.Core.Actions;
using Chronicle.Core.Casework;
using Chronicle.Core.Chronology.Details;
using Chronicle.Core.Persistence;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Core.Validation;
using Chronicle.Web.Security;
using Chronicle.Web.TeamAroundChild;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Chronicle.Web.Pages.TeamAroundChild;

/// <summary>Management supervision on a child's case: what has been recorded, and recording it (by the worker's manager) with its actions.</summary>
[Permission(Permissions.WorkOnCase)]
public sealed class SupervisionModel(CasePages pages, SupervisionService supervision, TeamService teams, ChildAccess access, ChronicleDb db) : CasePageModel
{
    public const int ActionRows = 2;

    [BindProperty] public Guid? SuperviseeId { get; set; }
    [BindProperty] public string? Point { get; set; }
    [BindProperty] public string? Discussion { get; set; }
    [BindProperty] public List<string?> ActionDescription { get; set; } = [];
    [BindProperty] public List<Guid?> ActionOwner { get; set; } = [];
    [BindProperty] public List<string?> ActionDue { get; set; } = [];

    public IReadOnlyList<SupervisionResponse> Recorded { get; private set; } = [];
    public List<SelectListItem> Workers { get; private set; } = [];
    public List<SelectListItem> Owners { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        await pages.AuditReadAsync(Id, ct: ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
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
            actions.Add(new ActionInput(description, owner, Forms.DateText.Read(dueText, $"actions[{actions.Count}].due", $"The due date of action {actions.Count + 1}", p)));
        }
        if (p.Any)
        {
            ShowErrors(p.Errors);
            return Page();
        }
        var outcome = await supervision.RecordAsync(Case.PartnershipId, new SupervisionInput
        {
            ChildId = Id, SuperviseeId = SuperviseeId, SupervisorId = Case.Me, Point = TeamApi.TryParse<SupervisionPoint>(Point, out var point) ? point : null,
            Discussion = Discussion, Actions = actions,
        }, ct);
        if (!outcome.Succeeded)
        {
            ShowErrors(outcome.Errors);
            return Page();
        }
        await pages.AuditWriteAsync(Id, "recorded supervision", ct);
        return await FinishAsync("supervised", RedirectToPage("/TeamAroundChild/Supervision", new { id = Id, done = "recorded" }), ct);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var open = Case;
        Recorded = await CaseworkApi.SupervisionsAsync(supervision, db, access, open.PartnershipId, Id, ct);
        var team = await teams.TeamAsync(open.PartnershipId, Id, ct: ct);
        // The worker supervised is one the user manages, or of the user's own agency: not the other agencies' members of the team.
        var agency = open.User.Professional?.AgencyId;
        Workers = [new("Choose the worker", ""), .. (team?.Members ?? []).Where(m => m.ProfessionalId is { } p && (Everyone || p == SuperviseeId || m.ManagerId == open.Me || m.AgencyId == agency))
            .Select(m => new SelectListItem($"{m.Name} ({m.AgencyName})", m.ProfessionalId.ToString(), m.ProfessionalId == SuperviseeId))];
        Owners = await pages.ProfessionalsAsync(open.PartnershipId, open.ChildId, "Choose who owns it", ActionOwner, Everyone, ct);
        return true;
    }
}
