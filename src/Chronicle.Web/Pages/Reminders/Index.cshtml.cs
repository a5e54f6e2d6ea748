using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Time;
using Chronicle.Web.Alerts;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.Reminders;

/// <summary>
/// The safeguards' reminders about the children whose team the user is in: steps under way within their time, worked
/// out from each child's record when the page is read (never stored, never counted as alerts), a page of children at
/// a time so that the work follows what is shown, not the size of a caseload.
/// </summary>
[Permission(Permissions.ListChildren)]
public sealed class IndexModel(ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, ChildAccess access, RecordAudit audit,
    SafeguardEngine engine, TimeProvider clock) : PageModel
{
    public const int ChildrenPerPage = 25;

    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<ReminderView> Reminders { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public int ChildrenTotal { get; private set; }
    public int PageCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await currentUser.RequireAsync(ct);
        if (await partnership.FindAsync(ct) is not { } found) return NotFound();
        Now = clock.GetUtcNow();
        var today = WorkingDayCalendar.UkDate(Now);
        var team = (await access.TeamChildrenAsync(ct)).Select(v => v.ChildId).ToList();
        var children = (await db.People.AsNoTracking().Where(p => p.PartnershipId == found.Id && team.Contains(p.Id) && p.Kind != PersonKind.Adult).ToListAsync(ct))
            .Where(p => !WorkTray.Tray.IsAdult(p, today))
            .OrderBy(p => p.DisplayName, StringComparer.CurrentCulture).ThenBy(p => p.Id).ToList();
        ChildrenTotal = children.Count;
        PageCount = Math.Max(1, (children.Count + ChildrenPerPage - 1) / ChildrenPerPage);
        if (PageNumber < 1 || PageNumber > PageCount) return NotFound();
        var shown = children.Skip((PageNumber - 1) * ChildrenPerPage).Take(ChildrenPerPage).Select(p => p.Id).ToList();
        Reminders = await Chronicle.Web.Alerts.Reminders.ForChildrenAsync(db, engine, access, shown, found.Id, Now, ct);
        await audit.ReadAsync(shown, $"reminders of {shown.Count} of {ChildrenTotal} children", ct);
        return Page();
    }
}
