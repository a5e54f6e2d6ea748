using Chronicle.Core.Learning;
using Chronicle.Core.Persistence;
using Chronicle.Core.Validation;
using Chronicle.Web.Learning;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Chronicle.Web.Pages.Learning.Reviews;

/// <summary>Recording one act of sharing a review's learning (a newsletter, a workshop, a team briefing) with its reach.</summary>
[Permission(Permissions.WriteLearning)]
public sealed class DisseminationsModel(ChronicleDb db, CurrentPartnership partnership, LearningService learning, TimeProvider clock) : LearningPage(db, partnership, clock)
{
    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public string? Channel { get; set; }
    [BindProperty] public string? HeldOn { get; set; }
    [BindProperty] public string? Reach { get; set; }
    [BindProperty] public string? Audience { get; set; }
    [BindProperty] public string? Notes { get; set; }
    public ReviewRecord Record { get; private set; } = null!;

    protected override IReadOnlyList<string> FieldOrder => ["channel", "heldOn", "reach", "audience", "notes"];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var errors = new List<FieldError>();
        var held = ReadDate(HeldOn, "heldOn", errors, "The date it was shared");
        int? reach = null;
        if (!string.IsNullOrWhiteSpace(Reach))
        {
            if (int.TryParse(Reach.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)) reach = n;
            else errors.Add(new FieldError("reach", "Reach must be a whole number of practitioners, like 40"));
        }
        var outcome = await learning.RecordDisseminationAsync(PartnershipId, Id,
            new DisseminationInput(LearningLabels.ParseEnum<DisseminationChannel>(Channel), held, reach, Audience, Notes), errors, ct);
        if (!outcome.Succeeded || errors.Count > 0)
        {
            Refuse(Forms.FieldErrors.Merge(errors, outcome.Errors));
            return Page();
        }
        return RedirectToPage("/Learning/Reviews/Briefing", new { id = Id, done = Saved.Shared });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await StartAsync(ct) || await ReviewAsync(Id, ct) is not { } record) return false;
        Record = record;
        return true;
    }
}
