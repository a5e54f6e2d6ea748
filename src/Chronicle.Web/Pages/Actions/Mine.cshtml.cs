using Chronicle.Core.Actions;
using Chronicle.Core.Validation;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Chronicle.Web.TeamAroundChild;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chronicle.Web.Pages.Actions;

/// <summary>
/// The signed-in professional's open actions, soonest due first, overdue marked; marking one done says what was done,
/// and handing one on (to the service that now holds it) says to whom and why.
/// </summary>
[Permission(Permissions.OwnWork)]
public sealed class MineModel(ActionService actions, CurrentPartnership partnership, CurrentUser currentUser, RecordAudit audit, ChildAccess access, Core.Persistence.ChronicleDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }
    [BindProperty] public Guid? ActionId { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public string? HandOnReason { get; set; }

    public IReadOnlyList<SeenAction> Actions { get; private set; } = [];
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public bool IsManager { get; private set; }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var me = await currentUser.RequireAsync(ct);
        if (await partnership.FindAsync(ct) is not { } found || me.Professional is null) return NotFound();
        var outcome = ActionId is not { } id ? Core.Validation.Outcome<TrackedAction>.Refused("actionId", "Select the action")
            : !await CaseworkApi.ActionVisibleAsync(db, access, found.Id, id, ct) ? Core.Validation.Outcome<TrackedAction>.Refused("actionId", "There is no such action")
            : await actions.CompleteAsync(found.Id, id, new CompleteActionInput(me.Professional.Id, Note), ct);
        if (!outcome.Succeeded)
        {
            Errors = [.. outcome.Errors.Select(e => e with { Field = e.Field == "note" ? $"note-{ActionId}" : e.Field })];
            ViewData["HasErrors"] = true;
            return await ShowAsync(ct);
        }
        foreach (var child in outcome.Value!.ChildIds.DefaultIfEmpty()) await audit.AppendAsync(Core.Audit.AuditAction.Write, child == Guid.Empty ? null : child, "action done", ct: ct);
        return RedirectToPage("/Actions/Mine", new { done = "done" });
    }

    public async Task<IActionResult> OnPostHandOnAsync(CancellationToken ct)
    {
        var me = await currentUser.RequireAsync(ct);
        if (await partnership.FindAsync(ct) is not { } found || me.Professional is null) return NotFound();
        var outcome = ActionId is not { } id ? Core.Validation.Outcome<TrackedAction>.Refused("actionId", "Select the action")
            : !await CaseworkApi.ActionVisibleAsync(db, access, found.Id, id, ct) ? Core.Validation.Outcome<TrackedAction>.Refused("actionId", "There is no such action")
            : await actions.HandOnAsync(found.Id, id, new HandOnInput(me.Professional.Id, To, HandOnReason), ct);
        if (!outcome.Succeeded)
        {
            Errors = [.. outcome.Errors.Select(e => e with { Field = e.Field switch { "to" => $"to-{ActionId}", "reason" => $"handOnReason-{ActionId}", _ => e.Field } })];
            ViewData["HasErrors"] = true;
            return await ShowAsync(ct);
        }
        foreach (var child in outcome.Value!.ChildIds.DefaultIfEmpty()) await audit.AppendAsync(Core.Audit.AuditAction.Write, child == Guid.Empty ? null : child, "action handed on", ct: ct);
        return RedirectToPage("/Actions/Mine", new { done = "handed-on" });
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var me = await currentUser.RequireAsync(ct);
        if (await partnership.FindAsync(ct) is not { } found || me.Professional is null) return NotFound();
        IsManager = me.Viewer.Has(Core.Security.Role.TeamManager) || me.Viewer.Has(Core.Security.Role.ConferenceChair);
        Actions = await ActionChildren.SeenAsync(access, await actions.MyActionsAsync(found.Id, me.Professional.Id, ct), ct);
        await audit.ReadAsync([.. Actions.SelectMany(a => a.Children.Visible).Select(c => c.Id).Distinct()], "my actions", ct);
        return Page();
    }
}
