using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Web.Alerts;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.Alerts;

/// <summary>
/// The partnership's open alerts: counts per safeguard and by severity over every child, and a list of those about
/// children the user may see, sortable by how overdue, how old or how severe, and filtered by safeguard. A child the
/// user may not see is only counted, never named.
/// </summary>
[Permission(Permissions.AlertsOverview)]
public sealed class IndexModel(ChronicleDb db, CurrentPartnership partnership, ChildAccess access, RecordAudit audit, TimeProvider clock) : PageModel
{
    public static readonly IReadOnlyList<(string Value, string Text)> Sorts = [("overdue", "Most overdue first"), ("oldest", "Oldest first"), ("severity", "Most severe first")];

    [BindProperty(SupportsGet = true)] public string? Safeguard { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }

    public sealed record SafeguardCount(string Id, string Title, int Open, int Overdue);

    public IReadOnlyList<SafeguardCount> Counts { get; private set; } = [];
    public IReadOnlyDictionary<Severity, int> BySeverity { get; private set; } = new Dictionary<Severity, int>();
    public int Total { get; private set; }
    public IReadOnlyList<AlertView> Shown { get; private set; } = [];
    /// <summary>Open alerts (matching the filter) about children the user may not see: counted only.</summary>
    public int NotShown { get; private set; }
    public IReadOnlyList<SelectListItem> SafeguardItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> SortItems { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await partnership.FindAsync(ct) is not { } found) return NotFound();
        ViewData["Partnership"] = found.Name;
        Now = clock.GetUtcNow();
        var open = await db.Alerts.AsNoTracking()
            .Where(a => a.PartnershipId == found.Id && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged)).ToListAsync(ct);
        Total = open.Count;
        Counts = [.. SafeguardCatalogue.All.Select(s => new SafeguardCount(s.Id, s.Title,
            open.Count(a => a.SafeguardId == s.Id), open.Count(a => a.SafeguardId == s.Id && a.DueAt < Now))).Where(c => c.Open > 0)];
        BySeverity = open.GroupBy(a => a.Severity).ToDictionary(g => g.Key, g => g.Count());

        if (Safeguard is { Length: > 0 } filter && SafeguardCatalogue.Find(filter) is null) Safeguard = null;
        var matching = open.Where(a => Safeguard is null || a.SafeguardId == Safeguard).ToList();
        var visible = (await access.VisibleChildrenAsync(ct)).Select(v => v.ChildId).ToHashSet();
        var shown = matching.Where(a => visible.Contains(a.SubjectPersonId));
        shown = Sort switch
        {
            "oldest" => shown.OrderBy(a => a.RaisedAt),
            "severity" => shown.OrderByDescending(a => a.Severity).ThenBy(a => a.DueAt),
            _ => shown.OrderBy(a => a.DueAt).ThenByDescending(a => a.Severity),
        };
        Shown = await AlertReader.SummariesAsync(db, [.. shown], found.Id, Now, ct);
        NotShown = matching.Count - Shown.Count;

        SafeguardItems = [new("All safeguards", ""), .. SafeguardCatalogue.All.Select(s => new SelectListItem($"{s.Id}: {s.Title}", s.Id, s.Id == Safeguard))];
        SortItems = [.. Sorts.Select(s => new SelectListItem(s.Text, s.Value, s.Value == (Sort ?? "overdue")))];
        await audit.ReadAsync([.. Shown.Select(a => a.ChildId).Distinct()], $"partnership alerts: {Shown.Count} shown, {NotShown} counted", ct);
        return Page();
    }

    public static string Age(DateTimeOffset raised, DateTimeOffset now)
    {
        var days = (int)Math.Floor((now - raised).TotalDays);
        return days switch { < 1 => "Today", 1 => "1 day", _ => $"{days} days" };
    }
}
