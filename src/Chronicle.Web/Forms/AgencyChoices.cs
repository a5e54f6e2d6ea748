using Chronicle.Core.Record;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Chronicle.Web.Forms;

/// <summary>
/// Every agency picker: the agencies given first (the team around the child's, on the team page), then the partnership's others by name; two
/// agencies of one name are told apart by their area, and an agency that repeats another's name and area (the same
/// agency recorded twice) is offered once, the first (one given first, or the chosen one).
/// </summary>
public static class AgencyChoices
{
    public static List<SelectListItem> Of(string prompt, IEnumerable<Agency> agencies, IReadOnlySet<Guid> first, Guid? chosen)
    {
        var all = agencies.OrderBy(a => first.Contains(a.Id) ? 0 : 1).ThenBy(a => a.Id == chosen ? 0 : 1).ThenBy(a => a.Name, StringComparer.CurrentCulture).ToList();
        var labels = Labels(all);
        var seen = new HashSet<string>(StringComparer.CurrentCultureIgnoreCase);
        var items = new List<SelectListItem> { new(prompt, "") };
        foreach (var a in all)
            if (seen.Add(labels[a.Id])) items.Add(new SelectListItem(labels[a.Id], a.Id.ToString(), a.Id == chosen));
        return items;
    }

    /// <summary>Each agency as people are shown it: its name, and its area where another agency has the same name.</summary>
    public static IReadOnlyDictionary<Guid, string> Labels(IReadOnlyCollection<Agency> agencies)
    {
        var shared = agencies.GroupBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.CurrentCultureIgnoreCase);
        return agencies.ToDictionary(a => a.Id, a => shared.Contains(a.Name) && !string.IsNullOrWhiteSpace(a.Area) ? $"{a.Name} ({a.Area})" : a.Name);
    }
}
