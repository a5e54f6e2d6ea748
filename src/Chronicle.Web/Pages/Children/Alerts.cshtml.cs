using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Security;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chronicle.Web.Pages.Children;

/// <summary>Every alert about a child, in full: open ones first with their actions, then acknowledged, then resolved and closed.</summary>
[Permission(Permissions.ReadChild)]
public sealed class AlertsModel(ChronicleDb db, CurrentPartnership partnership, ChildAccess access, RecordAudit audit) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    /// <summary>What was just done to an alert, for the confirmation: "acknowledged", "resolved" or "closed".</summary>
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    public string ChildName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var found = await partnership.FindAsync(ct);
        if (found is null || await access.ChildAsync(Id, ct) is not { } visible) return NotFound();
        ChildName = await ChronologyReader.PersonNameAsync(db, found.Id, Id, ct) ?? "";
        await audit.ReadAsync([Id], visible.Basis == AccessBasis.Team ? "alerts" : $"alerts as {visible.Basis}", ct);
        return Page();
    }
}
