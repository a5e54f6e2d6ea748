using Chronicle.Core.Chronology;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Chronicle.Web.Children;
using Chronicle.Web.Chronology;
using Chronicle.Core.Security;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.Children;

/// <summary>One child: the people around them, addresses by agency, the professionals, and the chronology as the user may see it.</summary>
[Permission(Permissions.ReadChild)]
public sealed class ChildModel(ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, ChildAccess access, RecordAudit audit, TimeProvider clock) : PageModel
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
    public AccessBasis Basis { get; private set; }
    public DateTimeOffset? BreakGlassUntil { get; private set; }
    public bool MaySeeViewingHistory { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var found = await partnership.FindAsync(ct);
        if (found is null || await access.ChildAsync(Id, ct) is not { } visible) return NotFound();
        ViewData["Partnership"] = found.Name;
        var now = clock.GetUtcNow();
        Today = WorkingDayCalendar.UkDate(now);
        var record = await ChildRecord.LoadAsync(db, found.Id, Id, Today, ct);
        if (record is null) return NotFound();
        Record = record;
        Basis = visible.Basis;
        var user = await currentUser.RequireAsync(ct);
        MaySeeViewingHistory = AccessPolicy.ToViewingHistory(user.Viewer, visible.Facts);
        if (Basis == AccessBasis.BreakGlass)
            BreakGlassUntil = (await db.BreakGlassGrants.AsNoTracking().Where(g => g.UserId == user.Account.Id && g.ChildPersonId == Id).ToListAsync(ct))
                .Where(g => g.IsActiveAt(now)).Max(g => (DateTimeOffset?)g.ExpiresAt);

        var filter = FilterInput.Parse(AgencyId, Kind, From, To);
        Errors = filter.Errors;
        ViewData["HasErrors"] = Errors.Count > 0;
        Filtered = filter.Succeeded && filter.Value != new ChronologyFilter();
        Chronology = await VisibleChronology.ForChildAsync(db, access, visible, found.Id, filter.Succeeded ? filter.Value : null, ct);

        var agencies = await db.Agencies.AsNoTracking().Where(a => a.PartnershipId == found.Id).OrderBy(a => a.Name).ToListAsync(ct);
        Agencies = [new("All agencies", ""), .. agencies.Select(a => new SelectListItem(a.Name, a.Id.ToString(), a.Id.ToString() == AgencyId))];
        Kinds = [new("All kinds", ""), .. EntryKinds.All.OrderBy(k => k.Label).Select(k => new SelectListItem(k.Label, k.Code, k.Code == Kind))];
        await audit.ReadAsync([Id], Basis == AccessBasis.Team ? null : $"as {Basis}", ct);
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
