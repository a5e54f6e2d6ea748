using Chronicle.Core.Audit;
using Chronicle.Core.Persistence;
using Chronicle.Core.Validation;
using Chronicle.Web.Alerts;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chronicle.Web.Pages.Alerts;

/// <summary>A manager closes an alert without the action it asked for: the reason is required and becomes part of the record.</summary>
[Permission(Permissions.CloseAlert)]
public sealed class CloseModel(ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, ChildAccess access, RecordAudit audit, Core.Safeguards.AlertService alerts, TimeProvider clock) : PageModel
{
    public const int MaxReasonLength = 2000;

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public AlertView View { get; private set; } = null!;
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        await audit.ReadAsync([View.ChildId], $"alert {Id}", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var me = await currentUser.RequireAsync(ct);
        var outcome = Reason?.Length > MaxReasonLength
            ? Outcome<Core.Safeguards.Alert>.Refused("reason", $"The reason must be {MaxReasonLength} characters or fewer")
            : me.Professional is null
                ? Outcome<Core.Safeguards.Alert>.Refused("professionalId", "Only a professional can close an alert")
                : await alerts.CloseAsync(partnership.Id, Id, me.Professional.Id, Reason, ct);
        if (!outcome.Succeeded)
        {
            // The reason's field is on this page; anything else is about the alert as a whole.
            Errors = [.. outcome.Errors.Select(e => e.Field == "reason" ? e : e with { Field = "alert" })];
            ViewData["HasErrors"] = true;
            await audit.ReadAsync([View.ChildId], $"alert {Id}", ct);
            return Page();
        }
        await audit.AppendAsync(AuditAction.Write, View.ChildId, $"alert {Id} closed", ct: ct);
        return RedirectToPage("/Children/Alerts", null, new { id = View.ChildId, done = "closed" }, $"alert-{Id}");
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await partnership.FindAsync(ct) is not { } found) return false;
        var view = await AlertReader.OneAsync(db, access, Id, found.Id, clock.GetUtcNow(), ct);
        if (view is null) return false;
        View = view;
        return true;
    }
}
