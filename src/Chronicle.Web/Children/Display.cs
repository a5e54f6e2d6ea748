using System.Globalization;
using Chronicle.Core.Chronology;
using Chronicle.Core.Record;
using Chronicle.Core.Time;

namespace Chronicle.Web.Children;

/// <summary>Dates, ages and sources in the words pages and the API show, in the GOV.UK style ("27 January 2015 at 10:30am").</summary>
public static class Display
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string Date(DateOnly? day) => day is { } d ? d.ToString("d MMMM yyyy", English) : "Not known";

    public static string Range(DateOnly? from, DateOnly? to) => (from, to) switch
    {
        (null, null) => "Dates not known",
        ({ } f, null) => $"From {Date(f)}",
        (null, { } t) => $"Until {Date(t)}",
        ({ } f, { } t) => $"{Date(f)} to {Date(t)}",
    };

    public static string Time(DateTimeOffset instant)
    {
        var uk = TimeZoneInfo.ConvertTime(instant, WorkingDayCalendar.UkTime);
        var time = uk.ToString(uk.Minute == 0 ? "%h" : "h:mm", English) + (uk.Hour < 12 ? "am" : "pm");
        return $"{uk.ToString("d MMMM yyyy", English)} at {time}";
    }

    /// <summary>When an entry happened, said as precisely as it is known and no more.</summary>
    public static string Occurred(ChronologyEntry entry) => Occurred(entry.OccurredAt, entry.OccurredPrecision);

    /// <summary>A moment said as precisely as it is known and no more: a day known is never given a time ("5 December 2026", not "at 9am").</summary>
    public static string Occurred(DateTimeOffset? occurredAt, DatePrecision precision)
    {
        if (occurredAt is not { } at || precision == DatePrecision.Unknown) return "Date not known";
        var day = WorkingDayCalendar.UkDate(at);
        return precision switch
        {
            DatePrecision.Exact => Time(at),
            DatePrecision.Day => Date(day),
            DatePrecision.Month => day.ToString("MMMM yyyy", English) + " (day not known)",
            DatePrecision.Year => day.ToString("yyyy", English) + " (month not known)",
            DatePrecision.Approximate => "About " + Date(day),
            _ => "Date not known",
        };
    }

    public static string Precision(DatePrecision precision) => precision switch
    {
        DatePrecision.Exact => "Exact time",
        DatePrecision.Day => "Day known",
        DatePrecision.Month => "Month known",
        DatePrecision.Year => "Year known",
        DatePrecision.Approximate => "Approximate",
        _ => "Not known",
    };

    /// <summary>
    /// Whom an entry is about, each person the reader may see by name and the others counted once: "Mother of Child A
    /// and 4 people you cannot see", never "someone you do not have access to" once per person.
    /// </summary>
    public static string About(IEnumerable<string> names)
    {
        var all = names.ToList();
        var hidden = all.Count(n => n == Names.WithheldPerson);
        var seen = all.Where(n => n != Names.WithheldPerson).ToList();
        if (hidden > 0) seen.Add(hidden == 1 ? "1 person you cannot see" : $"{hidden} people you cannot see");
        return seen.Count switch { 0 => "No one named", 1 => seen[0], _ => $"{string.Join(", ", seen[..^1])} and {seen[^1]}" };
    }

    /// <summary>Where the information comes from and how certain it is: "Reported by the mother", "Inconclusive".</summary>
    public static string Certainty(ChronologyEntry entry) =>
        entry.Source == Source.ReportedBy && entry.SourceName is { } who ? $"Reported by {who}" : Labels.Of(entry.Source);

    public static string BirthDate(Person person) => person.Kind == PersonKind.UnbornChild
        ? person.ExpectedDateOfDelivery is { } due ? $"Unborn, due {Date(due)}" : "Unborn, due date not known"
        : person.BirthDate.ToString();

    /// <summary>"4 years old", "6 weeks old", "Unborn, due 20 January 2015".</summary>
    public static string Age(Person person, DateOnly today)
    {
        if (person.Kind == PersonKind.UnbornChild) return BirthDate(person);
        if (person.DateOfBirth is not { } dob || person.DateOfBirthPrecision == DatePrecision.Unknown) return "Age not known";
        if (dob > today) return "Not yet born";
        var about = person.DateOfBirthPrecision is DatePrecision.Day or DatePrecision.Exact ? "" : "About ";
        var months = (today.Year - dob.Year) * 12 + today.Month - dob.Month - (today.Day < dob.Day ? 1 : 0);
        var days = today.DayNumber - dob.DayNumber;
        var age = months >= 24 ? Plural(months / 12, "year")
            : months >= 3 ? Plural(months, "month")
            : days >= 14 ? Plural(days / 7, "week")
            : Plural(days, "day");
        return $"{about}{age} old";
    }

    private static string Plural(int n, string unit) => $"{n} {unit}{(n == 1 ? "" : "s")}";
}
