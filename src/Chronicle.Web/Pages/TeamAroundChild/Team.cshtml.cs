using Chronicle.Core.Persistence;
using Chronicle.Core.TeamAroundChild;
using Chronicle.Web.Security;
using Chronicle.Web.TeamAroundChild;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.TeamAroundChild;

/// <summary>The team around a child: who is in it and why, adding someone or removing them with a reason, and every change so far.</summary>
[Permission(Permissions.WorkOnCase)]
public sealed class TeamModel(CasePages pages, TeamService teams, ChildAccess access, AccessGrants grants, ChronicleDb db) : CasePageModel
{
    [BindProperty] public Guid? ProfessionalId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? AgencyId { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? RemoveKey { get; set; }
    [BindProperty] public Guid? ProposalId { get; set; }
    [BindProperty] public bool? Accept { get; set; }
    [BindProperty] public string? DecisionReason { get; set; }
    /// <summary>The team's version the form was shown with: a change made by someone else since is a conflict.</summary>
    [BindProperty] public int? TeamVersion { get; set; }

    public IReadOnlyList<ProposalView> Proposals { get; private set; } = [];

    public TeamView Team { get; private set; } = null!;
    public IReadOnlyList<TeamChange> History { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();
    public List<SelectListItem> Professionals { get; private set; } = [];
    public List<SelectListItem> Agencies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        await pages.AuditReadAsync(Id, ct: ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var granted = await grants.ChangeTeamAsync(Case.PartnershipId, new TeamChangeInput(Id, ProfessionalId, ProfessionalId is null ? AgencyId : null, Role, Reason, Case.Me, TeamVersion), true, ct);
        if (granted.Proposal is not null)
        {
            await pages.AuditWriteAsync(Id, "proposed an addition to the team around the child", ct);
            return await FinishAsync("proposed", RedirectToPage("/TeamAroundChild/Team", new { id = Id, done = "proposed" }), ct);
        }
        if (!granted.Outcome!.Succeeded)
        {
            ShowErrors(granted.Outcome.Errors);
            return Page();
        }
        await pages.AuditWriteAsync(Id, "added to the team around the child", ct);
        return await FinishAsync("added", RedirectToPage("/TeamAroundChild/Team", new { id = Id, done = "added" }), ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var member = Team.Members.FirstOrDefault(m => m.Key == RemoveKey);
        if (member is null)
        {
            ShowErrors([new("removeKey", "Select who to remove from the team")]);
            return Page();
        }
        var outcome = (await grants.ChangeTeamAsync(Case.PartnershipId, new TeamChangeInput(Id, member.ProfessionalId, member.ProfessionalId is null ? member.AgencyId : null, null, Reason, Case.Me, TeamVersion), false, ct)).Outcome!;
        if (!outcome.Succeeded)
        {
            ShowErrors(outcome.Errors.Select(e => e.Field == "reason" ? e with { Field = $"reason-{member.Key}" } : e));
            return Page();
        }
        await pages.AuditWriteAsync(Id, "removed from the team around the child", ct);
        access.Refresh();
        // Someone who removes themselves may no longer see the child.
        return await access.ChildAsync(Id, ct) is null ? RedirectToPage("/Index") : RedirectToPage("/TeamAroundChild/Team", new { id = Id, done = "removed" });
    }

    public async Task<IActionResult> OnPostDecideAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var outcome = await grants.DecideAsync(Id, ProposalId, Accept ?? false, DecisionReason, ct);
        if (!outcome.Succeeded)
        {
            ShowErrors(outcome.Errors.Select(e => e with { Field = ProposalId is { } p ? $"decision-{p}" : e.Field }));
            return Page();
        }
        await pages.AuditWriteAsync(Id, Accept == true ? "accepted a proposal that grants access" : "declined a proposal that grants access", ct);
        access.Refresh();
        return RedirectToPage("/TeamAroundChild/Team", new { id = Id, done = Accept == true ? "accepted" : "declined" });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var open = Case;
        Team = (await teams.TeamAsync(open.PartnershipId, Id, ct: ct))!;
        History = await teams.HistoryAsync(open.PartnershipId, Id, ct);
        Proposals = await grants.ForChildAsync(Id, ct);
        Names = await db.Professionals.AsNoTracking().Where(p => p.PartnershipId == open.PartnershipId).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        // Someone to add is rarely in the team already: the agency an alert names (SG-09) is offered too.
        Professionals = await pages.ProfessionalsAsync(open.PartnershipId, open.ChildId, "Choose a professional", [ProfessionalId], Everyone, AgencyId is { } named ? [named] : null, ct);
        // The agencies of the team the page shows first: nothing about whom the reader may not see.
        Agencies = Forms.AgencyChoices.Of("Or an agency, where there is no named contact",
            await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == open.PartnershipId).ToListAsync(ct), Team.Members.Select(m => m.AgencyId).ToHashSet(), AgencyId);
        return true;
    }
}
