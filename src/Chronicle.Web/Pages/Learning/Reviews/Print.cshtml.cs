using Chronicle.Core.Learning;
using Chronicle.Core.Persistence;
using Chronicle.Web.Learning;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Chronicle.Web.Pages.Learning.Reviews;

/// <summary>The learning briefing on its own for printing: no navigation, A4, every link written out.</summary>
[Permission(Permissions.ReadLearning)]
public sealed class PrintModel(ChronicleDb db, CurrentPartnership partnership, TimeProvider clock) : LearningPage(db, partnership, clock)
{
    [FromRoute] public Guid Id { get; set; }
    public Briefing Briefing { get; private set; } = null!;
    public string PartnershipName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await StartAsync(ct) || await ReviewAsync(Id, ct) is not { } record || record.Review.Status == ReviewStatus.Draft) return NotFound();
        PartnershipName = Partnership.Name;
        var origin = $"{Request.Scheme}://{Request.Host}";
        // Absolute addresses, so that a printed link can still be typed in.
        Briefing = Briefing.From(record, $"{origin}/learning/reviews/{Id}/feedback", $"{origin}/learning/reviews/{Id}");
        Briefing = Briefing with { Sections = [.. Briefing.Sections.Select(s => s with { Points = [.. s.Points.Select(p => p.Href is { } h && h.StartsWith('/') ? p with { Href = origin + h } : p)] })] };
        return Page();
    }
}
