using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Web.Alerts;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chronicle.Web.Pages.Policy;

/// <summary>The partnership's safeguard policy: every setting's current value beside the catalogue default, and every change with who, when and why.</summary>
[Permission(Permissions.SignedIn)]
public sealed class IndexModel(ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, PolicyService policy) : PageModel
{
    public IReadOnlyList<SafeguardPolicy> Catalogue { get; private set; } = [];
    public IReadOnlyList<PolicyChangeResponse> History { get; private set; } = [];
    public bool MaySetPolicy { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await partnership.FindAsync(ct) is not { } found) return NotFound();
        Catalogue = [.. (await SafeguardPolicy.LoadAsync(db, policy, found.Id, ct)).Where(s => s.Settings.Count > 0)];
        var changes = await policy.HistoryAsync(found.Id, ct);
        var names = await ChronologyReader.NamesAsync(db, found.Id, [], changes.Select(c => c.ChangedByProfessionalId), ct);
        History = [.. changes.Select(c => SafeguardPolicy.Change(c, names))];
        MaySetPolicy = SafeguardPolicy.MaySet(await currentUser.RequireAsync(ct));
        return Page();
    }
}
