using Chronicle.Core.Learning;
using Chronicle.Core.Persistence;
using Chronicle.Core.Validation;
using Chronicle.Web.Learning;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Chronicle.Web.Pages.Learning.Reviews;

/// <summary>Recording that a review's 6-month timescale has slipped, and why.</summary>
[Permission(Permissions.WriteLearning)]
public sealed class SlippageModel(ChronicleDb db, CurrentPartnership partnership, LearningService learning, TimeProvider clock) : LearningPage(db, partnership, clock)
{
    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? NewExpectedOn { get; set; }
    public ReviewRecord Record { get; private set; } = null!;

    protected override IReadOnlyList<string> FieldOrder => ["reason", "newExpectedOn"];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var errors = new List<FieldError>();
        var expected = ReadDate(NewExpectedOn, "newExpectedOn", errors, "The new expected date");
        var outcome = await learning.RecordSlippageAsync(PartnershipId, Id, Reason, expected, errors, ct);
        if (!outcome.Succeeded)
        {
            Refuse(Forms.FieldErrors.Merge(errors, outcome.Errors));
            return Page();
        }
        return RedirectToPage("/Learning/Reviews/Review", new { id = Id, done = Saved.Slippage });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await StartAsync(ct) || await ReviewAsync(Id, ct) is not { } record) return false;
        Record = record;
        return true;
    }
}
