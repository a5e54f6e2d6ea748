using Chronicle.Core.Persistence;
using Chronicle.Web.Learning;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Chronicle.Web.Pages.Learning;

/// <summary>
/// The independent scrutineer's view across every review: actions by status, overdue actions, actions done without
/// evidence of impact, themes that recur across reviews, and timeliness against LC-01 to LC-03.
/// </summary>
[Permission(Permissions.ScrutiniseLearning)]
public sealed class ScrutinyModel(ChronicleDb db, CurrentPartnership partnership, TimeProvider clock) : LearningPage(db, partnership, clock)
{
    public Scrutiny View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await StartAsync(ct)) return NotFound();
        View = await Scrutiny.LoadAsync(Db, PartnershipId, Today, ct);
        return Page();
    }
}
