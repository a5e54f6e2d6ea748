using Chronicle.Core.Learning;
using Chronicle.Core.Persistence;
using Chronicle.Core.Validation;
using Chronicle.Web.Learning;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.Learning.Reviews;

/// <summary>Starting a review: its type, lead reviewer, the agencies it scrutinises, the period it covers, its method and the decision date (LC-03 runs 6 months from it).</summary>
[Permission(Permissions.WriteLearning)]
public sealed class NewModel(ChronicleDb db, CurrentPartnership partnership, LearningService learning, TimeProvider clock) : LearningPage(db, partnership, clock)
{
    [BindProperty(SupportsGet = true)] public Guid? IncidentId { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Type { get; set; }
    [BindProperty] public string? LeadReviewer { get; set; }
    [BindProperty] public string? Agencies { get; set; }
    [BindProperty] public string? PeriodFrom { get; set; }
    [BindProperty] public string? PeriodTo { get; set; }
    [BindProperty] public string? Method { get; set; }
    [BindProperty] public string? DecidedOn { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public string? Focus { get; set; }
    public SeriousIncident? Incident { get; private set; }

    protected override IReadOnlyList<string> FieldOrder => ["title", "type", "leadReviewer", "agencies", "periodFrom", "periodTo", "method", "decidedOn", "summary", "focus"];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await StartAsync(ct)) return NotFound();
        await LoadIncidentAsync(ct);
        Title ??= Incident?.Title;
        DecidedOn ??= Incident?.DecidedOn?.ToString("d/M/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await StartAsync(ct)) return NotFound();
        await LoadIncidentAsync(ct);
        var errors = new List<FieldError>();
        var from = ReadDate(PeriodFrom, "periodFrom", errors, "The start of the period under review");
        var to = ReadDate(PeriodTo, "periodTo", errors, "The end of the period under review");
        var decided = ReadDate(DecidedOn, "decidedOn", errors, "The date of the decision");
        var type = LearningLabels.ParseEnum<ReviewType>(Type);
        var outcome = await learning.CreateReviewAsync(PartnershipId, new ReviewInput
        {
            IncidentId = IncidentId,
            Title = Title,
            Type = type,
            LeadReviewer = LeadReviewer,
            AgenciesScrutinised = (Agencies ?? "").Split('\n'),
            PeriodFrom = from,
            PeriodTo = to,
            Method = Method,
            DecidedOn = decided,
            Summary = Summary,
            Focus = Focus,
        }, errors, ct);
        if (!outcome.Succeeded)
        {
            // Each agency is one line of the one field.
            Refuse(Forms.FieldErrors.Merge(errors, outcome.Errors.Select(e => e.Field.StartsWith("agenciesScrutinised", StringComparison.Ordinal) ? e with { Field = "agencies" } : e)));
            return Page();
        }
        return RedirectToPage("/Learning/Reviews/Review", new { id = outcome.Value!.Id, done = Saved.ReviewStarted });
    }

    private async Task LoadIncidentAsync(CancellationToken ct)
    {
        if (IncidentId is { } id) Incident = await Db.SeriousIncidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.PartnershipId == PartnershipId, ct);
        if (Incident is null) IncidentId = null;
    }
}
