using Chronicle.Core.Persistence;
using Chronicle.Core.Safeguards;
using Chronicle.Core.Security;
using Chronicle.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Chronicle.Web.Alerts;

/// <summary>
/// A professional's open alerts: those they own and those escalated to them, the most overdue first; for a team
/// manager or the front door, also those no one owns about children they may see, so that no alert is in nobody's
/// tray. Alerts they own about a child they can no longer see are only counted: nothing of that child is shown.
/// </summary>
public sealed record MyAlerts(IReadOnlyList<AlertView> Visible, int NotVisible)
{
    public static async Task<MyAlerts> LoadAsync(ChronicleDb db, Guid partnershipId, SignedInUser user, ChildAccess access, DateTimeOffset now, CancellationToken ct = default)
    {
        if (user.Professional?.Id is not { } me) return new MyAlerts([], 0);
        var unowned = TakesUnowned(user);
        var alerts = await db.Alerts.AsNoTracking()
            .Where(a => a.PartnershipId == partnershipId && (a.Status == AlertStatus.Open || a.Status == AlertStatus.Acknowledged)
                        && (a.OwnerProfessionalId == me || a.EscalatedToProfessionalId == me || (unowned && a.OwnerProfessionalId == null)))
            .ToListAsync(ct);
        var visible = (await access.VisibleAmongAsync([.. alerts.Select(a => a.SubjectPersonId).Distinct()], ct)).Select(v => v.ChildId).ToHashSet();
        var shown = alerts.Where(a => visible.Contains(a.SubjectPersonId)).OrderBy(a => a.DueAt).ThenBy(a => a.RaisedAt).ThenBy(a => a.Id).ToList();
        // Only alerts that are the user's are counted when hidden: one no one owns about a child they may not see is someone else's to pick up.
        var notVisible = alerts.Count(a => !visible.Contains(a.SubjectPersonId) && a.OwnerProfessionalId is not null);
        return new MyAlerts(await AlertReader.SummariesAsync(db, access, shown, partnershipId, now, ct), notVisible);
    }

    /// <summary>Whether the user's tray also holds the alerts no one owns (about children they may see): a team manager's and the front door's.</summary>
    public static bool TakesUnowned(SignedInUser user) => user.Viewer.Has(Role.TeamManager) || user.Viewer.Has(Role.FrontDoor);
}
