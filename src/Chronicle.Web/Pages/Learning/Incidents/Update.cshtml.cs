using Chronicle.Core.Learning;
using Chronicle.Core.Persistence;
using Chronicle.Core.Validation;
using Chronicle.Web.Learning;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.Learning.Incidents;

/// <summary>Recording the notification to the national panel, then the rapid review with its decision and rationale.</summary>
[Permission(Permissions.WriteLearning)]
public sealed class UpdateModel(ChronicleDb db, CurrentPartnership partnership, LearningService learning, TimeProvider clock) : LearningPage(db, partnership, clock)
{
    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public string? NotifiedOn { get; set; }
    [BindProperty] public string? CompletedOn { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Rationale { get; set; }
    [BindProperty] public string? DecidedOn { get; set; }
    public SeriousIncident Incident { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    protected override IReadOnlyList<string> FieldOrder => ["notifiedOn", "completedOn", "decision", "rationale", "decidedOn"];

    public async Task<IActionResult> OnPostNotificationAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var errors = new List<FieldError>();
        var date = ReadDate(NotifiedOn, "notifiedOn", errors, "The date of notification");
        if (errors.Count > 0) { Refuse(errors); return Page(); }
        var outcome = await learning.RecordNotificationAsync(PartnershipId, Id, date, ct);
        if (!outcome.Succeeded) { Refuse(outcome.Errors); return Page(); }
        return RedirectToPage("/Learning/Incidents/Incident", new { id = Id, done = Saved.Notification });
    }

    public async Task<IActionResult> OnPostRapidReviewAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var errors = new List<FieldError>();
        var completed = ReadDate(CompletedOn, "completedOn", errors, "The date the rapid review was completed");
        var decided = ReadDate(DecidedOn, "decidedOn", errors, "The date of the decision");
        var decision = LearningLabels.ParseEnum<ReviewDecision>(Decision);
        var outcome = await learning.RecordRapidReviewAsync(PartnershipId, Id, new RapidReviewInput(completed, decision, Rationale, decided), errors, ct);
        if (!outcome.Succeeded || errors.Count > 0)
        {
            Refuse(Forms.FieldErrors.Merge(errors, outcome.Errors));
            return Page();
        }
        return RedirectToPage("/Learning/Incidents/Incident", new { id = Id, done = Saved.RapidReview });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await StartAsync(ct)) return false;
        var incident = await Db.SeriousIncidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == Id && i.PartnershipId == PartnershipId, ct);
        if (incident is null) return false;
        Incident = incident;
        return true;
    }
}
