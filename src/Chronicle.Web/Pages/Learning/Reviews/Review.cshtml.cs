using Chronicle.Core.Learning;
using Chronicle.Core.Persistence;
using Chronicle.Web.Learning;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Chronicle.Web.Pages.Learning.Reviews;

/// <summary>
/// A review: its facts and clocks, findings, lessons, recommendations and good practice numbered as in the source,
/// each lesson's safeguards, the response actions with their evidence, and live figures from the practice side.
/// </summary>
[Permission(Permissions.ReadLearning)]
public sealed class ReviewModel(ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, TimeProvider clock) : LearningPage(db, partnership, clock)
{
    [FromRoute] public Guid Id { get; set; }
    public ReviewRecord Record { get; private set; } = null!;
    public IReadOnlyList<SafeguardImpact> Impact { get; private set; } = [];
    public ImpactPeriod Period { get; private set; } = null!;
    public IReadOnlyList<MonthCount> Trend { get; private set; } = [];
    public bool MayWrite { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await StartAsync(ct) || await ReviewAsync(Id, ct) is not { } record) return NotFound();
        var user = await currentUser.RequireAsync(ct);
        MayWrite = LearningAccess.Manages(user);
        if (!LearningAccess.MayRead(record.Review, MayWrite)) return NotFound();
        if (record.Review.Status == ReviewStatus.Draft) return RedirectToPage("/Learning/Reviews/Draft", new { id = Id });
        Record = record;
        Period = await ImpactPeriod.OfAsync(Db, record.Review, ct);
        Impact = await ImpactFigures.ForAsync(Db, PartnershipId, record.AllSafeguards, Period, ct);
        Trend = Charts.Months(Impact.SelectMany(i => i.Trend));
        return Page();
    }
}
