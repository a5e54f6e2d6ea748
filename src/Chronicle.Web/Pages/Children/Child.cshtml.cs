using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Security;
using Chronicle.Web.Alerts;
using Chronicle.Web.Chronology;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.Children;

/// <summary>
/// A child's summary, the first view of the record: the banner (who the child is), the open alerts as a short
/// table with the evidence one click away, the team around the child and the latest entries.
/// </summary>
[Permission(Permissions.ReadChild)]
public sealed class ChildModel(ChronicleDb db, CurrentPartnership partnership, ChildAccess access, RecordAudit audit, TimeProvider clock) : PageModel
{
    /// <summary>How many open alerts and latest entries the summary lists; the alerts and chronology views hold the rest.</summary>
    public const int Shown = 10;
    public const int Latest = 5;

    [FromRoute] public Guid Id { get; set; }

    public string ChildName { get; private set; } = "";
    public IReadOnlyList<AlertView> OpenAlerts { get; private set; } = [];
    public int OpenAlertCount { get; private set; }
    public IReadOnlyList<ChronologyItem> LatestEntries { get; private set; } = [];
    public int EntryCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var found = await partnership.FindAsync(ct);
        if (found is null || await access.ChildAsync(Id, ct) is not { } visible) return NotFound();
        ViewData["Partnership"] = found.Name;
        ChildName = (await ChronologyReader.NamesAsync(db, found.Id, ct)).Person(Id);

        // The summary's table needs no evidence: the alert's own page shows it.
        var open = await db.Alerts.AsNoTracking()
            .Where(a => a.PartnershipId == found.Id && a.SubjectPersonId == Id && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged)).ToListAsync(ct);
        OpenAlertCount = open.Count;
        OpenAlerts = await AlertReader.SummariesAsync(db, [.. open.OrderBy(a => a.DueAt).ThenBy(a => a.RaisedAt).Take(Shown)], found.Id, clock.GetUtcNow(), ct);
        var entries = await VisibleChronology.EntriesAsync(db, access, visible, found.Id, null, ct);
        EntryCount = entries.Entries.Count;
        LatestEntries = entries.Items(entries.Entries.Reverse().Take(Latest));
        await audit.ReadAsync([Id], visible.Basis == AccessBasis.Team ? null : $"as {visible.Basis}", ct);
        return Page();
    }
}
