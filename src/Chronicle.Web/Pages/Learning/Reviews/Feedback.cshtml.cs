using Chronicle.Core.Learning;
using Chronicle.Core.Persistence;
using Chronicle.Web.Learning;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Chronicle.Web.Pages.Learning.Reviews;

/// <summary>A practitioner's feedback on a review's briefing: how useful it was and what they will do differently.</summary>
[Permission(Permissions.GiveBriefingFeedback)]
public sealed class FeedbackModel(ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, LearningService learning, TimeProvider clock) : LearningPage(db, partnership, clock)
{
    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public string? Usefulness { get; set; }
    [BindProperty] public string? PracticeChange { get; set; }
    [BindProperty] public string? Comment { get; set; }
    public ReviewRecord Record { get; private set; } = null!;
    public bool Thanked { get; private set; }

    protected override IReadOnlyList<string> FieldOrder => ["usefulness", "practiceChange", "comment"];

    public async Task<IActionResult> OnGetAsync(bool? thanks, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Thanked = thanks == true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var me = await currentUser.RequireAsync(ct);
        int? usefulness = int.TryParse(Usefulness, out var u) ? u : null;
        var outcome = await learning.GiveFeedbackAsync(PartnershipId, Id, new FeedbackInput(usefulness, PracticeChange, Comment, me.Professional?.Id), ct);
        if (!outcome.Succeeded)
        {
            Refuse(outcome.Errors);
            return Page();
        }
        return RedirectToPage("/Learning/Reviews/Feedback", new { id = Id, thanks = "true" });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await StartAsync(ct) || await ReviewAsync(Id, ct) is not { } record || record.Review.Status == ReviewStatus.Draft) return false;
        Record = record;
        return true;
    }
}
