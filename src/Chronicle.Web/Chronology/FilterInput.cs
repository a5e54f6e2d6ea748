using Chronicle.Core.Chronology;
using Chronicle.Core.Validation;

namespace Chronicle.Web.Chronology;

/// <summary>A chronology filter as typed into a query string or the page's form, checked field by field.</summary>
public static class FilterInput
{
    public static Outcome<ChronologyFilter> Parse(string? agencyId, string? kind, string? from, string? to)
    {
        var p = new Problems();
        Guid? agency = null;
        if (!string.IsNullOrWhiteSpace(agencyId))
        {
            if (Guid.TryParse(agencyId, out var id)) agency = id;
            else p.Add("agencyId", "Select an agency from the list");
        }
        if (!string.IsNullOrWhiteSpace(kind) && EntryKinds.Find(kind.Trim()) is null) p.Add("kind", "Select a kind of entry from the list");
        var fromDate = Date(p, "from", from, "The ‘from’ date");
        var toDate = Date(p, "to", to, "The ‘to’ date");
        if (fromDate is { } f && toDate is { } t && t < f) p.Add("to", "The ‘to’ date must be the same as or after the ‘from’ date");
        return p.Then(() => new ChronologyFilter(agency, string.IsNullOrWhiteSpace(kind) ? null : kind.Trim(), fromDate, toDate));
    }

    private static DateOnly? Date(Problems p, string field, string? value, string label)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        // As every date field in Chronicle is typed (27/1/2015), and as the API sends one (2015-01-27).
        if (Forms.DateText.TryParse(value, out var day)) return day;
        p.Add(field, $"{label} must be a real date, like 27/1/2015");
        return null;
    }
}
