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
using Microsoft.EntityFrameworkCore;

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
    /// <summary>Whether the user supervises anyone in the child's team: if not, the page shows what is recorded, not the form.</summary>
    public bool MaySupervise => Workers.Count > 1;

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
        // Only the workers the user supervises (StatutoryWork.Supervises): never another agency's.
        var members = (team?.Members ?? []).Where(m => m.ProfessionalId is not null).ToList();
        var ids = members.Select(m => m.ProfessionalId!.Value).Append(open.Me).Distinct().ToList();
        var professionals = await db.Professionals.AsNoTracking().Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id, ct);
        var me = professionals[open.Me];
        Workers = [new("Choose the worker", ""), .. members.Where(m => professionals.TryGetValue(m.ProfessionalId!.Value, out var worker) && StatutoryWork.Supervises(me, worker))
            .Select(m => new SelectListItem(m.Name, m.ProfessionalId.ToString(), m.ProfessionalId == SuperviseeId))];
        Owners = await pages.ProfessionalsAsync(open.PartnershipId, open.ChildId, "Choose who owns it", ActionOwner, Everyone, ct);
        return true;
    }
}
