using Chronicle.Core.Actions;
using Chronicle.Core.Persistence;
using Chronicle.Core.Record;
using Chronicle.Core.Security;
using Chronicle.Core.Sharing;
using Chronicle.Core.Time;
using Chronicle.Core.Validation;
using Chronicle.Web.Children;
using Chronicle.Web.Learning;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages;

/// <summary>A piece of someone's own work that is not a child's record: where it is (if it has a page), and how much is waiting there.</summary>
public sealed record WorkLink(string? Page, string Text, string Detail);

/// <summary>
/// The home page, a work tray by role. Someone who works with children sees what needs them today, the children
/// they work with (children only, not siblings now adults) and, for a team manager, the team's caseload and
/// escalations; with a search among the children they may see, and, for a lead professional, break-glass access to
/// their children by others. The business unit, reviewers, information governance and administrators land on their
/// own work instead.
/// </summary>
[Permission(Permissions.ListChildren)]
public sealed class IndexModel(ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, ChildAccess access, RecordAudit audit, BreakGlassFlags flags,
    SharingService sharing, ActionService actions, TimeProvider clock) : PageModel
{
    public string? PartnershipName { get; private set; }
    public bool WorksWithChildren { get; private set; }
    public bool IsManager { get; private set; }
    public bool IsFrontDoor { get; private set; }
    public WorkTray.Tray? Tray { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public IReadOnlyList<WorkLink> OtherWork { get; private set; } = [];
    /// <summary>The business unit's work in the learning cycle, what to do next; null for anyone else.</summary>
    public IReadOnlyList<TrayList>? LearningCycle { get; private set; }
    /// <summary>What needs a reviewer's or independent scrutineer's scrutiny; null for anyone else.</summary>
    public IReadOnlyList<TrayList>? ForScrutiny { get; private set; }
    public IReadOnlyList<ThemeCount> RecurringThemes { get; private set; } = [];
    public IReadOnlyList<ChildSummary> Children { get; private set; } = [];
    public IReadOnlyList<BreakGlassNotice> BreakGlassOnMyChildren { get; private set; } = [];

    /// <summary>The page of the front door's contacts waiting for a decision.</summary>
    [FromQuery(Name = "contacts")] public int ContactsPage { get; set; } = 1;

    /// <summary>The page of the front door's children waiting for allocation.</summary>
    [FromQuery(Name = "allocation")] public int AllocationPage { get; set; } = 1;

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? DateOfBirth { get; set; }
    [BindProperty] public string? NhsNumber { get; set; }
    public bool Searched { get; private set; }
    public ChildSearchQuery? Query { get; private set; }
    public IReadOnlyList<Person> Results { get; private set; } = [];
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>What a write that ended the user's access to its child recorded (<see cref="Chronicle.Web.TeamAroundChild.AccessEnded"/>), said once.</summary>
    public string? AccessEnded { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // TempData is read only when a write left its cookie: reading it otherwise would add a cookie to every page.
        if (Request.Cookies.ContainsKey(Microsoft.AspNetCore.Mvc.ViewFeatures.CookieTempDataProvider.CookieName))
            AccessEnded = TempData[Chronicle.Web.TeamAroundChild.AccessEnded.Key] as string;
        if (!await LoadAsync(ct)) return;
        await ListAsync(ct);
    }

    /// <summary>The search: a POST, so that names and NHS numbers stay out of addresses, histories and logs.</summary>
    public async Task OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return;
        Searched = true;
        var query = ChildSearch.Parse(Name, DateOfBirth, NhsNumber);
        Errors = query.Errors;
        ViewData["HasErrors"] = Errors.Count > 0;
        if (!query.Succeeded)
        {
            await ListAsync(ct);
            return;
        }
        Query = query.Value;
        var visible = (await access.VisibleChildrenAsync(ct)).Select(v => v.ChildId).ToList();
        Results = await ChildSearch.FindAsync(db, partnership.Id, Query!, visible, ct);
        await audit.ReadAsync([.. Results.Select(r => r.Id)], Results.Count == 0 ? "search: no visible child matched" : "search result", ct);
    }

    private async Task ListAsync(CancellationToken ct)
    {
        var user = await currentUser.RequireAsync(ct);
        if (user.WorksWithChildren && user.Professional is not null)
        {
            Now = clock.GetUtcNow();
            Tray = await WorkTray.Tray.LoadAsync(db, partnership.Id, user, access, sharing, actions, Now, ContactsPage, AllocationPage, ct);
            await audit.ReadAsync([.. Tray.Children.Shown.Select(c => c.Id).Union(Tray.Waiting?.Shown.Select(c => c.Id) ?? []).Union(Tray.WaitingForAllocation?.Shown.Select(c => c.Id) ?? [])],
                $"work tray of {Tray.Children.Total} children" + (Tray.Waiting is { } waiting ? $" and {waiting.Total} waiting for a decision" : "")
                + (Tray.WaitingForAllocation is { } unallocated ? $" and {unallocated.Total} waiting for allocation" : ""), ct);
            return;
        }
        if (user.WorksWithChildren)
        {
            var today = WorkingDayCalendar.UkDate(clock.GetUtcNow());
            Children = [.. (await ChildList.ForPartnershipAsync(db, access, partnership.Id, today, ct))
                .Where(c => !(c.Kind == PersonKind.Child && c.DateOfBirth is { } dob && dob.AddYears(18) <= today))];
            await audit.AppendAsync(Core.Audit.AuditAction.Read, detail: $"list of {Children.Count} children", ct: ct);
            return;
        }
        OtherWork = await OtherWorkAsync(user, ct);
    }

    /// <summary>The work of the roles that do not open children's records: the learning cycle, break-glass grants, accounts.</summary>
    private async Task<IReadOnlyList<WorkLink>> OtherWorkAsync(SignedInUser user, CancellationToken ct)
    {
        var links = new List<WorkLink>();
        var today = WorkingDayCalendar.UkDate(clock.GetUtcNow());
        var now = clock.GetUtcNow();
        // The learning cycle's roles each land on their own work: the business unit's next steps in the cycle, a
        // reviewer's or scrutineer's questions of evidence; someone with both roles sees both.
        if (user.Viewer.Has(Role.BusinessUnit)) LearningCycle = await LearningTray.CycleAsync(db, partnership.Id, today, ct);
        if (user.Viewer.Has(Role.Reviewer)) (ForScrutiny, RecurringThemes) = await LearningTray.ScrutinyAsync(db, partnership.Id, today, ct);
        if (user.Viewer.Has(Role.InformationGovernance))
        {
            var since = now.AddDays(-30);
            var grants = await db.BreakGlassGrants.AsNoTracking().Where(g => g.PartnershipId == partnership.Id).Select(g => new { g.GrantedAt, g.ExpiresAt }).ToListAsync(ct);
            var toReview = await flags.ToReviewCountAsync(partnership.Id, ct);
            links.Add(new WorkLink("/BreakGlass/Granted", "Break-glass access to review",
                $"{Plural(toReview, "grant")} to review; {Plural(grants.Count(g => g.GrantedAt >= since), "grant")} in the last 30 days, {grants.Count(g => g.GrantedAt <= now && now < g.ExpiresAt)} active now"));
        }
        if (user.Viewer.Has(Role.Administrator))
        {
            var accounts = await db.UserAccounts.AsNoTracking().CountAsync(a => a.PartnershipId == partnership.Id, ct);
            links.Add(new WorkLink("/Accounts", "Accounts", $"{Plural(accounts, "account")} in the partnership"));
            // Work after writes (sharing, actions, safeguard checks) that failed every attempt: its log lines name each item.
            var stopped = await Core.Chronology.ObserverWork.StoppedCountsAsync(db, partnership.Id, now, ct);
            links.Add(new WorkLink(null, "Work after writes",
                stopped.Count == 0 ? "Nothing has stopped: every write's sharing, actions and safeguard checks were done or are still being tried"
                    : $"{Plural(stopped.Values.Sum(), "item")} stopped after {Core.Chronology.ObserverWork.MaxAttempts} failed attempts " +
                      $"({string.Join(", ", stopped.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{WorkName(s.Key)}: {s.Value}"))}); the service's log names each one"));
        }
        links.Add(new WorkLink("/Safeguards/Index", "Safeguards", "What Chronicle looks for in a record, and the partnership's settings"));
        return links;
    }

    /// <summary>An observer's work as an administrator calls it.</summary>
    private static string WorkName(string work) => work switch
    {
        nameof(Core.Safeguards.SafeguardEngine) => "safeguard checks",
        nameof(Core.Sharing.SharingObserver) => "sharing",
        nameof(Core.Actions.ActionTracker) => "actions",
        _ => work,
    };

    private static string Plural(int n, string what) => $"{n} {what}{(n == 1 ? "" : "s")}";

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var found = await partnership.FindAsync(ct);
        var user = await currentUser.GetAsync(ct);
        if (found is null || user is null) return false;
        PartnershipName = found.Name;
        WorksWithChildren = user.WorksWithChildren;
        IsManager = user.Viewer.Has(Role.TeamManager);
        IsFrontDoor = user.Viewer.Has(Role.FrontDoor);
        if (user.Professional is { } me) BreakGlassOnMyChildren = await flags.ForLeadAsync(found.Id, me.Id, ct);
        return true;
    }
}
