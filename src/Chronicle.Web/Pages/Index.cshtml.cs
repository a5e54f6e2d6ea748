using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Chronicle.Web.Children;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chronicle.Web.Pages;

/// <summary>
/// The children the signed-in user may see: who they are, how old, who leads, how much is on record; a search among
/// them; and, for a lead professional, break-glass access to their children by others.
/// </summary>
[Permission(Permissions.ListChildren)]
public sealed class IndexModel(ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, ChildAccess access, RecordAudit audit, BreakGlassFlags flags, TimeProvider clock) : PageModel
{
    public string? PartnershipName { get; private set; }
    public bool WorksWithChildren { get; private set; }
    public IReadOnlyList<ChildSummary> Children { get; private set; } = [];
    public IReadOnlyList<BreakGlassNotice> BreakGlassOnMyChildren { get; private set; } = [];

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? DateOfBirth { get; set; }
    [BindProperty] public string? NhsNumber { get; set; }
    public bool Searched { get; private set; }
    public ChildSearchQuery? Query { get; private set; }
    public IReadOnlyList<Person> Results { get; private set; } = [];
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return;
        await ListAsync(ct);
    }

    /// <summary>The search: a POST, so that names and NHS numbers stay out of addresses, histories and logs.</summary>
    public async Task OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return;
        Searched = true;
        var query = ChildSearch.Parse(Name, DateOfBirth, NhsNumber);
        Errors = query.Errors;
        ViewData["HasErrors"] = Errors.Count > 0;
        if (!query.Succeeded)
        {
            await ListAsync(ct);
            return;
        }
        Query = query.Value;
        var visible = (await access.VisibleChildrenAsync(ct)).Select(v => v.ChildId).ToList();
        Results = await ChildSearch.FindAsync(db, partnership.Id, Query!, visible, ct);
        await audit.ReadAsync([.. Results.Select(r => r.Id)], Results.Count == 0 ? "search: no visible child matched" : "search result", ct);
    }

    private async Task ListAsync(CancellationToken ct)
    {
        Children = await ChildList.ForPartnershipAsync(db, access, partnership.Id, WorkingDayCalendar.UkDate(clock.GetUtcNow()), ct);
        await audit.AppendAsync(Core.Audit.AuditAction.Read, detail: $"list of {Children.Count} children", ct: ct);
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var found = await partnership.FindAsync(ct);
        var user = await currentUser.GetAsync(ct);
        if (found is null || user is null) return false;
        PartnershipName = found.Name;
        ViewData["Partnership"] = found.Name;
        WorksWithChildren = user.WorksWithChildren;
        if (user.Professional is { } me) BreakGlassOnMyChildren = await flags.ForLeadAsync(found.Id, me.Id, ct);
        return true;
    }
}
