using Chronicle.Core.Learning;
using Chronicle.Core.Persistence;
using Chronicle.Core.Validation;
using Chronicle.Web.Learning;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Chronicle.Web.Pages.Learning.Reviews;

/// <summary>Adding a response action: what, which recommendation it answers, who owns it, by when, the impact expected and how we will know.</summary>
[Permission(Permissions.WriteLearning)]
public sealed class NewActionModel(ChronicleDb db, CurrentPartnership partnership, LearningService learning, TimeProvider clock) : LearningPage(db, partnership, clock)
{
    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public Guid? ItemId { get; set; }
    [BindProperty] public string? Owner { get; set; }
    [BindProperty] public string? Deadline { get; set; }
    [BindProperty] public string? ExpectedImpact { get; set; }
    [BindProperty] public string? HowWeWillKnow { get; set; }
    public ReviewRecord Record { get; private set; } = null!;

    protected override IReadOnlyList<string> FieldOrder => ["description", "itemId", "owner", "deadline", "expectedImpact", "howWeWillKnow"];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var errors = new List<FieldError>();
        var deadline = ReadDate(Deadline, "deadline", errors, "The deadline");
        var outcome = await learning.AddActionAsync(PartnershipId, Id, new ActionInput(Description, ItemId, Owner, deadline, ExpectedImpact, HowWeWillKnow), errors, ct);
        if (!outcome.Succeeded)
        {
            Refuse(Forms.FieldErrors.Merge(errors, outcome.Errors));
            return Page();
        }
        return RedirectToPage("/Learning/Reviews/Review", new { id = Id, done = Saved.ActionAdded });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await StartAsync(ct) || await ReviewAsync(Id, ct) is not { } record || record.Review.Status == ReviewStatus.Draft) return false;
        Record = record;
        return true;
    }
}
