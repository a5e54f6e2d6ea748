using Chronicle.Core.Audit;
using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Validation;
using Chronicle.Web.Alerts;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chronicle.Web.Pages.Alerts;

/// <summary>One alert, in full: why, the lesson, what to do, by when, its history; acknowledging and resolving it.</summary>
[Permission(Permissions.ActOnAlert)]
public sealed class AlertModel(ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, ChildAccess access, RecordAudit audit, AlertService alerts, TimeProvider clock) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    /// <summary>Where an action returns to: the child page, or this page.</summary>
    [BindProperty] public string? ReturnTo { get; set; }
    /// <summary>What was just done, for the confirmation.</summary>
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    public AlertCard Card { get; private set; } = null!;
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        await audit.ReadAsync([Card.View.ChildId], $"alert {Id}", ct);
        return Page();
    }

    public Task<IActionResult> OnPostAcknowledgeAsync(CancellationToken ct) =>
        ActAsync(me => alerts.AcknowledgeAsync(partnership.Id, Id, me, ct), "acknowledged", ct);

    public Task<IActionResult> OnPostResolveAsync(CancellationToken ct) =>
        ActAsync(_ => alerts.ResolveAsync(partnership.Id, Id, ct), "resolved", ct);

    private async Task<IActionResult> ActAsync(Func<Guid, Task<Outcome<Alert>>> act, string done, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var me = await currentUser.RequireAsync(ct);
        var outcome = me.Professional is null
            ? Outcome<Alert>.Refused("alertId", "Only a professional can act on an alert")
            : await act(me.Professional.Id);
        if (!outcome.Succeeded)
        {
            Errors = [.. outcome.Errors.Select(e => e with { Field = $"alert-{Id}" })];
            ViewData["HasErrors"] = true;
            await audit.ReadAsync([Card.View.ChildId], $"alert {Id}", ct);
            return Page();
        }
        await audit.AppendAsync(AuditAction.Write, Card.View.ChildId, $"alert {Id} {done}", ct: ct);
        return ReturnTo == "child" ? RedirectToPage("/Children/Alerts", null, new { id = Card.View.ChildId, done }, $"alert-{Id}") : RedirectToPage("/Alerts/Alert", new { id = Id, done });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await partnership.FindAsync(ct) is not { } found) return false;
        var view = await AlertReader.OneAsync(db, access, Id, found.Id, clock.GetUtcNow(), ct);
        if (view is null) return false;
        var user = await currentUser.RequireAsync(ct);
        Card = new AlertCard(view, view.Alert.IsOpen, view.Alert.IsOpen && ChildAlertsViewComponent.MayClose(user), "alert");
        return true;
    }
}
