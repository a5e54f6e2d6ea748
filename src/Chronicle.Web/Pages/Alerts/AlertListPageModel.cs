using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Validation;
using Chronicle.Web.Alerts;
using Chronicle.Web.GovUk;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Pages.Alerts;

/// <summary>
/// What the lists of alerts share (the partnership's alerts and My alerts): the filters as GET parameters, one
/// family event a card, pages of <see cref="AlertList.PageSize"/>, and the actions of each card as plain forms
/// posted back to the list (acknowledge, resolve, escalate with a reason, and for managers close with a reason); a
/// refusal is shown on the list in an error summary naming the card's field, and a success returns to the same
/// filtered page with a confirmation.
/// </summary>
public abstract class AlertListPageModel(ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, ChildAccess access, RecordAudit audit,
    AlertService alerts, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Safeguard { get; set; }
    [BindProperty(SupportsGet = true)] public string? Child { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }
    /// <summary>What was just done, for the confirmation.</summary>
    [FromQuery(Name = "done")] public string? Done { get; set; }

    /// <summary>The alerts of the family event acted on (the first names the card), and the reason given.</summary>
    [BindProperty] public List<Guid> Ids { get; set; } = [];
    [BindProperty] public string? Reason { get; set; }

    public AlertFilter Filter { get; private set; } = new(null, null, null, false, null, 1);
    public AlertListPage List { get; private set; } = new([], 0, 0, 1, 1, [], []);
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public bool MayClose { get; private set; }
    public bool MayAct { get; private set; }
    public Guid? Me { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public IReadOnlyList<SelectListItem> SafeguardItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> ChildItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> StatusItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> SortItems { get; private set; } = [];

    /// <summary>Whether each card says why the alert is the user's (My alerts).</summary>
    public virtual bool ShowWhyMine => false;

    /// <summary>Whose alerts the list holds: a professional's own, or (null) every one the user may see.</summary>
    protected abstract Task<Guid?> OwnerAsync(SignedInUser user, CancellationToken ct);

    /// <summary>What the page reads besides the list (the partnership's counts), with the partnership found.</summary>
    protected virtual Task LoadMoreAsync(ChronicleDb db, Guid partnershipId, DateTimeOffset now, CancellationToken ct) => Task.CompletedTask;

    /// <summary>The page's own words for the audit of what was shown.</summary>
    protected abstract string AuditDetail { get; }

    /// <summary>The pages of the list, each keeping the filter.</summary>
    public Pagination? Pagination => GovUk.Pagination.Of(List.Page, List.Pages, Url, Filter.Values());

    /// <summary>Where a card's form posts: this filtered page, with the handler.</summary>
    public string FormAction(string handler) => GovUk.Pagination.Address(Url, Filter.Values(), List.Page, handler);

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    /// <summary>The manager of each owner of the alerts shown (none for an owner with no manager on record).</summary>
    private Dictionary<Guid, Guid?> _managers = [];

    /// <summary>
    /// Whether escalating to the owner's manager is offered for this family event: AlertService's rule, asked of every open
    /// alert in it, as escalating the event escalates each of them or none (an owner with a manager on record, who is not
    /// the user, and not escalated to them already). A manager is not offered escalating to themselves.
    /// </summary>
    public bool MayEscalate(AlertGroup group) => group.Alerts.Where(a => a.Alert.IsOpen).ToList() is { Count: > 0 } open
        && open.All(a => a.Alert.OwnerProfessionalId is { } owner && _managers.GetValueOrDefault(owner) is { } manager && manager != Me && a.Alert.EscalatedToProfessionalId != manager);

    /// <summary>After a resolve the record did not yet answer for every child: the alert's title, and what is still needed.</summary>
    public (string Title, string Message)? NotResolved { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        return Page();
    }

    public Task<IActionResult> OnPostAcknowledgeAsync(CancellationToken ct) => ActAsync(AlertActions.Acknowledge, ct);
    public Task<IActionResult> OnPostResolveAsync(CancellationToken ct) => ActAsync(AlertActions.Resolve, ct);
    public Task<IActionResult> OnPostEscalateAsync(CancellationToken ct) => ActAsync(AlertActions.Escalate, ct);
    public Task<IActionResult> OnPostCloseAsync(CancellationToken ct) => ActAsync(AlertActions.Close, ct);

    private async Task<IActionResult> ActAsync(string action, CancellationToken ct)
    {
        if (await partnership.FindAsync(ct) is not { } found) return NotFound();
        var user = await currentUser.RequireAsync(ct);
        var result = await AlertActions.ActAsync(action, Ids, Reason, found.Id, user, db, access, audit, alerts, ct);
        if (result.NotFound) return NotFound();
        if (result.Forbidden) return StatusCode(StatusCodes.Status403Forbidden);
        if (result.Succeeded && result.StillOpenFor is { Count: > 0 } open)
        {
            if (!await LoadAsync(ct)) return NotFound();
            var resolved = result.ResolvedFor is { Count: > 0 } done ? $"Resolved for {AlertText.List(done)}. " : "";
            var title = (await db.Alerts.AsNoTracking().Where(a => a.Id == Ids[0]).Select(a => a.SafeguardId).FirstAsync(ct)) is var id && SafeguardCatalogue.Find(id) is { } s ? s.Title : "This alert";
            NotResolved = (title, $"{resolved}Not resolved yet for {AlertText.List(open)}: the record does not yet show what this alert asks for about them. Record it (What to do says what), then resolve it.");
            return Page();
        }
        if (result.Succeeded)
        {
            var values = ReadFilter().Values();
            values["done"] = action;
            return Redirect(GovUk.Pagination.Address(Url, values, PageNumber ?? 1));
        }
        if (!await LoadAsync(ct)) return NotFound();
        Errors = [.. result.Errors, .. Errors];
        ViewData["HasErrors"] = true;
        return Page();
    }

    private AlertFilter ReadFilter() => new(Safeguard, Guid.TryParse(Child, out var child) ? child : null, Status, Overdue, Sort, PageNumber ?? 1);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await partnership.FindAsync(ct) is not { } found) return false;
        var user = await currentUser.RequireAsync(ct);
        Me = user.Professional?.Id;
        MayAct = Me is not null && user.WorksWithChildren;
        MayClose = MayAct && ChildAlertsViewComponent.MayClose(user);
        Now = clock.GetUtcNow();
        Filter = ReadFilter();
        var badChild = Child is { Length: > 0 } && Filter.Child is null;
        await LoadMoreAsync(db, found.Id, Now, ct);
        List = await AlertList.LoadAsync(db, access, found.Id, Filter, await OwnerAsync(user, ct), Now, ShowWhyMine && MyAlerts.TakesUnowned(user), ct);
        Errors = [.. List.Errors, .. badChild ? [new FieldError("child", "Select a child from the list")] : Array.Empty<FieldError>()];
        if (Errors.Count > 0) ViewData["HasErrors"] = true;

        SafeguardItems = [new("All safeguards", ""), .. SafeguardCatalogue.All.Select(s => new SelectListItem(s.Title, s.Id, s.Id == Filter.Safeguard))];
        ChildItems = [new("All children", ""), .. List.Children.Select(c => new SelectListItem(c.Name, c.Id.ToString(), c.Id == Filter.Child))];
        StatusItems = [.. AlertFilter.Statuses.Select(s => new SelectListItem(s.Text, s.Value, s.Value == Filter.StatusOrDefault))];
        SortItems = [.. AlertFilter.Sorts.Select(s => new SelectListItem(s.Text, s.Value, s.Value == (Filter.Sort ?? "overdue")))];
        var owners = List.Shown.SelectMany(g => g.Alerts).Select(a => a.Alert.OwnerProfessionalId).OfType<Guid>().Distinct().ToList();
        _managers = owners.Count == 0 ? [] : await db.Professionals.AsNoTracking().Where(p => owners.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.ManagerId, ct);
        var shownChildren = List.Shown.SelectMany(g => g.Children).Select(c => c.Id).Distinct().ToList();
        await audit.ReadAsync(shownChildren, $"{AuditDetail}: {List.Shown.Sum(g => g.Alerts.Count)} shown, {List.NotShown} counted", ct);
        return true;
    }
}
