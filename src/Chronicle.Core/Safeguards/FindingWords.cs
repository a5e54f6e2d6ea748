using System.Globalization;
using Chronicle.Core.Time;

namespace Chronicle.Core.Safeguards;

/// <summary>How a finding says when something is due: in UK time, as a reader would say it.</summary>
public static class FindingWords
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>"by the end of Monday 26 January 2015", or "by 14:30 on Monday 26 January 2015".</summary>
    public static string By(DateTimeOffset due)
    {
        var local = TimeZoneInfo.ConvertTime(due, WorkingDayCalendar.UkTime);
        return local is { Hour: 23, Minute: 59 }
            ? $"by the end of {local.ToString("dddd d MMMM yyyy", English)}"
            : $"by {local.ToString("HH:mm 'on' dddd d MMMM yyyy", English)}";
    }

    /// <summary>The day an entry happened, in UK time: "Monday 26 January 2015".</summary>
    public static string Day(CaseEntry entry) =>
        TimeZoneInfo.ConvertTime(entry.When, WorkingDayCalendar.UkTime).ToString("dddd d MMMM yyyy", English);

    /// <summary>Joins asks into one sentence: "a, b and c".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
