using Chronicle.Core.Safeguards;
using Chronicle.Core.Time;

namespace Chronicle.Web.Alerts;

/// <summary>
/// One family event as a reader sees it: the alerts one safeguard raised about the same entries (or, with no entry,
/// the same cause) for each child it concerns, as one alert naming the children. The first alert is the most urgent;
/// acting on the group acts on each alert in it.
/// </summary>
public sealed record AlertGroup(IReadOnlyList<AlertView> Alerts)
{
    public AlertView Lead => Alerts[0];
    public Guid Id => Lead.Id;
    public string SafeguardId => Lead.Alert.SafeguardId;
    public string Title => Lead.Title;
    public bool Overdue => Alerts.Any(a => a.Overdue);
    public DateTimeOffset DueAt => Alerts.Min(a => a.Alert.DueAt);
    public DateTimeOffset RaisedAt => Alerts.Min(a => a.Alert.RaisedAt);
    public Severity Severity => Alerts.Max(a => a.Alert.Severity);
    public bool IsOpen => Alerts.Any(a => a.Alert.IsOpen);
    public bool AllAcknowledged => Alerts.All(a => a.Alert.Status != AlertStatus.Open);
    public IReadOnlyList<(Guid Id, string Name)> Children => [.. Alerts.Select(a => (a.ChildId, a.Child)).Distinct()];
    /// <summary>"Emily", "Emily and Sibling 1", "Emily, Sibling 1 and Sibling 2".</summary>
    public string ChildNames => AlertText.List([.. Children.Select(c => c.Name)]);
    public IReadOnlyList<string> Owners => [.. Alerts.Select(a => a.Owner).Distinct()];

    /// <summary>
    /// The groups among these whose lines in a list read alike: one safeguard about the same children more than once
    /// (SG-14 asks about each other child of the household apart). A list tells each of them apart by what its finding
    /// says, as the reader may see it (<see cref="AlertView.Summary"/>: a name withheld from the reader stays withheld).
    /// </summary>
    public static IReadOnlySet<Guid> ReadingAlike(IEnumerable<AlertGroup> groups) =>
        groups.GroupBy(g => (g.SafeguardId, Children: string.Join(',', g.Children.Select(c => c.Id).Order())))
            .Where(same => same.Count() > 1).SelectMany(same => same.Select(g => g.Id)).ToHashSet();

    /// <summary>
    /// What makes alerts one family event: the safeguard, the cause and the entries that caused them, all the same. A
    /// cause names no child of its own, so brothers and sisters share it; one entry can give several causes (an
    /// assessment that saw neither the mother nor the father), and each is an event of its own, acted on apart.
    /// </summary>
    public static string Key(Alert alert) => $"{alert.SafeguardId}|{alert.CauseKey}|{string.Join(',', alert.Evidence.Order())}";

    /// <summary>
    /// The alerts as family events, the most urgent first (any overdue, then the most severe, then the soonest due,
    /// then the most recently raised); within a group, each child's alert in the same order.
    /// </summary>
    /// <remarks>With <paramref name="child"/>, that child's alert leads each group it is in (the child page's view).</remarks>
    public static IReadOnlyList<AlertGroup> Of(IEnumerable<AlertView> alerts, DateTimeOffset now, Guid? child = null) =>
    [
        .. alerts.GroupBy(a => Key(a.Alert))
            .Select(g => new AlertGroup([.. AlertReader.Order(g.Select(a => a.Alert), now).Select(a => g.First(v => v.Id == a.Id)).OrderBy(v => v.ChildId != child)]))
            .OrderByDescending(g => g.IsOpen)
            .ThenByDescending(g => g.IsOpen && g.Overdue)
            .ThenByDescending(g => g.IsOpen ? (int)g.Severity : 0)
            .ThenBy(g => g.IsOpen ? g.DueAt : DateTimeOffset.MaxValue)
            .ThenByDescending(g => g.Alerts.Max(a => a.Alert.RaisedAt)),
    ];
}

/// <summary>Spans of time as people say them: "3 days overdue", "due in 2 weeks", "raised 4 months ago".</summary>
public static class Ages
{
    /// <summary>How far a due time is from now, by UK calendar day: "due today", "due tomorrow", "due in 3 days", "1 day overdue", "11 years overdue".</summary>
    public static string Due(DateTimeOffset due, DateTimeOffset now)
    {
        if (due < now)
        {
            var late = Days(due, now);
            return late == 0 ? "overdue since earlier today" : $"{Span(late)} overdue";
        }
        var days = Days(now, due);
        return days switch { 0 => "due today", 1 => "due tomorrow", _ => $"due in {Span(days)}" };
    }

    /// <summary>How long ago something happened, by UK calendar day: "raised today", "raised yesterday", "raised 2 weeks ago".</summary>
    public static string Ago(string what, DateTimeOffset at, DateTimeOffset now)
    {
        var days = Days(at, now);
        return days switch { <= 0 => $"{what} today", 1 => $"{what} yesterday", _ => $"{what} {Span(days)} ago" };
    }

    /// <summary>A number of days in the largest unit that fits whole: days under two weeks, weeks under two months, months under two years, then years.</summary>
    public static string Span(int days) => days switch
    {
        < 14 => Plural(days, "day"),
        < 61 => Plural(days / 7, "week"),
        < 730 => Plural(days * 12 / 365, "month"),
        _ => Plural(days / 365, "year"),
    };

    private static int Days(DateTimeOffset from, DateTimeOffset to) => WorkingDayCalendar.UkDate(to).DayNumber - WorkingDayCalendar.UkDate(from).DayNumber;

    private static string Plural(int n, string unit) => $"{n} {unit}{(n == 1 ? "" : "s")}";
}
