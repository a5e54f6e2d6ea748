using Chronicle.Core.Persistence;
using Chronicle.Core.Security;
using Chronicle.Web.Partnerships;
using Chronicle.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Chronicle.Web.Alerts;

/// <summary>An alert as a card: with its actions when the reader may act, and where an action returns to.</summary>
/// <remarks>
/// <paramref name="AlsoAbout"/>: the other children the same family event raised this alert for, whom the reader may
/// see; <paramref name="AlsoOpen"/>: those of them whose alert of the event is still open, chosen with the child on
/// the screens its steps open, so that one entry answers the event for each of them.
/// <paramref name="ClosesCases"/>: whether the reader may close the child's case (children's social care), so that a
/// step to close it is a button, or says who does it.
/// </remarks>
public sealed record AlertCard(AlertView View, bool MayAct, bool MayClose, string ReturnTo, string? AlsoAbout = null, IReadOnlyList<Guid>? AlsoOpen = null, bool ClosesCases = false)
{
    /// <summary>The screens that do what the alert asks, while it is open and the reader may act on it.</summary>
    public IReadOnlyList<NextStep> Steps => MayAct && View.Alert.IsOpen ? AlertNextSteps.For(View, AlsoOpen, ClosesCases) : [];
}

/// <summary>
/// What was just done, for the confirmation; for a step taken from one alert, whether that alert is still open, and,
/// for a family event, the children it is now resolved for and those it is still open for.
/// </summary>
public sealed record AlertDone(string? Done, bool? StillOpen = null, IReadOnlyList<string>? ResolvedFor = null, IReadOnlyList<string>? OpenFor = null);

/// <summary>A child's alerts for the top of the child page: open ones first, then acknowledged, then resolved and closed.</summary>
public sealed record ChildAlertsModel(Guid ChildId, IReadOnlyList<AlertCard> Open, IReadOnlyList<AlertCard> Acknowledged, IReadOnlyList<AlertCard> Finished);

/// <summary>
/// Renders the alerts section of the child page (Pages/Alerts/_ChildAlerts.cshtml). The child page has already
/// checked that the child is visible and audited the read; this reads only alerts on that child, and only the
/// evidence the reader may see.
/// </summary>
public sealed class ChildAlertsViewComponent(ChronicleDb db, CurrentPartnership partnership, CurrentUser currentUser, ChildAccess access, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid childId)
    {
        var ct = HttpContext.RequestAborted;
        if (await partnership.FindAsync(ct) is not { } found || await access.ChildAsync(childId, ct) is not { } child) return Content("");
        var user = await currentUser.RequireAsync(ct);
        var alerts = await AlertReader.ForChildAsync(db, access, child, found.Id, clock.GetUtcNow(), ct);
        var mayClose = MayClose(user);
        var closesCases = Core.Casework.StatutoryWork.Leads(user.Agency?.Kind);
        // Break glass reads an alert; it never acts on one (the server refuses): no step, acknowledge or resolve is offered.
        var mayAct = child.Basis != Core.Security.AccessBasis.BreakGlass;
        // An open alert raised for siblings by the same family event names them: it is one event, not one per child.
        var events = await AlertReader.OpenFamilyEventsAsync(db, access, childId, found.Id, clock.GetUtcNow(), ct);
        var siblings = events.SelectMany(g => g.Alerts.Where(a => a.ChildId == childId)
                .Select(a => (a.Id, Children: g.Children.Where(c => c.Id != childId).ToList())))
            .Where(x => x.Children.Count > 0).ToDictionary(x => x.Id, x => x.Children);
        var cards = alerts.Select(a => siblings.TryGetValue(a.Id, out var also)
            ? new AlertCard(a, mayAct && a.Alert.IsOpen, mayAct && a.Alert.IsOpen && mayClose, "child", AlertText.List([.. also.Select(c => c.Name)]), [.. also.Select(c => c.Id)], closesCases)
            : new AlertCard(a, mayAct && a.Alert.IsOpen, mayAct && a.Alert.IsOpen && mayClose, "child", ClosesCases: closesCases)).ToList();
        return View("/Pages/Alerts/_ChildAlerts.cshtml", new ChildAlertsModel(childId,
            [.. cards.Where(c => c.View.Alert.Status == Core.Safeguards.AlertStatus.Open)],
            [.. cards.Where(c => c.View.Alert.Status == Core.Safeguards.AlertStatus.Acknowledged)],
            [.. cards.Where(c => !c.View.Alert.IsOpen)]));
    }

    /// <summary>Team managers and conference chairs may close an alert with a reason (Permissions.CloseAlert).</summary>
    public static bool MayClose(SignedInUser user) => user.Viewer.Has(Role.TeamManager) || user.Viewer.Has(Role.ConferenceChair);
}
