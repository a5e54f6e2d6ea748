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
/// A child's chronology as the user may see it, oldest first, a page at a time (only the page is rendered), and
/// filtered by agency, kind, significance and dates. <see cref="Entry"/> opens the page that holds one entry.
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
        Total = entries.Count;
        Pages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        var index = Entry is { } entry ? entries.FindIndex(e => e.Id == entry) : -1;
        CurrentPage = index >= 0 ? index / PageSize + 1 : Math.Clamp(PageNumber ?? 1, 1, Pages);
        Shown = await chronology.ItemsAsync(entries.Skip((CurrentPage - 1) * PageSize).Take(PageSize), ct);

        // Only the agencies whose entries are in this child's chronology as the reader may see it (the whole of it, not the filtered view), and the one chosen.
        var whole = Filtered || Errors.Count > 0 ? (await VisibleChronology.EntriesAsync(db, access, visible, partnershipId, null, ct)).Entries : chronology.Entries;
        var present = whole.Select(e => e.RecordedByAgencyId).Distinct().ToList();
        var chosen = Guid.TryParse(AgencyId, out var a) ? a : (Guid?)null;
        var agencies = await db.Agencies.AsNoTracking().Where(x => x.PartnershipId == partnershipId && (present.Contains(x.Id) || x.Id == chosen)).OrderBy(x => x.Name).ToListAsync(ct);
        Agencies = [new("All agencies", ""), .. agencies.Select(x => new SelectListItem(x.Name, x.Id.ToString(), x.Id == chosen))];
        Kinds = [new("All kinds", ""), .. EntryKinds.All.OrderBy(k => k.Label).Select(k => new SelectListItem(k.Label, k.Code, k.Code == Kind))];
        Significances = [new("Any significance", ""), .. Enum.GetValues<Core.Chronology.Significance>().Select(s =>
            new SelectListItem(Labels.Of(s), s.ToString().ToLowerInvariant(), string.Equals(s.ToString(), Significance, StringComparison.OrdinalIgnoreCase)))];
        await audit.ReadAsync([Id], visible.Basis == AccessBasis.Team ? "chronology" : $"chronology as {visible.Basis}", ct);
        return Page();
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
            return GovUk.Pagination.Of(CurrentPage, Pages, Url, values);
        }
    }
}
