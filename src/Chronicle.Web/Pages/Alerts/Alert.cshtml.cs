using Chronicle.Core.Audit;
using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Validation;
using Chronicle.Web.Alerts;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chronicle.Web.Pages.Alerts;

/// <summary>
/// One alert, in full: what to do first, then why, the lesson, by when and its history; acknowledging and resolving
/// it. An alert of a family event is acted on as one: acknowledging or resolving it does so for each child of the event
/// the reader may see, and the page says for which children it is resolved and for which it is still open.
/// </summary>
[Permission(Permissions.ActOnAlert)]
public sealed class AlertModel(ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, ChildAccess access, RecordAudit audit, AlertService alerts, TimeProvider clock) : PageModel
{
    /// <summary>What a resolve that found nothing new on record answers: not an error, the alert simply stays open.</summary>
    public const string NotResolved = "not-resolved";

    [FromRoute] public Guid Id { get; set; }
    /// <summary>Where an action returns to: the child page, or this page.</summary>
    [BindProperty] public string? ReturnTo { get; set; }
    /// <summary>What was just done, for the confirmation.</summary>
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    public AlertCard Card { get; private set; } = null!;
    /// <summary>The alert's family event as the reader may see it: this alert first, then each other child's.</summary>
    public IReadOnlyList<AlertView> Family { get; private set; } = [];
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>The confirmation, with the children the event is now resolved for and those it is still open for.</summary>
    public AlertDone Confirmation => new(Done, Family.Any(a => a.Alert.IsOpen),
        [.. Family.Where(a => a.Alert.Status == AlertStatus.Resolved).Select(a => a.Child)],
        [.. Family.Where(a => a.Alert.IsOpen).Select(a => a.Child)]);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        await audit.ReadAsync([.. Family.Select(a => a.ChildId).Distinct()], $"alert {Id}", ct);
        return Page();
    }

    public Task<IActionResult> OnPostAcknowledgeAsync(CancellationToken ct) =>
        ActAsync(async (alert, me) => alert.Alert.Status == AlertStatus.Open ? await alerts.AcknowledgeAsync(partnership.Id, alert.Id, me, ct) : Outcome<Alert>.Ok(alert.Alert), "acknowledged", ct);

    public Task<IActionResult> OnPostResolveAsync(CancellationToken ct) =>
        ActAsync((alert, _) => alerts.ResolveAsync(partnership.Id, alert.Id, ct), "resolved", ct);

    /// <summary>
    /// Acts on each open alert of the family event. Resolving is checked child by child against the record: for a
    /// child whose record does not yet show what is asked, the alert stays open, which is an answer, not an error.
    /// </summary>
    private async Task<IActionResult> ActAsync(Func<AlertView, Guid, Task<Outcome<Alert>>> act, string done, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var me = await currentUser.RequireAsync(ct);
        var open = Family.Where(a => a.Alert.IsOpen).ToList();
        if (me.Professional is null || open.Count == 0)
        {
            Errors = [new FieldError($"alert-{Id}", me.Professional is null ? "Only a professional can act on an alert" : "This alert is already settled")];
            ViewData["HasErrors"] = true;
            await audit.ReadAsync([Card.View.ChildId], $"alert {Id}", ct);
            return Page();
        }
        var succeeded = 0;
        foreach (var alert in open)
        {
            var outcome = await act(alert, me.Professional.Id);
            if (!outcome.Succeeded) continue;
            succeeded++;
            await audit.AppendAsync(AuditAction.Write, alert.ChildId, $"alert {alert.Id} {done}", ct: ct);
        }
        if (done == "resolved" && succeeded == 0) done = NotResolved;
        return ReturnTo == "child" ? RedirectToPage("/Children/Alerts", null, new { id = Card.View.ChildId, done }, $"alert-{Id}") : RedirectToPage("/Alerts/Alert", new { id = Id, done });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await partnership.FindAsync(ct) is not { } found) return false;
        var now = clock.GetUtcNow();
        var view = await AlertReader.OneAsync(db, access, Id, found.Id, now, ct);
        if (view is null) return false;
        Family = await AlertReader.FamilyEventAsync(db, access, view.Alert, found.Id, now, ct);
        var user = await currentUser.RequireAsync(ct);
        var others = Family.Skip(1).ToList();
        // Break glass reads an alert; it never acts on one (the server refuses): nothing to do it with is offered.
        var mayAct = view.Alert.IsOpen && (await access.ChildAsync(view.ChildId, ct))?.Basis != Core.Security.AccessBasis.BreakGlass;
        Card = new AlertCard(view, mayAct, mayAct && ChildAlertsViewComponent.MayClose(user), "alert",
            others.Count == 0 ? null : AlertText.List([.. others.Select(a => a.Child)]),
            [.. others.Where(a => a.Alert.IsOpen).Select(a => a.ChildId)], Core.Casework.StatutoryWork.Leads(user.Agency?.Kind));
        return true;
    }
}
