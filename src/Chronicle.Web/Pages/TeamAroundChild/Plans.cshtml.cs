using Chronicle.Core.Persistence;
using Chronicle.Core.Plans;
using Chronicle.Web.Security;
using Chronicle.Web.TeamAroundChild;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.TeamAroundChild;

/// <summary>A child's plans as the user may see them: each item with its owner, due date and measure, the safety plan's contingencies, and the reviews.</summary>
[Permission(Permissions.ReadChild)]
public sealed class PlansModel(CasePages pages, PlanService plans, ChildAccess access, ChronicleDb db) : CasePageModel
{
    public IReadOnlyList<PlanResponse> Plans { get; private set; } = [];
    /// <summary>The names of the owners the plans' items have had, for the reviews that changed them.</summary>
    public Dictionary<Guid, string> Owners { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var open = Case;
        Plans = await PlanResponse.ForChildAsync(plans, db, access, open.PartnershipId, Id, ct);
        var owners = Plans.SelectMany(p => p.Reviews).SelectMany(r => r.Progress).Select(x => x.OwnerProfessionalId).OfType<Guid>().Distinct().ToList();
        Owners = await db.Professionals.AsNoTracking().Where(x => x.PartnershipId == open.PartnershipId && owners.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        await pages.AuditReadAsync(Id, ct: ct);
        return Page();
    }
}
