using System.Globalization;
using Chronicle.Core.Validation;

namespace Chronicle.Web.Forms;

/// <summary>
/// A date as people type one into a form in England, the one way every date field reads it: day/month/year
/// (27/1/2015, 27/01/2015, 27-1-2015 or 27 1 2015; a year of two digits is refused, as it could be either century), or as
/// the API and a browser send one (2015-01-27); and a date and time, such a date followed by the time (27/1/2015 10:30),
/// or as a browser sends one (2015-01-27T10:30).
/// </summary>
public static class DateText
{
    private static readonly string[] Formats = ["d/M/yyyy", "yyyy-MM-dd", "d-M-yyyy", "d M yyyy"];
    private static readonly string[] Times = ["H:mm", "HH:mm"];

    /// <summary>The day typed, or false when the text is not a real date; the caller says which field is wrong.</summary>
    public static bool TryParse(string? text, out DateOnly day)
    {
        day = default;
        return text is not null && DateOnly.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    /// <summary>
    /// The date and time typed, UK time; a date alone is 9am. False when the text is not a real date, or a time is
    /// given that is not a real time of day.
    /// </summary>
    public static bool TryParseDateTime(string? text, out DateTimeOffset at)
    {
        at = default;
        if (text is null) return false;
        var trimmed = text.Trim();
        var time = new TimeOnly(9, 0);
        var date = trimmed;
        if (trimmed.Contains(':', StringComparison.Ordinal))
        {
            var split = trimmed.LastIndexOfAny([' ', 'T']);
            if (split < 0 || !TimeOnly.TryParseExact(trimmed[(split + 1)..], Times, CultureInfo.InvariantCulture, DateTimeStyles.None, out time)) return false;
            date = trimmed[..split].TrimEnd();
        }
        if (!TryParse(date, out var day)) return false;
        var local = day.ToDateTime(time);
        at = new DateTimeOffset(local, Core.Time.WorkingDayCalendar.UkTime.GetUtcOffset(local));
        return true;
    }

    /// <summary>A date field's day; null when blank; an error naming the field when not a real date.</summary>
    public static DateOnly? Read(string? text, string field, string what, Problems p)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (TryParse(text, out var day)) return day;
        p.Add(field, $"{what} must be a real date, for example 27/3/2015");
        return null;
    }

    /// <summary>A date and time field's moment (a date alone is 9am, UK time); null when blank; an error naming the field when not a real date and time.</summary>
    public static DateTimeOffset? ReadDateTime(string? text, string field, string what, Problems p)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (TryParseDateTime(text, out var at)) return at;
        p.Add(field, $"{what} must be a real date and time, for example 27/3/2015 10:30");
        return null;
    }
}
