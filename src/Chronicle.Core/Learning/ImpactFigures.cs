using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Core.Learning;

public sealed record MonthCount(DateOnly Month, int Raised);

/// <summary>
/// How a safeguard has worked in practice over a review's period: how often it fired, how many alerts were resolved
/// by the action asked for and how fast, how many a manager closed without it, how many are open, and the monthly trend.
/// </summary>
public sealed record SafeguardImpact(
    string SafeguardId, string Title, int Raised, int Resolved, int ClosedWithoutAction, int Open,
    double? MedianDaysToResolve, IReadOnlyList<MonthCount> Trend);

/// <summary>Why a review's impact figures start on the day they do.</summary>
public enum ImpactBasis
{
    /// <summary>The review was published on a day on record: the practice since its learning was issued.</summary>
    Published,
    /// <summary>The review is not yet published: the practice while it runs, since it was decided, not yet evidence of its impact.</summary>
    Decided,
    /// <summary>
    /// No publication or decision day is on record (a review held as history, whose document gives none): the practice
    /// since Chronicle began holding the review, the first day it can say came after it.
    /// </summary>
    RecordedInChronicle,
}

/// <summary>
/// What a review's impact figures count: the alerts raised from <see cref="Since"/> to the moment they are read.
/// <see cref="From"/> is the review's own day (<see cref="Basis"/> says which); <see cref="Since"/> is that day's start,
/// or the moment Chronicle began holding the partnership's records if that is later, as nothing earlier is practice
/// Chronicle saw happen (what was loaded into it as it began, stories told as they happened, is not).
/// </summary>
public sealed record ImpactPeriod(DateOnly From, ImpactBasis Basis, DateTimeOffset Since)
{
    /// <summary>Whether the figures start when the partnership began in Chronicle, later than the review's own day.</summary>
    public bool FromPartnershipStart => Since > WorkingDayCalendar.StartOfUkDay(From);

    /// <summary>
    /// The first moment whose alerts can speak of practice since the review. Never earlier: the alerts of the case the
    /// review looked at, or of any story years before, are not practice since it.
    /// </summary>
    public static ImpactPeriod Of(Review review, DateTimeOffset partnershipStart)
    {
        var (from, basis) = review.PublishedOn is { } published ? (published, ImpactBasis.Published)
            : review.Status != ReviewStatus.Published && review.DecidedOn is { } decided ? (decided, ImpactBasis.Decided)
            : (WorkingDayCalendar.UkDate(review.CreatedAt), ImpactBasis.RecordedInChronicle);
        var start = WorkingDayCalendar.StartOfUkDay(from);
        return new ImpactPeriod(from, basis, partnershipStart > start ? partnershipStart : start);
    }

    public static async Task<ImpactPeriod> OfAsync(ChronicleDb db, Review review, CancellationToken ct = default) =>
        Of(review, await db.Partnerships.AsNoTracking().Where(p => p.Id == review.PartnershipId).Select(p => p.CreatedAt).FirstAsync(ct));
}

/// <summary>Evidence of impact drawn from the practice side's own data, for the lessons a safeguard carries.</summary>
public static class ImpactFigures
{
    /// <summary>The alerts each safeguard raised in the partnership since the period's start; none before it.</summary>
    public static async Task<IReadOnlyList<SafeguardImpact>> ForAsync(ChronicleDb db, Guid partnershipId, IReadOnlyCollection<string> safeguardIds, ImpactPeriod period, CancellationToken ct = default)
    {
        var from = period.Since;
        var alerts = await db.Alerts.AsNoTracking()
            .Where(a => a.PartnershipId == partnershipId && safeguardIds.Contains(a.SafeguardId) && a.RaisedAt >= from)
            .Select(a => new { a.Id, a.SafeguardId, a.RaisedAt, a.Status }).ToListAsync(ct);
        var ids = alerts.Select(a => a.Id).ToList();
        var resolvedAt = (await db.AlertEvents.AsNoTracking().Where(e => ids.Contains(e.AlertId) && e.Type == AlertEventType.Resolved).Select(e => new { e.AlertId, e.At }).ToListAsync(ct))
            .GroupBy(e => e.AlertId).ToDictionary(g => g.Key, g => g.Min(e => e.At));
        return [.. safeguardIds.Order(StringComparer.Ordinal).Select(id =>
        {
            var mine = alerts.Where(a => a.SafeguardId == id).ToList();
            var days = mine.Where(a => resolvedAt.ContainsKey(a.Id)).Select(a => (resolvedAt[a.Id] - a.RaisedAt).TotalDays).Order().ToList();
            var trend = mine.GroupBy(a => Month(WorkingDayCalendar.UkDate(a.RaisedAt))).OrderBy(g => g.Key).Select(g => new MonthCount(g.Key, g.Count())).ToList();
            return new SafeguardImpact(
                id, SafeguardCatalogue.Find(id)?.Title ?? id, mine.Count,
                mine.Count(a => a.Status == AlertStatus.Resolved), mine.Count(a => a.Status == AlertStatus.Closed),
                mine.Count(a => a.Status is AlertStatus.Open or AlertStatus.Acknowledged),
                days.Count == 0 ? null : Median(days), trend);
        })];
    }

    private static DateOnly Month(DateOnly day) => new(day.Year, day.Month, 1);

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
