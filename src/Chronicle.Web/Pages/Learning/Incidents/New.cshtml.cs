using Chronicle.Core.Learning;
using Chronicle.Core.Persistence;
using Chronicle.Core.Validation;
using Chronicle.Web.Learning;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Chronicle.Web.Pages.Learning.Incidents;

/// <summary>Recording a serious incident: the name the review uses, what happened, and when the local authority became aware.</summary>
[Permission(Permissions.WriteLearning)]
public sealed class NewModel(ChronicleDb db, CurrentPartnership partnership, LearningService learning, TimeProvider clock) : LearningPage(db, partnership, clock)
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public string? AwareOn { get; set; }

    protected override IReadOnlyList<string> FieldOrder => ["title", "summary", "awareOn"];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await StartAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await StartAsync(ct)) return NotFound();
        var errors = new List<FieldError>();
        var aware = ReadDate(AwareOn, "awareOn", errors, "The date the local authority became aware");
        var outcome = await learning.RecordIncidentAsync(PartnershipId, new IncidentInput(Title, Summary, aware), errors, ct);
        if (!outcome.Succeeded || errors.Count > 0)
        {
            Refuse(Forms.FieldErrors.Merge(errors, outcome.Errors));
            return Page();
        }
        return RedirectToPage("/Learning/Incidents/Incident", new { id = outcome.Value!.Id, done = Saved.IncidentRecorded });
    }
}
