using Chronicle.Core.Learning;
using Chronicle.Core.Persistence;
using Chronicle.Core.Validation;
using Chronicle.Web.Learning;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.Learning.Actions;

/// <summary>Moving a response action on: evidence of its impact (an audit, a survey, a figure from Chronicle), and its status.</summary>
[Permission(Permissions.WriteLearning)]
public sealed class ActionModel(ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, LearningService learning, TimeProvider clock) : LearningPage(db, partnership, clock)
{
    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public string? RecordedOn { get; set; }
    [BindProperty] public string? Status { get; set; }
    public ReviewRecord Record { get; private set; } = null!;
    public ActionRecord Action { get; private set; } = null!;

    protected override IReadOnlyList<string> FieldOrder => ["kind", "summary", "recordedOn", "status"];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostEvidenceAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var errors = new List<FieldError>();
        var on = ReadDate(RecordedOn, "recordedOn", errors, "The date of the evidence");
        var me = await currentUser.RequireAsync(ct);
        var outcome = await learning.AddEvidenceAsync(PartnershipId, Id,
            new EvidenceInput(LearningLabels.ParseEnum<EvidenceKind>(Kind), Summary, on, me.Professional?.Id), errors, ct);
        if (!outcome.Succeeded)
        {
            Refuse(Forms.FieldErrors.Merge(errors, outcome.Errors));
            return Page();
        }
        return RedirectToPage("/Learning/Actions/Action", new { id = Id, done = Saved.Evidence });
    }

    public async Task<IActionResult> OnPostStatusAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var outcome = await learning.SetActionStatusAsync(PartnershipId, Id, LearningLabels.ParseEnum<ActionStatus>(Status), ct: ct);
        if (!outcome.Succeeded)
        {
            Refuse(outcome.Errors);
            return Page();
        }
        return RedirectToPage("/Learning/Actions/Action", new { id = Id, done = Saved.Status });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await StartAsync(ct)) return false;
        var reviewId = await Db.ResponseActions.AsNoTracking().Where(a => a.Id == Id).Select(a => (Guid?)a.ReviewId).FirstOrDefaultAsync(ct);
        if (reviewId is null || await ReviewAsync(reviewId.Value, ct) is not { } record) return false;
        Record = record;
        Action = record.Actions.Single(a => a.Action.Id == Id);
        return true;
    }
}
