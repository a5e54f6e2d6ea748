using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Security;
using Chronicle.Core.Validation;
using Chronicle.Web.Children;
using Chronicle.Web.Chronology;
using Chronicle.Web.GovUk;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.Children;

/// <summary>
/// A child's chronology as the user may see it, newest first (or oldest first, as chosen), a page at a time (only the
/// page is rendered), one row per entry with its details a click away, and filtered by agency, kind, significance and
/// dates. <see cref="Entry"/> opens the page that holds one entry, with its details open.
/// </summary>
[Permission(Permissions.ReadChild)]
public sealed class ChronologyModel(ChronicleDb db, ChildAccess access, RecordAudit audit) : ChildPageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? AgencyId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Significance { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    /// <summary>"oldest" for oldest first; newest first otherwise.</summary>
    [BindProperty(SupportsGet = true)] public string? Order { get; set; }
    public bool OldestFirst => string.Equals(Order, "oldest", StringComparison.OrdinalIgnoreCase);
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }
    /// <summary>An entry to show: its page is opened.</summary>
    [BindProperty(SupportsGet = true)] public Guid? Entry { get; set; }
    /// <summary>What was just saved, for the confirmation: "recorded" or "corrected".</summary>
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    public IReadOnlyList<ChronologyItem> Shown { get; private set; } = [];
    public int Total { get; private set; }
    public int CurrentPage { get; private set; } = 1;
    public int Pages { get; private set; } = 1;
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public bool Filtered { get; private set; }
    public IReadOnlyList<SelectListItem> Agencies { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Kinds { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Significances { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Orders => [new("Newest first", "newest", !OldestFirst), new("Oldest first", "oldest", OldestFirst)];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (partnershipId, visible) = (Case.PartnershipId, Case.Child);
        var filter = FilterInput.Parse(AgencyId, Kind, From, To);
        var problems = new Problems();
        Core.Chronology.Significance? significance = null;
        if (!string.IsNullOrWhiteSpace(Significance))
        {
            if (Enum.TryParse<Core.Chronology.Significance>(Significance, ignoreCase: true, out var s) && Enum.IsDefined(s)) significance = s;
            else problems.Add("significance", "Select a significance from the list");
        }
        // In the order of the form's fields.
        string[] order = ["agencyId", "kind", "significance", "from", "to"];
        Errors = [.. filter.Errors.Concat(problems.Errors).OrderBy(e => Array.IndexOf(order, e.Field))];
        ViewData["HasErrors"] = Errors.Count > 0;
        Filtered = Errors.Count == 0 && (filter.Value != new ChronologyFilter() || significance is not null);

        var chronology = await VisibleChronology.EntriesAsync(db, access, visible, partnershipId, filter.Succeeded ? filter.Value : null, ct);
        var entries = significance is { } wanted && Errors.Count == 0 ? [.. chronology.Entries.Where(e => e.Significance == wanted)] : chronology.Entries.ToList();
        if (!OldestFirst) entries.Reverse();
        Total = entries.Count;
        Pages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        var index = Entry is { } entry ? entries.FindIndex(e => e.Id == entry) : -1;
        CurrentPage = index >= 0 ? index / PageSize + 1 : Math.Clamp(PageNumber ?? 1, 1, Pages);
        Shown = await chronology.ItemsAsync(entries.Skip((CurrentPage - 1) * PageSize).Take(PageSize), ct);

        // Only the agencies and kinds whose entries are in this child's chronology as the reader may see it (the whole of it, not the filtered view), and the one chosen.
        var whole = chronology.Unfiltered;
        var present = whole.Select(e => e.RecordedByAgencyId).Distinct().ToList();
        var chosen = Guid.TryParse(AgencyId, out var a) ? a : (Guid?)null;
        var agencies = await db.Agencies.AsNoTracking().Where(x => x.PartnershipId == partnershipId && (present.Contains(x.Id) || x.Id == chosen)).OrderBy(x => x.Name).ToListAsync(ct);
        Agencies = [new("All agencies", ""), .. agencies.Select(x => new SelectListItem(x.Name, x.Id.ToString(), x.Id == chosen))];
        var kinds = whole.Select(e => e.Kind).Append(Kind).ToHashSet();
        Kinds = [new("All kinds", ""), .. EntryKinds.All.Where(k => kinds.Contains(k.Code)).OrderBy(k => k.Label).Select(k => new SelectListItem(k.Label, k.Code, k.Code == Kind))];
        Significances = [new("Any significance", ""), .. Enum.GetValues<Core.Chronology.Significance>().Select(s =>
            new SelectListItem(Labels.Of(s), s.ToString().ToLowerInvariant(), string.Equals(s.ToString(), Significance, StringComparison.OrdinalIgnoreCase)))];
        await audit.ReadAsync([Id], visible.Basis == AccessBasis.Team ? "chronology" : $"chronology as {visible.Basis}", ct);
        return Page();
    }

    /// <summary>The longest summary a row shows in full; a longer one is cut at a word, and is in full in the entry's details.</summary>
    public const int LineLength = 120;

    /// <summary>What an entry records, on one line, after its kind: "child seen", not "Home visit: child seen".</summary>
    public static string Line(ChronologyItem item)
    {
        var summary = item.Summary.StartsWith(item.KindLabel + ": ", StringComparison.OrdinalIgnoreCase) ? item.Summary[(item.KindLabel.Length + 2)..] : item.Summary;
        summary = string.Join(' ', summary.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (summary.Length <= LineLength) return summary;
        var cut = summary.LastIndexOf(' ', LineLength);
        return summary[..(cut > LineLength / 2 ? cut : LineLength)].TrimEnd(',', ';', ':', '.', ' ') + "…";
    }

    /// <summary>The entry's details a row's line does not already say in full: nothing is printed twice.</summary>
    public static IReadOnlyList<EntryField> MoreFields(ChronologyItem item)
    {
        var line = Line(item);
        return [.. item.Fields.Where(f => !Said(line, f.Value))];
    }

    /// <summary>A text the line already holds whole (short values, "Yes", "No", are shown again rather than guessed at).</summary>
    private static bool Said(string line, string value)
    {
        var words = string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return words.Length >= 12 && line.TrimEnd('…').Contains(words, StringComparison.Ordinal);
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    /// <summary>The pages of this view, each keeping the filter.</summary>
    public Pagination? Pagination
    {
        get
        {
            var values = new RouteValueDictionary { ["id"] = Id };
            void Add(string name, string? value) { if (!string.IsNullOrWhiteSpace(value)) values[name] = value; }
            Add("agencyId", AgencyId);
            Add("kind", Kind);
            Add("significance", Significance);
            Add("from", From);
            Add("to", To);
            if (OldestFirst) values["order"] = "oldest";
            return GovUk.Pagination.Of(CurrentPage, Pages, Url, values);
        }
    }
}
