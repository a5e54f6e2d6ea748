using Chronicle.Core.Learning;
using Chronicle.Core.Persistence;
using Chronicle.Web.Learning;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Chronicle.Web.Pages.Learning.Reviews;

/// <summary>
/// The learning briefing generated from a review, in the seed briefings' seven sections, with how its learning has
/// been shared and what practitioners said of it. <c>/print</c> is the same briefing on its own, for A4.
/// </summary>
[Permission(Permissions.ReadLearning)]
public sealed class BriefingModel(ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, TimeProvider clock) : LearningPage(db, partnership, clock)
{
    [FromRoute] public Guid Id { get; set; }
    public ReviewRecord Record { get; private set; } = null!;
    public Briefing Briefing { get; private set; } = null!;
    public FeedbackSummary Feedback { get; private set; } = null!;
    public bool MayWrite { get; private set; }
    public string PartnershipName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await StartAsync(ct) || await ReviewAsync(Id, ct) is not { } record || record.Review.Status == ReviewStatus.Draft) return NotFound();
        Record = record;
        PartnershipName = Partnership.Name;
        var origin = $"{Request.Scheme}://{Request.Host}";
        Briefing = Briefing.From(record, $"{origin}/learning/reviews/{Id}/feedback", $"{origin}/learning/reviews/{Id}");
        Feedback = FeedbackSummary.Of(record.Feedback);
        var user = await currentUser.RequireAsync(ct);
        MayWrite = LearningAccess.Manages(user);
        return Page();
    }
}
