using Chronicle.Core.Persistence;
using Chronicle.Core.Time;
using Chronicle.Web.Children;
using Chronicle.Web.Partnerships;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chronicle.Web.Pages;

/// <summary>The partnership's children: who they are, how old, who leads, how much is on record.</summary>
public sealed class IndexModel(ChronicleDb db, CurrentPartnership partnership, TimeProvider clock) : PageModel
{
    public string? PartnershipName { get; private set; }
    public IReadOnlyList<ChildSummary> Children { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var found = await partnership.FindAsync(ct);
        if (found is null) return;
        PartnershipName = found.Name;
        ViewData["Partnership"] = found.Name;
        Children = await ChildList.ForPartnershipAsync(db, found.Id, WorkingDayCalendar.UkDate(clock.GetUtcNow()), ct);
    }
}
