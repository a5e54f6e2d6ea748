using Chronicle.Core.Persistence;
using Chronicle.Web.Alerts;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chronicle.Web.Pages.Alerts;

/// <summary>The signed-in professional's open alerts: owned by them, or escalated to them; the most overdue first.</summary>
[Permission(Permissions.MyAlerts)]
public sealed class MineModel(ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, ChildAccess access, RecordAudit audit, TimeProvider clock) : PageModel
{
    public MyAlerts Alerts { get; private set; } = new([], 0);
    public Guid? Me { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await partnership.FindAsync(ct) is not { } found) return NotFound();
        ViewData["Partnership"] = found.Name;
        var user = await currentUser.RequireAsync(ct);
        Me = user.Professional?.Id;
        Now = clock.GetUtcNow();
        Alerts = await MyAlerts.LoadAsync(db, found.Id, user, access, Now, ct);
        await audit.ReadAsync([.. Alerts.Visible.Select(a => a.ChildId).Distinct()], $"my alerts: {Alerts.Visible.Count}", ct);
        return Page();
    }
}
