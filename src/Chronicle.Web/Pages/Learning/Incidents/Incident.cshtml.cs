using Chronicle.Core.Learning;
using Chronicle.Core.Persistence;
using Chronicle.Core.Time;
using Chronicle.Web.Learning;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.Learning.Incidents;

/// <summary>A serious incident: notification to the national panel (LC-01), rapid review (LC-02), the decision and its rationale, and the review that followed.</summary>
[Permission(Permissions.ReadLearning)]
public sealed class IncidentModel(ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, TimeProvider clock) : LearningPage(db, partnership, clock)
{
    [FromRoute] public Guid Id { get; set; }
    public SeriousIncident Incident { get; private set; } = null!;
    public IReadOnlyList<LearningClock> Clocks { get; private set; } = [];
    public IReadOnlyList<Review> Reviews { get; private set; } = [];
    public bool MayWrite { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await StartAsync(ct)) return NotFound();
        var incident = await Db.SeriousIncidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == Id && i.PartnershipId == PartnershipId, ct);
        if (incident is null) return NotFound();
        Incident = incident;
        Clocks = [.. LearningClocks.ForIncident(incident, Today, WorkingDayCalendar.EnglandAndWales)];
        Reviews = await Db.Reviews.AsNoTracking().Where(r => r.IncidentId == Id).OrderBy(r => r.CreatedAt).ToListAsync(ct);
        var user = await currentUser.RequireAsync(ct);
        MayWrite = LearningAccess.Manages(user);
        return Page();
    }
}
