using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Chronicle.Web.Children;
using Chronicle.Web.Chronology;
using Chronicle.Web.Partnerships;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.Children;

/// <summary>One child: the people around them, addresses by agency, the professionals, and the chronology.</summary>
public sealed class ChildModel(ChronicleDb db, CurrentPartnership partnership, TimeProvider clock) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? AgencyId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public ChildRecord Record { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public IReadOnlyList<ChronologyItem> Chronology { get; private set; } = [];
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public bool Filtered { get; private set; }
    public IReadOnlyList<SelectListItem> Agencies { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Kinds { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var found = await partnership.FindAsync(ct);
        if (found is null) return NotFound();
        ViewData["Partnership"] = found.Name;
        Today = WorkingDayCalendar.UkDate(clock.GetUtcNow());
        var record = await ChildRecord.LoadAsync(db, found.Id, Id, Today, ct);
        if (record is null) return NotFound();
        Record = record;

        var filter = FilterInput.Parse(AgencyId, Kind, From, To);
        Errors = filter.Errors;
        ViewData["HasErrors"] = Errors.Count > 0;
        Filtered = filter.Succeeded && filter.Value != new ChronologyFilter();
        Chronology = await ChronologyReader.ForChildAsync(db, found.Id, Id, filter.Succeeded ? filter.Value : null, ct);

        var agencies = await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == found.Id).OrderBy(a => a.Name).ToListAsync(ct);
        Agencies = [new("All agencies", ""), .. agencies.Select(a => new SelectListItem(a.Name, a.Id.ToString(), a.Id.ToString() == AgencyId))];
        Kinds = [new("All kinds", ""), .. EntryKinds.All.OrderBy(k => k.Label).Select(k => new SelectListItem(k.Label, k.Code, k.Code == Kind))];
        return Page();
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    public static string Scheme(IdentifierScheme scheme) => scheme switch
    {
        IdentifierScheme.NhsNumber => "NHS number",
        IdentifierScheme.PoliceNationalComputer => "Police National Computer ID",
        IdentifierScheme.LocalAuthorityId => "Local authority ID",
        _ => Labels.Of(scheme),
    };

    public string Identifier(PersonIdentifier id) => id.Scheme == IdentifierScheme.NhsNumber ? NhsNumber.Format(id.Value) : id.Value;
}
