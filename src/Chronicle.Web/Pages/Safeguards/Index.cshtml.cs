using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Web.Alerts;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chronicle.Web.Pages.Safeguards;

/// <summary>The safeguards catalogue: every safeguard, what it guards against, and how many of its alerts are open in the partnership (counts only).</summary>
[Permission(Permissions.SignedIn)]
public sealed class IndexModel(ChronicleDb db, CurrentPartnership partnership, PolicyService policy) : PageModel
{
    public IReadOnlyList<SafeguardPolicy> Catalogue { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await partnership.FindAsync(ct) is not { } found) return NotFound();
        Catalogue = await SafeguardPolicy.LoadAsync(db, policy, found.Id, ct);
        return Page();
    }
}
