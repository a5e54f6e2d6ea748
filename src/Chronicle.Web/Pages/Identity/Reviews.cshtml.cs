using Chronicle.Core.Identity;
using Chronicle.Core.Persistence;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.Identity;

/// <summary>The front door's review queue: possible matches from agencies' lists, and people someone may have added twice.</summary>
[Permission(Permissions.ResolveIdentity)]
public sealed class ReviewsModel(ChronicleDb db, CurrentPartnership partnership) : PageModel
{
    public IReadOnlyList<IdentityReview> Open { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await partnership.FindAsync(ct);
        Open = await db.Set<IdentityReview>().AsNoTracking().Where(r => r.PartnershipId == partnership.Id && r.Status == ReviewStatus.Open).OrderBy(r => r.CreatedAt).Take(200).ToListAsync(ct);
    }
}
