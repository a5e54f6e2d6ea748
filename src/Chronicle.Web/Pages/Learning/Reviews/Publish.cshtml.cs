using Chronicle.Core.Learning;
using Chronicle.Core.Persistence;
using Chronicle.Core.Validation;
using Chronicle.Web.Learning;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Chronicle.Web.Pages.Learning.Reviews;

/// <summary>Recording a review's publication: it meets or misses LC-03, and its impact figures are split before and since.</summary>
[Permission(Permissions.WriteLearning)]
public sealed class PublishModel(ChronicleDb db, CurrentPartnership partnership, LearningService learning, TimeProvider clock) : LearningPage(db, partnership, clock)
{
    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public string? PublishedOn { get; set; }
    public ReviewRecord Record { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var errors = new List<FieldError>();
        var on = ReadDate(PublishedOn, "publishedOn", errors, "The date of publication");
        if (on > Today) errors.Add(new FieldError("publishedOn", "The date of publication must be today or in the past"));
        if (errors.Count > 0)
        {
            Refuse(errors);
            return Page();
        }
        var outcome = await learning.PublishAsync(PartnershipId, Id, on, ct);
        if (!outcome.Succeeded)
        {
            Refuse(outcome.Errors);
            return Page();
        }
        return RedirectToPage("/Learning/Reviews/Review", new { id = Id, done = Saved.Published });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await StartAsync(ct) || await ReviewAsync(Id, ct) is not { } record || record.Review.Status == ReviewStatus.Draft) return false;
        Record = record;
        return true;
    }
}
