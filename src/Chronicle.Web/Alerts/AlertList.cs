using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Validation;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Alerts;

/// <summary>
/// A list's filters, as GET parameters so that a filtered page can be bookmarked and shared: safeguard, child, status,
/// only overdue, order and page.
/// </summary>
public sealed record AlertFilter(string? Safeguard, Guid? Child, string? Status, bool Overdue, string? Sort, int Page)
{
    public static readonly IReadOnlyList<(string Value, string Text)> Statuses =
    [
        ("open", "Open, acknowledged or not"), ("new", "Open, not yet acknowledged"), ("acknowledged", "Acknowledged, still open"),
        ("resolved", "Resolved"), ("closed", "Closed"),
    ];

    public static readonly IReadOnlyList<(string Value, string Text)> Sorts = [("overdue", "Most overdue first"), ("oldest", "Oldest first"), ("severity", "Most severe first")];

    public string StatusOrDefault => Status is { Length: > 0 } s ? s : "open";

    /// <summary>This filter as the query of a link (nothing for a filter at its default); the page is added by <see cref="GovUk.Pagination.Address"/>.</summary>
    public RouteValueDictionary Values()
    {
        var values = new RouteValueDictionary();
        if (Safeguard is { Length: > 0 }) values["safeguard"] = Safeguard;
        if (Child is { } child) values["child"] = child.ToString();
        if (Status is { Length: > 0 } && Status != "open") values["status"] = Status;
        if (Overdue) values["overdue"] = "true";
        if (Sort is { Length: > 0 } && Sort != "overdue") values["sort"] = Sort;
        return values;
    }
}

/// <summary>One page of a list of alerts as family events, with what the filters left out and the choices they offer.</summary>
public sealed record AlertListPage(
    IReadOnlyList<AlertGroup> Shown,
    int Total,
    int NotShown,
    int Page,
    int Pages,
    IReadOnlyList<(Guid Id, string Name)> Children,
    IReadOnlyList<FieldError> Errors);

/// <summary>
/// Reads alerts for a list page: only those about children the user may see are listed (the rest counted), grouped
/// into family events (<see cref="AlertGroup"/>), filtered and paginated.
/// </summary>
public static class AlertList
{
    public const int PageSize = 20;

    /// <param name="owner">For My alerts: only alerts this professional owns or that were escalated to them.</param>
    /// <param name="unowned">With <paramref name="owner"/>: also the alerts no one who may see the child owns, about children the user may see (<see cref="MyAlerts.TakesUnowned"/>).</param>
    public static async Task<AlertListPage> LoadAsync(ChronicleDb db, ChildAccess access, Guid partnershipId, AlertFilter filter, Guid? owner, DateTimeOffset now, bool unowned = false, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var safeguard = filter.Safeguard is { Length: > 0 } s ? s : null;
        if (safeguard is not null && SafeguardCatalogue.Find(safeguard) is null)
        {
            errors.Add(new FieldError("safeguard", "Select a safeguard from the list"));
            safeguard = null;
        }
        var status = filter.StatusOrDefault;
        if (!AlertFilter.Statuses.Any(x => x.Value == status))
        {
            errors.Add(new FieldError("status", "Select a status from the list"));
            status = "open";
        }
        if (filter.Sort is { Length: > 0 } sort && !AlertFilter.Sorts.Any(x => x.Value == sort)) errors.Add(new FieldError("sort", "Select an order from the list"));

        var query = db.Alerts.AsNoTracking().Where(a => a.PartnershipId == partnershipId);
        query = status switch
        {
            "new" => query.Where(a => a.Status == AlertStatus.Open),
            "acknowledged" => query.Where(a => a.Status == AlertStatus.Acknowledged),
            "resolved" => query.Where(a => a.Status == AlertStatus.Resolved),
            "closed" => query.Where(a => a.Status == AlertStatus.Closed),
            _ => query.Where(a => a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged),
        };
        if (safeguard is not null) query = query.Where(a => a.SafeguardId == safeguard);
        // A professional's own list holds only what is theirs, about children they may see now: nothing is counted unseen.
        var matching = owner is { } me ? await MyAlerts.TheirsAsync(db, access, query, me, unowned, ct) : await query.ToListAsync(ct);
        var visible = owner is null ? (await access.VisibleChildrenAsync(ct)).Select(v => v.ChildId).ToHashSet() : [.. matching.Select(a => a.SubjectPersonId)];
        var listed = matching.Where(a => visible.Contains(a.SubjectPersonId)).ToList();
        var groups = AlertGroup.Of(await AlertReader.ListedAsync(db, listed, partnershipId, now, ct), now);
        var children = groups.SelectMany(g => g.Children).Distinct().OrderBy(c => c.Name, StringComparer.CurrentCulture).ToList();

        IEnumerable<AlertGroup> shown = groups;
        if (filter.Child is { } child)
        {
            // A child the user may not see, or with no alert here, is one the list cannot offer: the same answer for both.
            if (!children.Any(c => c.Id == child)) errors.Add(new FieldError("child", "Select a child from the list"));
            else shown = shown.Where(g => g.Children.Any(c => c.Id == child));
        }
        if (filter.Overdue) shown = shown.Where(g => g.IsOpen && g.Overdue);
        shown = filter.Sort switch
        {
            "oldest" => shown.OrderBy(g => g.RaisedAt),
            "severity" => shown.OrderByDescending(g => g.Severity).ThenBy(g => g.DueAt),
            _ => shown,
        };
        var all = shown.ToList();
        var pages = Math.Max(1, (all.Count + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        return new AlertListPage(await AlertReader.WithTextsAsync(access, all.Skip((page - 1) * PageSize).Take(PageSize).ToList(), ct), all.Count, matching.Count - listed.Count, page, pages, children, errors);
    }
}
