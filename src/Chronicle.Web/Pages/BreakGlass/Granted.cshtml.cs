using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chronicle.Web.Pages.BreakGlass;

/// <summary>Every break-glass grant in the partnership, newest first, with its reason: information governance's list.</summary>
[Permission(Permissions.ReadBreakGlassLog)]
public sealed class GrantedModel(BreakGlassFlags flags, CurrentPartnership partnership, TimeProvider clock) : PageModel
{
    public IReadOnlyList<BreakGlassNotice> Grants { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var found = await partnership.FindAsync(ct);
        if (found is null) return;
        Now = clock.GetUtcNow();
        Grants = await flags.AllAsync(found.Id, ct);
    }
}
