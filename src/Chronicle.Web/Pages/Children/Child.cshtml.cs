using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Security;
using Chronicle.Web.Alerts;
using Chronicle.Web.Children;
using Chronicle.Web.Chronology;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chronicle.Web.Pages.Children;

/// <summary>
/// A child's summary, the first view of the record: the banner (who the child is), the open alerts as a short
/// table (one row per family event, the most urgent first) with the evidence one click away, the reminders of steps
/// under way, the team around the child and the latest entries.
/// </summary>
[Permission(Permissions.ReadChild)]
public sealed class ChildModel(ChronicleDb db, ChildAccess access, RecordAudit audit, SafeguardEngine engine, TimeProvider clock) : ChildPageModel
{
    /// <summary>How many open alerts (family events) and latest entries the summary lists; the alerts and chronology views hold the rest.</summary>
    public const int Shown = 5;
    public const int Latest = 5;

    /// <summary>The most urgent open alerts, one per family event (an alert raised for siblings by the same entries names them all).</summary>
    public IReadOnlyList<AlertGroup> OpenAlerts { get; private set; } = [];
    /// <summary>How many family events have an open alert about this child.</summary>
    public int OpenAlertCount { get; private set; }
    public DateTimeOffset Now { get; private set; }
    /// <summary>The safeguards' reminders: steps under way within their time, not alerts.</summary>
    public IReadOnlyList<ReminderView> Reminders { get; private set; } = [];
    public IReadOnlyList<ChronologyItem> LatestEntries { get; private set; } = [];
    public int EntryCount { get; private set; }
    /// <summary>What the last post did, for the success banner: "closed" (the case), "added" (the child put on record).</summary>
    [FromQuery(Name = "done")] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (partnershipId, visible) = (Case.PartnershipId, Case.Child);
        // The summary's table needs no evidence: the alert's own page shows it.
        Now = clock.GetUtcNow();
        var open = await AlertReader.OpenFamilyEventsAsync(db, access, Id, partnershipId, Now, ct);
        OpenAlertCount = open.Count;
        OpenAlerts = [.. open.Take(Shown)];
        Reminders = await Chronicle.Web.Alerts.Reminders.ForChildrenAsync(db, engine, access, [Id], partnershipId, Now, ct);
        var entries = await VisibleChronology.EntriesAsync(db, access, visible, partnershipId, null, ct);
        EntryCount = entries.Entries.Count;
        // The records of sharing stay in the chronology and on the sharing page; the latest entries are what happened.
        LatestEntries = await entries.ItemsAsync(entries.Entries.Reverse()
            .Where(e => e.Kind != EntryKinds.InformationShared.Code && e.Kind != EntryKinds.InformationAcknowledged.Code).Take(Latest), ct);
        await audit.ReadAsync([Id], visible.Basis == AccessBasis.Team ? null : $"as {visible.Basis}", ct);
        return Page();
    }
}
