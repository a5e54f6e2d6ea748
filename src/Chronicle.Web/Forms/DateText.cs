using System.Globalization;

namespace Chronicle.Web.Forms;

/// <summary>
/// A date as people type one into a form in England, the one way every date field reads it: day/month/year
/// (27/1/2015, 27/01/2015, 27-1-2015 or 27 1 2015; a year of two digits is refused, as it could be either century), or as
/// the API and a browser send one (2015-01-27).
/// </summary>
public static class DateText
{
    private static readonly string[] Formats = ["d/M/yyyy", "yyyy-MM-dd", "d-M-yyyy", "d M yyyy"];

    /// <summary>The day typed, or false when the text is not a real date; the caller says which field is wrong.</summary>
    public static bool TryParse(string? text, out DateOnly day)
    {
        day = default;
        return text is not null && DateOnly.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }
}
