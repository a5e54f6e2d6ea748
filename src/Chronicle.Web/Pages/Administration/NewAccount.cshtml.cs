using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.Validation;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.Administration;

/// <summary>
/// Adding an account for a professional: their name, agency and job, the account's roles (their job's unless chosen)
/// and a one-time password they must change when they first sign in (<see cref="AccountAdministration.CreateAsync"/>).
/// </summary>
[Permission(Permissions.Administer)]
public sealed class NewAccountModel(AccountAdministration administration, ChronicleDb db, CurrentPartnership partnership) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public Guid? AgencyId { get; set; }
    [BindProperty] public string? Job { get; set; }
    [BindProperty] public List<string> Roles { get; set; } = [];
    [BindProperty] public string? Password { get; set; }

    public List<SelectListItem> Agencies { get; private set; } = [];
    public List<SelectListItem> Jobs { get; private set; } = [];
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field || e.Field.StartsWith(field + "[", StringComparison.Ordinal))?.Message;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await partnership.FindAsync(ct) is null) return NotFound();
        await ChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await partnership.FindAsync(ct) is not { } found) return NotFound();
        var outcome = await administration.CreateAsync(found.Id, new NewAccountInput(Name, AgencyId, Job, [.. Roles], Password), ct);
        if (outcome.Succeeded) return RedirectToPage("/Administration/Account", new { id = outcome.Value!.Id, done = "added" });
        Errors = outcome.Errors;
        ViewData["HasErrors"] = true;
        Password = null;
        await ChoicesAsync(ct);
        return Page();
    }

    private async Task ChoicesAsync(CancellationToken ct)
    {
        Agencies = Forms.AgencyChoices.Of("Choose the agency", await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == partnership.Id).ToListAsync(ct), new HashSet<Guid>(), AgencyId);
        Jobs = [new("Choose the job", ""), .. Enum.GetValues<ProfessionalRole>().Select(j => (Job: j, Text: Labels.Of(j))).OrderBy(j => j.Text, StringComparer.CurrentCulture)
            .Select(j => new SelectListItem(j.Text, AccountAdministration.Named(j.Job), AccountAdministration.Named(j.Job) == Job))];
    }
}
