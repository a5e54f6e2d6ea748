using Chronicle.Core.Security;
using Chronicle.Core.Validation;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chronicle.Web.Pages.BreakGlass;

/// <summary>
/// Every break-glass grant in the partnership, newest first, with its reason: information governance's list. Each
/// grant not yet reviewed waits at the top with a form to review it (justified, or needing follow-up with a note);
/// the review is recorded once, with who made it and when, and audited.
/// </summary>
[Permission(Permissions.ReadBreakGlassLog)]
public sealed class GrantedModel(BreakGlassFlags flags, CurrentPartnership partnership, CurrentUser currentUser, TimeProvider clock) : PageModel
{
    public IReadOnlyList<BreakGlassNotice> Grants { get; private set; } = [];
    public IEnumerable<BreakGlassNotice> ToReview => Grants.Where(g => g.Review is null);
    public IEnumerable<BreakGlassNotice> Reviewed => Grants.Where(g => g.Review is not null);
    public DateTimeOffset Now { get; private set; }

    [BindProperty] public Guid? GrantId { get; set; }
    [BindProperty] public BreakGlassReviewOutcome? Outcome { get; set; }
    [BindProperty] public string? Note { get; set; }
    /// <summary>The grant just reviewed, for the confirmation.</summary>
    [BindProperty(SupportsGet = true)] public Guid? Done { get; set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var found = await partnership.FindAsync(ct);
        if (found is null) return NotFound();
        var user = await currentUser.RequireAsync(ct);
        var outcome = await flags.ReviewAsync(found.Id, user.Account.Id, GrantId ?? Guid.Empty, Outcome, Note, ct);
        if (!outcome.Succeeded)
        {
            // Each grant has its own form: an error names the field of the form it came from.
            Errors = [.. outcome.Errors.Select(e => e with { Field = FieldId(e.Field, GrantId ?? Guid.Empty) })];
            ViewData["HasErrors"] = true;
            await LoadAsync(ct);
            return Page();
        }
        return RedirectToPage("/BreakGlass/Granted", new { done = outcome.Value!.GrantId });
    }

    /// <summary>The id of a field in the form of one grant.</summary>
    public static string FieldId(string field, Guid grantId) => field == "grantId" ? $"outcome-{grantId}" : $"{field}-{grantId}";

    public string? ErrorFor(string field, Guid grantId) => GrantId == grantId ? Errors.FirstOrDefault(e => e.Field == FieldId(field, grantId))?.Message : null;

    private async Task LoadAsync(CancellationToken ct)
    {
        var found = await partnership.FindAsync(ct);
        if (found is null) return;
        Now = clock.GetUtcNow();
        Grants = await flags.AllAsync(found.Id, ct);
    }
}
