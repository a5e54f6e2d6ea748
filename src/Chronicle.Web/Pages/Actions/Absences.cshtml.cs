using Chronicle.Core.Actions;
using Chronicle.Core.Persistence;
using Chronicle.Core.Validation;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Chronicle.Web.TeamAroundChild;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.Actions;

/// <summary>
/// For managers: recording that someone they manage is absent, and moving the open actions of an absent worker to
/// someone else with the reason (Family L: delays through sickness; SG-20).
/// </summary>
[Permission(Permissions.ManageStaff)]
public sealed class AbsencesModel(ActionService actions, StaffAbsences absences, CasePages pages, ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, RecordAudit audit, ChildAccess access) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }
    /// <summary>Who is absent: chosen first, so that the covers offered are those who may cover their work.</summary>
    [BindProperty(SupportsGet = true)] public Guid? ProfessionalId { get; set; }
    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public Guid? CoveredByProfessionalId { get; set; }
    [BindProperty] public Guid? FromProfessionalId { get; set; }
    [BindProperty] public Guid? ToProfessionalId { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public IReadOnlyList<Absence> Absences { get; private set; } = [];
    /// <summary>The children of each open action (by its id) as the manager may see them.</summary>
    public IReadOnlyDictionary<Guid, SeenAction> Seen { get; private set; } = new Dictionary<Guid, SeenAction>();
    public List<SelectListItem> Staff { get; private set; } = [];
    public List<SelectListItem> Takers { get; private set; } = [];
    /// <summary>Those who may cover the chosen person's absence (StaffAbsences.MayCoverAsync), after "No one".</summary>
    public List<SelectListItem> Covers { get; private set; } = [];
    /// <summary>The name of the person chosen as absent, once chosen.</summary>
    public string? AbsentName { get; private set; }

    /// <summary>Whether who takes the actions on is chosen from the whole partnership, not only the user's agency.</summary>
    [BindProperty(SupportsGet = true)] public bool Everyone { get; set; }
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    public async Task<IActionResult> OnPostAbsenceAsync(CancellationToken ct)
    {
        var me = await currentUser.RequireAsync(ct);
        if (await partnership.FindAsync(ct) is null || me.Professional is null) return NotFound();
        var p = new Problems();
        var from = Forms.DateText.Read(From, "from", "The start of the absence", p);
        var to = Forms.DateText.Read(To, "to", "The end of the absence", p);
        if (p.Any) return await ShowAsync(ct, p.Errors);
        var outcome = await absences.RecordAsync(me, new AbsenceBody(ProfessionalId, from, to, CoveredByProfessionalId), null, ct);
        if (!outcome.Succeeded) return await ShowAsync(ct, outcome.Errors);
        await audit.AppendAsync(Core.Audit.AuditAction.Write, null, "recorded a staff absence", ct: ct);
        return RedirectToPage("/Actions/Absences", new { done = outcome.Value!.Subjects.Count == 0 ? "absence-nothing" : "absence" });
    }

    public async Task<IActionResult> OnPostReassignAsync(CancellationToken ct)
    {
        var me = await currentUser.RequireAsync(ct);
        if (await partnership.FindAsync(ct) is not { } found || me.Professional is null) return NotFound();
        var outcome = await actions.ReassignAllAsync(found.Id, new ReassignAllInput(FromProfessionalId, ToProfessionalId, me.Professional.Id, Reason), ct);
        if (!outcome.Succeeded) return await ShowAsync(ct, outcome.Errors.Select(e => e.Field is "toProfessionalId" or "reason" ? e with { Field = $"{e.Field}-{FromProfessionalId}" } : e));
        await audit.AppendAsync(Core.Audit.AuditAction.Write, null, $"reassigned {outcome.Value} actions", ct: ct);
        return RedirectToPage("/Actions/Absences", new { done = $"reassigned-{outcome.Value}" });
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct, IEnumerable<FieldError>? errors = null)
    {
        var me = await currentUser.RequireAsync(ct);
        if (await partnership.FindAsync(ct) is not { } found || me.Professional is null) return NotFound();
        Errors = [.. errors ?? []];
        ViewData["HasErrors"] = Errors.Count > 0;
        Absences = await actions.AbsencesAsync(found.Id, me.Professional.Id, ct);
        var managed = await db.Professionals.AsNoTracking().Where(x => x.PartnershipId == found.Id && x.ManagerId == me.Professional.Id).OrderBy(x => x.Name).ToListAsync(ct);
        Staff = [new("Choose who is absent", ""), .. managed.Select(x => new SelectListItem(x.Name, x.Id.ToString(), x.Id == ProfessionalId))];
        Takers = await pages.ProfessionalsAsync(found.Id, null, "Choose who takes them on", [], Everyone, ct);
        if (managed.FirstOrDefault(x => x.Id == ProfessionalId) is { } absent)
        {
            AbsentName = absent.Name;
            var offered = Takers.Select(t => Guid.TryParse(t.Value, out var id) ? id : (Guid?)null).OfType<Guid>().ToList();
            var may = await absences.MayCoverAsync(absent.Id, offered, ct);
            Covers = [new("No one", ""), .. Takers.Where(t => Guid.TryParse(t.Value, out var id) && may.Contains(id))
                .Select(t => new SelectListItem(t.Text, t.Value, t.Value == CoveredByProfessionalId?.ToString()) { Group = t.Group })];
        }
        Seen = (await ActionChildren.SeenAsync(access, [.. Absences.SelectMany(a => a.OpenActions)], ct)).ToDictionary(s => s.View.Action.Id);
        await audit.ReadAsync([.. Seen.Values.SelectMany(s => s.Children.Visible).Select(c => c.Id).Distinct()], "staff absences", ct);
        return Page();
    }
}
