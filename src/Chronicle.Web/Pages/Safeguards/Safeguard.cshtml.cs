using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Web.Alerts;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chronicle.Web.Pages.Safeguards;

/// <summary>One safeguard explained: the lessons it carries, when it fires, what it asks for, who is told, its settings and their history.</summary>
[Permission(Permissions.SignedIn)]
public sealed class SafeguardModel(ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, PolicyService policy) : PageModel
{
    [FromRoute] public string SafeguardId { get; set; } = "";
    /// <summary>"changed" after a setting is changed, for the success banner.</summary>
    [FromQuery(Name = "done")] public string? Done { get; set; }

    public SafeguardPolicy Safeguard { get; private set; } = null!;
    public IReadOnlyList<PolicyChangeResponse> History { get; private set; } = [];
    public bool MaySetPolicy { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await partnership.FindAsync(ct) is not { } found) return NotFound();
        var catalogue = await SafeguardPolicy.LoadAsync(db, policy, found.Id, ct);
        if (catalogue.FirstOrDefault(s => s.Safeguard.Id == SafeguardId) is not { } safeguard) return NotFound();
        Safeguard = safeguard;
        var changes = (await policy.HistoryAsync(found.Id, ct)).Where(c => c.Key.StartsWith(SafeguardId + ".", StringComparison.Ordinal)).ToList();
        var names = await ChronologyReader.NamesAsync(db, found.Id, [], changes.Select(c => c.ChangedByProfessionalId), ct);
        History = [.. changes.Select(c => SafeguardPolicy.Change(c, names))];
        MaySetPolicy = SafeguardPolicy.MaySet(await currentUser.RequireAsync(ct));
        return Page();
    }
}
