using Chronicle.Core.Validation;
using Chronicle.Web.Children;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.BreakGlass;

/// <summary>
/// Asking for break-glass access to a child record: from a search that found nobody, or a link to a record the user
/// may not see (which still asks for the NHS number, or the name and date of birth, of that child). Nothing says
/// whether the child exists until a reason has been given.
/// </summary>
[Permission(Permissions.BreakGlass)]
public sealed class IndexModel(BreakGlassService breakGlass, Core.Persistence.ChronicleDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? ChildId { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? DateOfBirth { get; set; }
    [BindProperty] public string? NhsNumber { get; set; }
    [BindProperty] public string? Postcode { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public bool NoRecordFound { get; private set; }
    /// <summary>The records opened when an NHS number is on more than one: each, by name and date of birth.</summary>
    public IReadOnlyList<(Guid Id, string Name, DateOnly? DateOfBirth)> Opened { get; private set; } = [];
    public int Hours => (int)Math.Round(breakGlass.Duration.TotalHours);

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ChildSearchQuery? search = null;
        var errors = new List<FieldError>();
        // From a link too: the child's id alone is not enough, the child must be named exactly.
        var parsed = ChildSearch.Parse(Name, DateOfBirth, NhsNumber);
        if (parsed.Succeeded) search = parsed.Value;
        else errors.AddRange(parsed.Errors);
        var outcome = await breakGlass.RequestAsync(new BreakGlassRequest(ChildId, search, Reason, Postcode), ct);
        errors.AddRange(outcome.Errors.Where(e => !(e.Field == "search" && errors.Count > 0)));
        if (errors.Count > 0)
        {
            Errors = errors;
            ViewData["HasErrors"] = true;
            ViewData["ReasonError"] = ErrorFor("reason");
            ViewData["Reason"] = Reason;
            return Page();
        }
        if (outcome.Value!.Count == 0)
        {
            NoRecordFound = true;
            return Page();
        }
        if (outcome.Value.Count == 1) return RedirectToPage("/Children/Child", new { id = outcome.Value[0].ChildPersonId });
        var ids = outcome.Value.Select(g => g.ChildPersonId).ToList();
        Opened = [.. (await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct)).OrderBy(p => p.CreatedAt).Select(p => (p.Id, p.DisplayName, p.DateOfBirth))];
        return Page();
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;
}
