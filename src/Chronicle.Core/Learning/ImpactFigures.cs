using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Learning;

public sealed record MonthCount(DateOnly Month, int Raised);

/// <summary>
/// How a safeguard has worked in practice: how often it fired, how many alerts were resolved by the action asked
/// for and how fast, how many a manager closed without it, how many are open, and the monthly trend.
/// </summary>
public sealed record SafeguardImpact(
    string SafeguardId, string Title, int Raised, int Resolved, int ClosedWithoutAction, int Open,
    double? MedianDaysToResolve, IReadOnlyList<MonthCount> Trend, int RaisedBefore, int RaisedSince);

/// <summary>Evidence of impact drawn from the practice side's own data, for the lessons a safeguard carries.</summary>
public static class ImpactFigures
{
    /// <param name="since">The review's publication date: the trend is split before and since it.</param>
    public static async Task<IReadOnlyList<SafeguardImpact>> ForAsync(ChronicleDb db, Guid partnershipId, IReadOnlyCollection<string> safeguardIds, DateOnly? since, CancellationToken ct = default)
    {
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.PartnershipId == partnershipId && safeguardIds.Contains(a.SafeguardId)).ToListAsync(ct);
        var ids = alerts.Select(a => a.Id).ToList();
        var resolvedAt = (await db.AlertEvents.AsNoTracking().Where(e => ids.Contains(e.AlertId) && e.Type == AlertEventType.Resolved).ToListAsync(ct))
            .GroupBy(e => e.AlertId).ToDictionary(g => g.Key, g => g.Min(e => e.At));
        return [.. safeguardIds.Order(StringComparer.Ordinal).Select(id =>
        {
            var mine = alerts.Where(a => a.SafeguardId == id).ToList();
            var days = mine.Where(a => resolvedAt.ContainsKey(a.Id)).Select(a => (resolvedAt[a.Id] - a.RaisedAt).TotalDays).Order().ToList();
            var trend = mine.GroupBy(a => Month(WorkingDayCalendar.UkDate(a.RaisedAt))).OrderBy(g => g.Key).Select(g => new MonthCount(g.Key, g.Count())).ToList();
            var before = since is { } s ? mine.Count(a => WorkingDayCalendar.UkDate(a.RaisedAt) < s) : 0;
            return new SafeguardImpact(
                id, SafeguardCatalogue.Find(id)?.Title ?? id, mine.Count,
                mine.Count(a => a.Status == AlertStatus.Resolved), mine.Count(a => a.Status == AlertStatus.Closed), mine.Count(a => a.IsOpen),
                days.Count == 0 ? null : Median(days), trend, before, since is null ? mine.Count : mine.Count - before);
        })];
    }

    private static DateOnly Month(DateOnly day) => new(day.Year, day.Month, 1);

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
