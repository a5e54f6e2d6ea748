using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.Alerts;

/// <summary>
/// The partnership's open alerts: counts per safeguard and by severity over every child, and a list of those about
/// children the user may see, one family event a card, filtered (safeguard, child, status, overdue), ordered and
/// paginated, each card with its actions. A child the user may not see is only counted, never named.
/// </summary>
[Permission(Permissions.AlertsOverview)]
public sealed class IndexModel(ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, ChildAccess access, RecordAudit audit, AlertService alerts, TimeProvider clock)
    : AlertListPageModel(db, partnership, currentUser, access, audit, alerts, clock)
{
    public sealed record SafeguardCount(string Id, string Title, int Open, int Overdue);

    public IReadOnlyList<SafeguardCount> Counts { get; private set; } = [];
    public IReadOnlyDictionary<Severity, int> BySeverity { get; private set; } = new Dictionary<Severity, int>();
    public int Total { get; private set; }

    protected override string AuditDetail => "partnership alerts";
    protected override Task<Guid?> OwnerAsync(SignedInUser user, CancellationToken ct) => Task.FromResult<Guid?>(null);

    protected override async Task LoadMoreAsync(ChronicleDb db, Guid partnershipId, DateTimeOffset now, CancellationToken ct)
    {
        var open = await db.Alerts.AsNoTracking()
            .Where(a => a.PartnershipId == partnershipId && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged))
            .Select(a => new { a.SafeguardId, a.Severity, a.DueAt }).ToListAsync(ct);
        Total = open.Count;
        Counts = [.. SafeguardCatalogue.All.Select(s => new SafeguardCount(s.Id, s.Title,
            open.Count(a => a.SafeguardId == s.Id), open.Count(a => a.SafeguardId == s.Id && a.DueAt < now))).Where(c => c.Open > 0)];
        BySeverity = open.GroupBy(a => a.Severity).ToDictionary(g => g.Key, g => g.Count());
    }
}
